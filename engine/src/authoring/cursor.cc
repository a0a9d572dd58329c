// SPDX-License-Identifier: Apache-2.0
#include "authoring/cursor.h"

namespace souple::internal::authoring {

namespace {
bool Before(const Token& t, TextPoint at) { return t.line < at.line || (t.line == at.line && t.column < at.column); }
}  // namespace

size_t TokenAt(const std::vector<Token>& tokens, TextPoint at) {
  for (size_t k = 0; k < tokens.size(); ++k) {
    const Token& t = tokens[k];
    if (t.line > at.line) break;
    if (t.line != at.line) continue;
    if (t.column <= at.column && at.column < t.end_column) {
      // Between a word and a following dot: the word.
      if (t.column == at.column && k > 0 && tokens[k - 1].IsIdent() && tokens[k - 1].end_column == at.column &&
          tokens[k - 1].line == at.line) {
        return k - 1;
      }
      return k;
    }
    if (t.IsIdent() && t.end_column == at.column) {
      if (k + 1 < tokens.size() && tokens[k + 1].IsIdent() && tokens[k + 1].line == at.line &&
          tokens[k + 1].column == at.column) {
        continue;
      }
      return k;
    }
  }
  return kNoToken;
}

size_t FirstFrom(const std::vector<Token>& tokens, TextPoint at) {
  size_t k = 0;
  while (k < tokens.size() && Before(tokens[k], at)) ++k;
  return k;
}

size_t DottedStart(const std::vector<Token>& tokens, size_t last) {
  size_t k = last;
  while (k >= 2 && tokens[k - 1].Is(".") && tokens[k - 2].IsIdent() && tokens[k - 2].line == tokens[last].line) k -= 2;
  return k;
}

std::string DottedText(const std::vector<Token>& tokens, size_t first, size_t last) {
  std::string out;
  for (size_t k = first; k <= last && k < tokens.size(); ++k) {
    if (tokens[k].IsIdent()) out += (out.empty() ? "" : ".") + tokens[k].text;
  }
  return out;
}

std::string KeywordBefore(const std::vector<Token>& tokens, size_t first) {
  if (first == 0 || first > tokens.size()) return "";
  const Token& t = tokens[first - 1];
  if (!t.IsIdent() || (first >= 2 && tokens[first - 2].Is("."))) return "";
  return t.text;
}

TextRange RangeOf(const Token& t) { return {{t.line, t.column}, {t.line, t.end_column}}; }

TextRange NameRange(const Decl& d) { return {{d.line, d.column}, {d.line, d.end_column}}; }

TextRange WholeRange(const Decl& d, const std::vector<Token>& tokens) {
  TextRange r{{d.first_line, tokens[d.first_token].column}, {d.last_line, 1}};
  if (d.last_token < tokens.size()) r.end = {tokens[d.last_token].line, tokens[d.last_token].end_column};
  return r;
}

}  // namespace souple::internal::authoring
