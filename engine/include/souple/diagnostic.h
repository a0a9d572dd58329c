// SPDX-License-Identifier: Apache-2.0
// Diagnostics: located, coded messages about policy sources and activity documents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace souple {

enum class Severity { kError, kWarning, kNote };

/// A position in a source file, 1-based; column counts Unicode code points.
struct Location {
  std::string file;
  uint32_t line = 0;     ///< 0 when the diagnostic is about the whole file.
  uint32_t column = 0;
  uint32_t end_column = 0;  ///< Last column (inclusive) on `line`; 0 = same as column.
};

/// One message. `code` is stable across releases (see docs/diagnostics.md); `name` is its
/// kebab-case alias.
struct Diagnostic {
  Severity severity = Severity::kError;
  std::string code;
  std::string name;
  std::string message;
  Location location;
  std::vector<std::string> help;  ///< Suggestions such as "did you mean `x`?".
};

/// An ordered collection of diagnostics, with the source texts needed to render snippets.
class Diagnostics {
 public:
  void Add(Diagnostic d) { items_.push_back(std::move(d)); }
  void Append(const Diagnostics& other);
  /// Registers the text of a file so that text rendering can show the offending line.
  void AddSourceText(const std::string& file, const std::string& text);

  bool HasErrors() const;
  size_t ErrorCount() const;
  const std::vector<Diagnostic>& items() const { return items_; }

  /// Sorts by file, line, column, code and drops exact duplicates.
  void Sort();
  /// GNU format: `file:line:col: error: message [CODE]`, a snippet with a caret, help lines.
  std::string RenderText() const;
  /// A JSON array (see schemas/diagnostics.schema.json).
  std::string RenderJson() const;

 private:
  std::vector<Diagnostic> items_;
  std::vector<std::pair<std::string, std::string>> sources_;
};

}  // namespace souple
