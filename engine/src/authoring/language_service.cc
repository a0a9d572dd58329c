// SPDX-License-Identifier: Apache-2.0
// The public language service: documents in, answers out, columns converted between the
// client's unit and the code points everything else counts.
#include "souple/language_service.h"

#include "authoring/features.h"
#include "authoring/workspace.h"

namespace souple {

namespace {

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Units of `unit` that the code point starting at `line[i]` takes.
uint32_t Width(const std::string& line, size_t i, ColumnUnit unit) {
  if (unit == ColumnUnit::kCodePoint) return 1;
  size_t n = 1;
  while (i + n < line.size() && Continuation(line[i + n])) ++n;
  if (unit == ColumnUnit::kUtf8) return static_cast<uint32_t>(n);
  return n == 4 ? 2 : 1;  // UTF-16: code points past U+FFFF take a surrogate pair
}

}  // namespace

struct LanguageService::Impl {
  explicit Impl(const LanguageServiceOptions& o) : options(o), ws(o.data_root, o.limits) {}

  // The text of line `line` (1-based) of `path`, empty if none.
  std::string Line(const std::string& path, uint32_t line) {
    const std::string* text = ws.Text(path);
    if (text == nullptr) return "";
    size_t start = 0;
    for (uint32_t l = 1; l < line; ++l) {
      start = text->find('\n', start);
      if (start == std::string::npos) return "";
      ++start;
    }
    const size_t end = text->find('\n', start);
    return text->substr(start, end == std::string::npos ? std::string::npos : end - start);
  }

  // Code-point column -> the client's column.
  uint32_t ToClient(const std::string& path, uint32_t line, uint32_t column) {
    if (options.columns == ColumnUnit::kCodePoint) return column;
    const std::string text = Line(path, line);
    uint32_t out = 1, seen = 1;
    for (size_t i = 0; i < text.size() && seen < column; ++i) {
      if (Continuation(text[i])) continue;
      out += Width(text, i, options.columns);
      ++seen;
    }
    return out + (column - seen);  // past the end of the line: as many as asked
  }

  // The client's column -> code-point column (a place inside a character: that character).
  uint32_t FromClient(const std::string& path, uint32_t line, uint32_t column) {
    if (options.columns == ColumnUnit::kCodePoint) return column;
    const std::string text = Line(path, line);
    uint32_t units = 1, out = 1;
    for (size_t i = 0; i < text.size() && units < column; ++i) {
      if (Continuation(text[i])) continue;
      units += Width(text, i, options.columns);
      ++out;
    }
    return out + (units < column ? column - units : 0);
  }

  TextRange ToClient(const std::string& path, TextRange r) {
    r.start.column = ToClient(path, r.start.line, r.start.column);
    r.end.column = ToClient(path, r.end.line, r.end.column);
    return r;
  }

  TextPoint FromClient(const std::string& path, TextPoint p) {
    p.column = FromClient(path, p.line, p.column);
    return p;
  }

  void ToClient(const std::string& path, std::vector<DocumentSymbol>& symbols) {
    for (auto& s : symbols) {
      s.range = ToClient(path, s.range);
      s.selection_range = ToClient(path, s.selection_range);
      ToClient(path, s.children);
    }
  }

  // The diagnostics of `path` among those of compiling `policies` with `shared`.
  std::vector<Diagnostic> Check(const std::string& path, const std::vector<std::string>& policies,
                                const std::vector<std::string>& shared, bool& others_failed) {
    auto sources = [&](const std::vector<std::string>& paths) {
      std::vector<SourceFile> out;
      for (const auto& p : paths) {
        if (const std::string* text = ws.Text(p)) out.push_back({p, *text});
      }
      return out;
    };
    CompileResult result = CompilePolicies(*ws.schema(), sources(policies), ws.limits(), sources(shared));
    std::vector<Diagnostic> mine;
    others_failed = false;
    for (const auto& d : result.diagnostics.items()) {
      if (d.location.file == path) {
        mine.push_back(d);
      } else if (d.severity == Severity::kError) {
        others_failed = true;
      }
    }
    return mine;
  }

