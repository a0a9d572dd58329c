// SPDX-License-Identifier: Apache-2.0
// The language service: what an editor asks about policy files being edited (diagnostics,
// hover, completion, definitions, outline). `souple lsp` is a thin Language Server Protocol
// face over it (docs/lsp.md); any other editor integration can use it directly.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/format.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// What a column counts: Souple's own columns count code points; LSP clients count UTF-16
/// code units unless they agree to another unit.
enum class ColumnUnit { kCodePoint, kUtf16, kUtf8 };

/// A place between two characters of a document: 1-based line, 1-based column (the
/// character after the place), in the service's ColumnUnit.
struct TextPoint {
  uint32_t line = 1;
  uint32_t column = 1;
};

/// From `start` (inclusive) to `end` (exclusive).
struct TextRange {
  TextPoint start, end;
};

struct DocumentLocation {
  std::string path;
  TextRange range;
};

/// A diagnostic of `souple check` (same code, message and help) with its range.
struct DocumentDiagnostic {
  Diagnostic diagnostic;
  TextRange range;
};

struct HoverResult {
  std::string markdown;
  TextRange range;  ///< The word hovered.
};

enum class CompletionKind { kField, kEnumValue, kKeyword, kSource, kDefinition, kTable, kModule, kRule,
                            kFunction, kVariable };

struct CompletionItem {
  std::string label;
  CompletionKind kind = CompletionKind::kField;
  std::string detail;         ///< One line: a type, a title.
  std::string documentation;  ///< Markdown.
  std::string insert_text;    ///< Replaces `CompletionList::replace`; empty: the label.
};

struct CompletionList {
  TextRange replace;  ///< The part of the word already typed.
  std::vector<CompletionItem> items;
};

enum class SymbolKind { kPolicy, kModule, kRule, kDefinition, kTable, kSource };

struct DocumentSymbol {
  std::string name;
  std::string detail;
  SymbolKind kind = SymbolKind::kRule;
  TextRange range;            ///< The whole declaration.
  TextRange selection_range;  ///< Its name.
  std::vector<DocumentSymbol> children;
};

struct LanguageServiceOptions {
  std::string data_root;  ///< The schema and bundled modules' folder. Empty: BundledDataRoot().
  ColumnUnit columns = ColumnUnit::kCodePoint;
  Limits limits = {};
};

/// Open documents and the policy sets they belong to. A document is analysed with the files
/// `souple check` would compile with it: under the data root's `policies/`, the whole
/// bundled set; elsewhere, the `.souple` files of its folder, with the bundled modules its
/// imports may name. Open documents' texts take the place of their files on disk.
/// Hover, completion and definitions read the documents' words, not their parse: they keep
/// working while a document is being typed and does not parse. Not thread-safe.
class LanguageService {
 public:
  explicit LanguageService(LanguageServiceOptions options = {});
  ~LanguageService();
  LanguageService(const LanguageService&) = delete;
  LanguageService& operator=(const LanguageService&) = delete;

  void set_column_unit(ColumnUnit unit);

  /// Opens a document, or replaces its text. `path` is a file path, or any name for a
  /// document with no file (analysed alone, with the bundled modules).
  void Open(const std::string& path, std::string text);
  void Close(const std::string& path);
  bool IsOpen(const std::string& path) const;

  /// The diagnostics of `souple check` located in this document.
  std::vector<DocumentDiagnostic> Diagnose(const std::string& path);
  std::optional<HoverResult> Hover(const std::string& path, TextPoint at);
  CompletionList Complete(const std::string& path, TextPoint at);
  /// Where the name at `at` is declared: a definition, table, source, imported module,
  /// rule named by `see`, policy named by `supersedes`, or a rule's variable.
  std::vector<DocumentLocation> Definition(const std::string& path, TextPoint at);
  /// Policies and modules, with their rules, definitions, tables and sources.
  std::vector<DocumentSymbol> Symbols(const std::string& path);
  /// The document laid out by `souple fmt` (FormatSource: refused when it does not parse),
  /// and in `whole` the range of its current text, which the layout replaces.
  struct Formatting {
    FormatResult result;
    TextRange whole;
  };
  std::optional<Formatting> Format(const std::string& path);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace souple
#pragma GCC visibility pop
