// SPDX-License-Identifier: Apache-2.0
// Where a place of a document falls among its tokens, and what its words say around it.
// Places here count code points; the service converts the client's columns.
#pragma once

#include <string>
#include <vector>

#include "authoring/outline.h"
#include "souple/language_service.h"

namespace souple::internal::authoring {

constexpr size_t kNoToken = static_cast<size_t>(-1);

/// The token holding the character after `at`, or the word ending at `at`; kNoToken if none.
size_t TokenAt(const std::vector<Token>& tokens, TextPoint at);
/// The first token that starts at or after `at` (tokens.size() if none).
size_t FirstFrom(const std::vector<Token>& tokens, TextPoint at);

/// The first word of the dotted name (`a.b.c`, on one line) whose last word is at `last`.
size_t DottedStart(const std::vector<Token>& tokens, size_t last);
/// The words from `first` to `last` joined by dots.
std::string DottedText(const std::vector<Token>& tokens, size_t first, size_t last);

/// The keyword before the dotted name starting at `first` (`cite`, `import`, `see`, `def`...),
/// or an empty string: a word after a dot is a field, not a keyword.
std::string KeywordBefore(const std::vector<Token>& tokens, size_t first);

TextRange RangeOf(const Token& token);
TextRange NameRange(const Decl& decl);
TextRange WholeRange(const Decl& decl, const std::vector<Token>& tokens);

}  // namespace souple::internal::authoring
