// SPDX-License-Identifier: Apache-2.0
// Text-level edits guided by the AST spans, so that everything else is kept verbatim.
#include "souple/scaffold.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "base/diag_codes.h"
#include "base/utf8.h"
#include "syntax/parser.h"

namespace souple {

using internal::DiagCode;
using internal::MakeError;

namespace {

// Replaces columns [begin, end] (1-based code points, as in AST spans) of a line.
void Splice(std::string& line, uint32_t begin, uint32_t end, const std::string& with) {
  const size_t from = internal::OffsetOfColumn(line, begin);
  const size_t to = internal::OffsetOfColumn(line, end + 1);
  line = line.substr(0, from) + with + line.substr(to);
}

// A string literal of the language holding `text`.
std::string Quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

std::string Indent(const std::string& line) { return line.substr(0, line.find_first_not_of(" \t")); }

}  // namespace

ScaffoldResult ScaffoldNewVersion(const SourceFile& previous, const NewVersionRequest& request) {
  ScaffoldResult out;
  auto fail = [&](const std::string& message) {
    out.diagnostics.Add(MakeError(DiagCode::kMissingHeader, message, Location{previous.path, 0, 0, 0}));
    out.text.clear();
    return out;
  };
  if (!IsValidDate(request.effective)) return fail("--effective must be YYYY-MM-DD");
  if (!request.status.empty() && request.status != "draft" && request.status != "final") {
    return fail("--status must be draft or final");
  }
  auto file = internal::ParsePolicyFile(previous.path, previous.text, out.diagnostics);
  if (!file) return out;
  if (file->units.size() != 1 || file->units[0].is_module) return fail("the file must hold exactly one policy");
  const auto& unit = file->units[0];
  if (unit.version.empty() || !unit.effective || unit.status.empty()) {
    return fail("the previous version needs `version`, `status` and `effective`");
  }
  if (request.version == unit.version) return fail("the new version must have a new label (it is `" + unit.version + "`)");
  if (internal::ParseDate(request.effective).value() <= *unit.effective) {
    return fail("the new version must take effect after the previous one (" +
                internal::FormatDate(*unit.effective) + ")");
  }
  std::vector<std::string> lines = internal::SplitLines(previous.text);
  // Edit from the bottom of the header up, so earlier spans stay valid.
  struct Edit {
    uint32_t line, begin, end;
    std::string with;
  };
  std::vector<Edit> edits = {
      {unit.version_span.line, unit.version_span.column, unit.version_span.end_column, Quoted(request.version)},
      {unit.effective_span.line, unit.effective_span.column, unit.effective_span.end_column, request.effective},
  };
  if (!request.status.empty()) {
    edits.push_back({unit.status_span.line, unit.status_span.column, unit.status_span.end_column, request.status});
  }
  std::sort(edits.begin(), edits.end(), [](const Edit& a, const Edit& b) {
    return std::tie(a.line, a.begin) > std::tie(b.line, b.begin);
  });
  for (const auto& e : edits) Splice(lines[e.line - 1], e.begin, e.end, e.with);
  // The new version records what it supersedes; the previous `until` does not carry over.
  std::vector<uint32_t> drop;
  if (unit.until) drop.push_back(unit.until_span.line);
  for (const auto& s : unit.supersedes) {
    if (s.name == unit.id) drop.push_back(s.span.line);
  }
  const uint32_t effective_line = unit.effective_span.line;
  for (uint32_t line : drop) {
    if (line == effective_line || line == unit.version_span.line ||
        (!request.status.empty() && line == unit.status_span.line)) {
      return fail("put `until` and `supersedes` on lines of their own: they are dropped from the new version");
    }
  }
  std::ostringstream text;
  for (uint32_t i = 1; i <= lines.size(); ++i) {
    if (std::find(drop.begin(), drop.end(), i) == drop.end()) text << lines[i - 1] << '\n';
    if (i == effective_line) {
      text << Indent(lines[i - 1]) << "supersedes " << unit.id << " @ " << Quoted(unit.version) << "\n";
    }
  }
  out.text = text.str();
  // The result must still parse.
  Diagnostics check;
  if (!internal::ParsePolicyFile(previous.path, out.text, check)) {
    out.diagnostics.Append(check);
    return fail("internal: the scaffolded text does not parse");
  }
  return out;
}

}  // namespace souple
