// SPDX-License-Identifier: Apache-2.0
// A forgiving lexer of Souple text for the language service: it never fails, so that a
// document being typed (an unclosed string, a dangling dot) still yields its words.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace souple::internal::authoring {

enum class TokenKind { kIdent, kNumber, kString, kDoc, kPunct };

struct Token {
  TokenKind kind = TokenKind::kPunct;
  std::string text;      ///< As written (a string with its quotes; a doc comment whole).
  uint32_t line = 1;     ///< 1-based.
  uint32_t column = 1;   ///< 1-based, code points.
  uint32_t end_column = 1;  ///< Exclusive.
  bool unterminated = false;  ///< A string whose closing quote is not on its line.

  bool Is(const char* word) const { return kind != TokenKind::kString && text == word; }
  bool IsIdent() const { return kind == TokenKind::kIdent; }
};

/// A comment left out of the tokens: from (line, column) to (end_line, end_column), exclusive.
struct CommentSpan {
  uint32_t line = 1, column = 1, end_line = 1, end_column = 1;
};

/// Tokens of `text`; `//` and `/* */` comments and blanks are left out (the comments'
/// places go to `comments` when given), `///` kept.
std::vector<Token> Tokenize(const std::string& text, std::vector<CommentSpan>* comments = nullptr);

/// The text of a string token, its quotes removed and escapes read.
std::string Unquote(const Token& token);

}  // namespace souple::internal::authoring
