// SPDX-License-Identifier: Apache-2.0
// Two passes: the tokens are cut into lines (where the author broke them, and where a
// statement or a block begins), then each line is indented from the state the lines before
// it left (brace depth, the statement's indentation, open brackets).
#include "format/layout.h"

#include <optional>

#include "base/utf8.h"

namespace souple::internal {

namespace {

constexpr size_t kIndent = 2;

bool IsComment(const LayoutToken& t) {
  return t.kind == LayoutKind::kLineComment || t.kind == LayoutKind::kBlockComment;
}

struct Line {
  std::vector<const LayoutToken*> tokens;
  bool blank_before = false;
};

// The line ends with `{` (a trailing comment aside): no blank line may follow it.
bool OpensBlock(const Line& line) {
  for (auto t = line.tokens.rbegin(); t != line.tokens.rend(); ++t) {
    if (!IsComment(**t)) return (*t)->kind == LayoutKind::kLBrace;
  }
  return false;
}

std::vector<Line> CutLines(const std::vector<LayoutToken>& tokens) {
  std::vector<Line> lines;
  const LayoutToken* prev = nullptr;
  for (const LayoutToken& t : tokens) {
    bool brk;
    if (prev == nullptr || prev->kind == LayoutKind::kLineComment || prev->kind == LayoutKind::kDoc) {
      brk = true;  // a `//` or `///` comment runs to the end of its line
    } else if (IsComment(t)) {
      brk = t.line > prev->end_line;  // a trailing comment stays where it was
    } else {
      brk = t.starts_statement || t.kind == LayoutKind::kRBrace || prev->kind == LayoutKind::kLBrace ||
            t.line > prev->end_line;
    }
    if (brk) {
      Line line;
      line.blank_before = prev != nullptr && t.line >= prev->end_line + 2 &&
                          !OpensBlock(lines.back()) && t.kind != LayoutKind::kRBrace;
      lines.push_back(std::move(line));
    }
    lines.back().tokens.push_back(&t);
    prev = &t;
  }
  return lines;
}

bool SpaceBetween(const LayoutToken& prev, const LayoutToken& t) {
  if (t.attached) return false;
  switch (prev.kind) {
    case LayoutKind::kLParen: case LayoutKind::kLBrack: case LayoutKind::kDot:
      return false;
    default:
      break;
  }
  switch (t.kind) {
    case LayoutKind::kRParen: case LayoutKind::kRBrack: case LayoutKind::kComma:
    case LayoutKind::kSemi: case LayoutKind::kDot: case LayoutKind::kColon:
    case LayoutKind::kQuestion:
      return false;
    default:
      return true;
  }
}

// What the lines already laid out leave for the next one.
struct State {
  size_t depth = 0;             // open braces
  size_t statement_indent = 0;  // indentation of the current statement's first line
  size_t brackets = 0;          // `(` and `[` open since the statement began
  std::optional<size_t> lang_column;  // column of the first `fr`/`en` of the last code line
};

// The indentation of a line that starts with code token `t`.
size_t IndentOf(const LayoutToken& t, State& s) {
  if (t.kind == LayoutKind::kRBrace) return s.depth > 0 ? (s.depth - 1) * kIndent : 0;
  if (t.starts_statement) {
    s.statement_indent = s.depth * kIndent;
    s.brackets = 0;
    s.lang_column.reset();
    return s.statement_indent;
  }
  // A continuation line: a language tag lines up under the one of the line above (the
  // `en` text under the `fr` one); anything else is one level in, one more per bracket.
  if (t.kind == LayoutKind::kLang && s.lang_column) return *s.lang_column;
  size_t open = s.brackets;
  if ((t.kind == LayoutKind::kRParen || t.kind == LayoutKind::kRBrack) && open > 0) --open;
  return s.statement_indent + kIndent * (1 + open);
}

// Writes one line's tokens after `indent` spaces, updating the state as they open and
// close braces and brackets.
std::string Render(const Line& line, size_t indent, State& s) {
  std::string out(indent, ' ');
  std::optional<size_t> lang_column;
  const LayoutToken* prev = nullptr;
  for (const LayoutToken* t : line.tokens) {
    if (prev != nullptr) {
      if (IsComment(*t)) {
        out += "  ";  // a trailing comment: two spaces from the code
      } else if (SpaceBetween(*prev, *t)) {
        out += ' ';
      }
    }
    if (t->kind == LayoutKind::kLang && !lang_column) lang_column = CodePointCount(out);
    out += IsComment(*t) || t->kind == LayoutKind::kDoc ? CanonicalCommentText(t->text) : t->text;
    switch (t->kind) {
      case LayoutKind::kLBrace: ++s.depth; break;
      case LayoutKind::kRBrace: if (s.depth > 0) --s.depth; break;
      case LayoutKind::kLParen: case LayoutKind::kLBrack: ++s.brackets; break;
      case LayoutKind::kRParen: case LayoutKind::kRBrack: if (s.brackets > 0) --s.brackets; break;
      default: break;
    }
    prev = t;
  }
  s.lang_column = lang_column;
  return out;
}

}  // namespace

// Each line without trailing blanks: the first line is placed by the layout, the others of
// a block comment are kept as written.
std::string CanonicalCommentText(const std::string& text) {
  std::string out;
  size_t start = 0;
  while (true) {
    const size_t nl = text.find('\n', start);
    std::string piece = text.substr(start, nl == std::string::npos ? std::string::npos : nl - start);
    const size_t end = piece.find_last_not_of(" \t\r");
    out += end == std::string::npos ? std::string() : piece.substr(0, end + 1);
    if (nl == std::string::npos) break;
    out += '\n';
    start = nl + 1;
  }
  return out;
}

std::string LayOut(const std::vector<LayoutToken>& tokens) {
  const std::vector<Line> lines = CutLines(tokens);
  // Pass 1: the indentation of every line that holds code. A line of comments only takes
  // that of the next code line (so a comment sits with what it precedes), one level in
  // when that line closes a block (the comment is the block's last content).
  std::vector<std::optional<size_t>> indents(lines.size());
  std::vector<bool> closes(lines.size(), false);
  std::vector<std::string> rendered(lines.size());
  State state;
  for (size_t i = 0; i < lines.size(); ++i) {
    const LayoutToken* lead = nullptr;
    for (const LayoutToken* t : lines[i].tokens) {
      if (!IsComment(*t)) {
        lead = t;
        break;
      }
    }
    if (lead == nullptr) continue;
    closes[i] = lead->kind == LayoutKind::kRBrace;
    indents[i] = IndentOf(*lead, state);
    rendered[i] = Render(lines[i], *indents[i], state);
  }
  // Pass 2: comment-only lines, from the end.
  size_t next_indent = 0;
  for (size_t i = lines.size(); i-- > 0;) {
    if (indents[i]) {
      next_indent = *indents[i] + (closes[i] ? kIndent : 0);
      continue;
    }
    State ignored;
    rendered[i] = Render(lines[i], next_indent, ignored);
  }
  std::string out;
  for (size_t i = 0; i < lines.size(); ++i) {
    if (lines[i].blank_before) out += '\n';
    out += rendered[i];
    out += '\n';
  }
  return out;
}

}  // namespace souple::internal