  LanguageServiceOptions options;
  internal::authoring::Workspace ws;
};

LanguageService::LanguageService(LanguageServiceOptions options) : impl_(std::make_unique<Impl>(options)) {}
LanguageService::~LanguageService() = default;

void LanguageService::set_column_unit(ColumnUnit unit) { impl_->options.columns = unit; }
void LanguageService::Open(const std::string& path, std::string text) { impl_->ws.Open(path, std::move(text)); }
void LanguageService::Close(const std::string& path) { impl_->ws.Close(path); }
bool LanguageService::IsOpen(const std::string& path) const { return impl_->ws.IsOpen(path); }

std::vector<DocumentDiagnostic> LanguageService::Diagnose(const std::string& path) {
  std::vector<Diagnostic> found;
  if (impl_->ws.schema() == nullptr) {
    found = impl_->ws.schema_diagnostics().items();
  } else if (impl_->ws.Text(path) != nullptr) {
    internal::authoring::PolicyFiles files = impl_->ws.FilesOf(path);
    bool others_failed = false;
    found = impl_->Check(path, files.policies, files.shared, others_failed);
    if (found.empty() && others_failed) {
      // Another file of the set does not compile, which may stop the check before this
      // one: check it alone, the others being modules it may import.
      std::vector<std::string> shared(files.policies.begin() + 1, files.policies.end());
      shared.insert(shared.end(), files.shared.begin(), files.shared.end());
      found = impl_->Check(path, {path}, shared, others_failed);
    }
  }
  std::vector<DocumentDiagnostic> out;
  for (auto& d : found) {
    const Location& l = d.location;
    TextRange r{{1, 1}, {1, 1}};
    if (l.line > 0) {
      const uint32_t column = l.column > 0 ? l.column : 1;
      const uint32_t last = l.end_column >= column ? l.end_column : column;
      r = impl_->ToClient(path, {{l.line, column}, {l.line, last + 1}});
    }
    out.push_back({std::move(d), r});
  }
  return out;
}

std::optional<HoverResult> LanguageService::Hover(const std::string& path, TextPoint at) {
  auto hover = internal::authoring::HoverAt(impl_->ws, path, impl_->FromClient(path, at));
  if (hover) hover->range = impl_->ToClient(path, hover->range);
  return hover;
}

CompletionList LanguageService::Complete(const std::string& path, TextPoint at) {
  CompletionList list = internal::authoring::CompleteAt(impl_->ws, path, impl_->FromClient(path, at));
  list.replace = impl_->ToClient(path, list.replace);
  return list;
}

std::vector<DocumentLocation> LanguageService::Definition(const std::string& path, TextPoint at) {
  std::vector<DocumentLocation> out = internal::authoring::DefinitionAt(impl_->ws, path, impl_->FromClient(path, at));
  for (auto& l : out) l.range = impl_->ToClient(l.path, l.range);
  return out;
}

std::optional<LanguageService::Formatting> LanguageService::Format(const std::string& path) {
  const std::string* text = impl_->ws.Text(path);
  if (text == nullptr) return std::nullopt;
  Formatting out;
  out.result = FormatSource({path, *text});
  // From the start to the end of the last line (a final newline ends an empty last line).
  uint32_t lines = 1;
  size_t last_start = 0;
  for (size_t i = 0; i < text->size(); ++i) {
    if ((*text)[i] == '\n') {
      ++lines;
      last_start = i + 1;
    }
  }
  uint32_t last_columns = 1;
  for (size_t i = last_start; i < text->size(); ++i) last_columns += Continuation((*text)[i]) ? 0 : 1;
  out.whole = impl_->ToClient(path, TextRange{{1, 1}, {lines, last_columns}});
  return out;
}

std::vector<DocumentSymbol> LanguageService::Symbols(const std::string& path) {
  std::vector<DocumentSymbol> out = internal::authoring::SymbolsOf(impl_->ws, path);
  impl_->ToClient(path, out);
  return out;
}

}  // namespace souple
