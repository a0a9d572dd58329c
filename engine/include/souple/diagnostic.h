// SPDX-License-Identifier: Apache-2.0
// Diagnostics: located, coded messages about policy sources and activity documents.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
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
/// At most `kMaxDiagnostics` are kept (the first ones added); the others are only counted,
/// and the renderings end with a note saying how many were left out (E5005).
class Diagnostics {
 public:
  static constexpr size_t kMaxDiagnostics = 100;

  void Add(Diagnostic d);
  void Append(const Diagnostics& other);
  /// True once no further diagnostic will be kept: callers may skip costly suggestions.
  bool Full() const { return items_.size() >= kMaxDiagnostics; }
  /// Diagnostics added but not kept, and how many of them were errors.
  size_t omitted() const { return omitted_; }
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
  Diagnostic OmittedNote() const;

  std::vector<Diagnostic> items_;
  size_t omitted_ = 0;
  size_t omitted_errors_ = 0;
  std::vector<std::pair<std::string, std::string>> sources_;
};

}  // namespace souple
#pragma GCC visibility pop
