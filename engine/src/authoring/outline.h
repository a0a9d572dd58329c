// SPDX-License-Identifier: Apache-2.0
// The declarations of a policy file, read from its tokens: what the language service
// names, describes and jumps to. Read from words rather than from the parse so that a
// file being typed keeps its outline.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "authoring/lexer.h"

namespace souple::internal::authoring {

enum class DeclKind { kPolicy, kModule, kImport, kSupersedes, kSource, kDef, kTable, kRule };

struct Decl {
  DeclKind kind = DeclKind::kRule;
  std::string name;        ///< Dotted for policies, modules, imports and supersedes.
  uint32_t line = 0, column = 0, end_column = 0;  ///< The name (end exclusive).
  uint32_t first_line = 0, last_line = 0;         ///< The whole declaration.
  std::string doc;         ///< Its `///` lines, without the slashes.
  size_t first_token = 0, last_token = 0;
  std::vector<std::string> params;                           ///< def
  std::vector<std::pair<std::string, std::string>> fields;   ///< source fields; table columns and types
  std::string rule_kind, confidence;                         ///< rule
};

struct OutlineUnit {
  Decl head;  ///< kPolicy or kModule
  std::vector<Decl> items;
  const Decl* Find(DeclKind kind, const std::string& name) const;
};

struct Outline {
  std::vector<Token> tokens;
  std::vector<CommentSpan> comments;
  /// True when `line`:`column` is inside a comment (a `///` one too): nothing is named there.
  bool InComment(uint32_t line, uint32_t column) const;
  std::vector<OutlineUnit> units;
  /// The unit whose lines hold `line`, else the file's only unit, else null.
  const OutlineUnit* UnitAt(uint32_t line) const;
};

Outline BuildOutline(const std::string& text);

}  // namespace souple::internal::authoring
