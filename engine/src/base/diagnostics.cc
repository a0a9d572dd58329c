// SPDX-License-Identifier: Apache-2.0
// Diagnostics collection and its text (GNU + snippet) and JSON renderings.
#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <tuple>

#include "base/diag_codes.h"
#include "base/utf8.h"
#include "souple/diagnostic.h"

namespace souple {

namespace {

const char* SeverityName(Severity s) {
  switch (s) {
    case Severity::kError: return "error";
    case Severity::kWarning: return "warning";
    case Severity::kNote: return "note";
  }
  return "error";
}

// Returns line `line` (1-based) of `text`, without its newline.
std::string_view LineOf(std::string_view text, uint32_t line) {
  size_t start = 0;
  for (uint32_t l = 1; l < line; ++l) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string_view::npos) return {};
    start = nl + 1;
  }
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  if (end > start && text[end - 1] == '\r') --end;
  return text.substr(start, end - start);
}

auto SortKey(const Diagnostic& d) {
  return std::tie(d.location.file, d.location.line, d.location.column, d.code, d.message);
}

}  // namespace

void Diagnostics::Add(Diagnostic d) {
  if (Full()) {
    ++omitted_;
    if (d.severity == Severity::kError) ++omitted_errors_;
    return;
  }
  items_.push_back(std::move(d));
}

void Diagnostics::Append(const Diagnostics& other) {
  for (const auto& d : other.items_) Add(d);
  omitted_ += other.omitted_;
  omitted_errors_ += other.omitted_errors_;
  // Only the texts a kept diagnostic shows are copied: appending the (clean) results of a
  // register's entries must not keep a copy of every entry.
  for (const auto& s : other.sources_) {
    const bool shown = std::any_of(items_.begin(), items_.end(),
                                   [&](const Diagnostic& d) { return d.location.file == s.first; });
    if (shown) AddSourceText(s.first, s.second);
  }
}

Diagnostic Diagnostics::OmittedNote() const {
  Diagnostic d = internal::MakeWarning(internal::DiagCode::kTooManyDiagnostics, "", {});
  d.severity = Severity::kNote;
  d.message = std::to_string(omitted_) + " more diagnostic" + (omitted_ == 1 ? "" : "s") +
              " not shown (" + std::to_string(omitted_errors_) + " of them errors): at most " +
              std::to_string(kMaxDiagnostics) + " are kept; fix these and run again";
  return d;
}

void Diagnostics::AddSourceText(const std::string& file, const std::string& text) {
  for (const auto& s : sources_) {
    if (s.first == file) return;
  }
  sources_.emplace_back(file, text);
}

bool Diagnostics::HasErrors() const { return ErrorCount() > 0; }

size_t Diagnostics::ErrorCount() const {
  return omitted_errors_ +
         static_cast<size_t>(std::count_if(items_.begin(), items_.end(), [](const Diagnostic& d) {
           return d.severity == Severity::kError;
         }));
}

void Diagnostics::Sort() {
  std::stable_sort(items_.begin(), items_.end(),
                   [](const Diagnostic& a, const Diagnostic& b) { return SortKey(a) < SortKey(b); });
  items_.erase(std::unique(items_.begin(), items_.end(),
                           [](const Diagnostic& a, const Diagnostic& b) {
                             return SortKey(a) == SortKey(b);
                           }),
               items_.end());
}

std::string Diagnostics::RenderText() const {
  std::ostringstream out;
  for (const auto& d : items_) {
    const auto& loc = d.location;
    out << loc.file;
    if (loc.line > 0) out << ':' << loc.line << ':' << loc.column;
    out << ": " << SeverityName(d.severity) << ": " << d.message << " [" << d.code << "]\n";
    const std::string* text = nullptr;
    for (const auto& s : sources_) {
      if (s.first == loc.file) text = &s.second;
    }
    if (text != nullptr && loc.line > 0) {
      const std::string_view line = LineOf(*text, loc.line);
      // A snippet of a very long line (minified JSON, a JSON Lines record) would drown the
      // message: the location says where to look.
      if (!line.empty() && line.size() <= 240 && !internal::FindInvalidUtf8(line)) {
        const std::string gutter = std::to_string(loc.line);
        out << ' ' << gutter << " | " << line << '\n';
        out << ' ' << std::string(gutter.size(), ' ') << " | ";
        // Keep tabs so the caret lines up under tab-indented text.
        uint32_t col = 1;
        size_t i = 0;
        while (col < loc.column && i < line.size()) {
          const auto c = static_cast<unsigned char>(line[i]);
          if ((c & 0xC0) != 0x80) {
            out << (c == '\t' ? '\t' : ' ');
            ++col;
          }
          ++i;
          while (i < line.size() && (static_cast<unsigned char>(line[i]) & 0xC0) == 0x80) ++i;
        }
        out << '^';
        if (loc.end_column > loc.column) out << std::string(std::min<uint32_t>(loc.end_column - loc.column, 40), '~');
        out << '\n';
      }
    }
    for (const auto& h : d.help) out << "help: " << h << '\n';
  }
  if (omitted_ > 0) {
    const Diagnostic note = OmittedNote();
    out << "souple: note: " << note.message << " [" << note.code << "]\n";
  }
  return out.str();
}

std::string Diagnostics::RenderJson() const {
  nlohmann::ordered_json arr = nlohmann::ordered_json::array();
  std::vector<Diagnostic> all = items_;
  if (omitted_ > 0) all.push_back(OmittedNote());
  for (const auto& d : all) {
    nlohmann::ordered_json j;
    j["severity"] = SeverityName(d.severity);
    j["code"] = d.code;
    j["name"] = d.name;
    j["message"] = d.message;
    nlohmann::ordered_json loc;
    loc["file"] = d.location.file;
    loc["line"] = d.location.line;
    loc["column"] = d.location.column;
    loc["end_column"] = std::max(d.location.end_column, d.location.column);
    j["location"] = loc;
    j["help"] = d.help;
    arr.push_back(j);
  }
  return arr.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace souple
