// SPDX-License-Identifier: Apache-2.0
// FormatSource: parse (for the diagnostics), lay out, then check the layout kept every
// token and comment before anything is returned.
#include "souple/format.h"

#include <algorithm>
#include <optional>
#include <vector>

#include "base/diag_codes.h"
#include "format/layout.h"
#include "syntax/parser.h"

namespace souple {

namespace {

using internal::LayoutKind;
using internal::LayoutToken;

// CRLF and lone CR become LF before lexing: the lexer counts lines at LF only, and the
// layout keeps the author's line breaks by line number.
std::string NormalizeLineEnds(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\r') {
      out += text[i];
    } else if (i + 1 >= text.size() || text[i + 1] != '\n') {
      out += '\n';
    }
  }
  return out;
}

bool SameToken(const LayoutToken& a, const LayoutToken& b) {
  if (a.type != b.type) return false;
  const bool comment = a.kind == LayoutKind::kLineComment || a.kind == LayoutKind::kBlockComment ||
                       a.kind == LayoutKind::kDoc;
  return comment ? internal::CanonicalCommentText(a.text) == internal::CanonicalCommentText(b.text)
                 : a.text == b.text;
}

// The line of the first token the layout lost or changed, if any (0 when only the counts
// differ at the end).
std::optional<uint32_t> FirstDifference(const std::vector<LayoutToken>& before,
                                        const std::vector<LayoutToken>& after) {
  const size_t n = std::min(before.size(), after.size());
  for (size_t i = 0; i < n; ++i) {
    if (!SameToken(before[i], after[i])) return before[i].line;
  }
  if (before.size() != after.size()) return n < before.size() ? before[n].line : 0;
  return std::nullopt;
}

}  // namespace

FormatResult FormatSource(const SourceFile& file) {
  FormatResult result;
  if (!internal::ParsePolicyFile(file.path, file.text, result.diagnostics)) {
    result.status = FormatStatus::kInvalidInput;
    return result;
  }
  const std::string input = NormalizeLineEnds(file.text);
  const auto tokens = internal::LexForLayout(input);
  std::string text = tokens ? internal::LayOut(*tokens) : std::string();
  const auto again = tokens ? internal::LexForLayout(text) : std::nullopt;
  // A layout that does not lex and parse back is reported for the whole file (line 0).
  const std::optional<uint32_t> lost = again ? FirstDifference(*tokens, *again) : std::optional<uint32_t>(0);
  if (lost) {
    result.status = FormatStatus::kInternalError;
    result.diagnostics.Add(internal::MakeError(
        internal::DiagCode::kFormatChangedTokens,
        "the layout would change the file's tokens or comments (a bug: please report it); "
        "the file is left as it is",
        Location{file.path, *lost, *lost > 0 ? 1u : 0u, 0}));
    return result;
  }
  result.changed = text != file.text;
  result.text = std::move(text);
  return result;
}

}  // namespace souple
