// SPDX-License-Identifier: Apache-2.0
// The token stream the formatter lays out: every token of a policy file, comments included,
// with what the parse tree knows about where statements start and which tokens are glued.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace souple::internal {

/// The token classes the layout rules tell apart (grammar/Souple.g4 has more types; the
/// others are words: names, keywords, literals, strings and operators).
enum class LayoutKind {
  kWord, kLang, kLParen, kRParen, kLBrack, kRBrack, kLBrace, kRBrace,
  kComma, kDot, kColon, kSemi, kQuestion, kDoc, kLineComment, kBlockComment,
};

struct LayoutToken {
  LayoutKind kind = LayoutKind::kWord;
  size_t type = 0;        ///< The lexer's token type: token equality compares it.
  std::string text;
  uint32_t line = 0;      ///< 1-based line of the token's first character.
  uint32_t end_line = 0;  ///< Line of its last character (a block comment may span lines).
  /// First token of a declaration, item, clause, source field or table row, a `///` doc
  /// comment, or the first token after one: it begins a line of its own.
  bool starts_statement = false;
  /// Written right after the previous token: a call's or `def`'s `(`, an index's `[`, the
  /// operand of a unary minus.
  bool attached = false;
};

/// Lexes `text` on every channel and parses it to mark statements and glued tokens. Empty
/// when the text does not lex or parse cleanly: callers parse it first (ParsePolicyFile)
/// to report why.
std::optional<std::vector<LayoutToken>> LexForLayout(const std::string& text);

}  // namespace souple::internal
