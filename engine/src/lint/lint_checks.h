// SPDX-License-Identifier: Apache-2.0
// The lints, each a function over the AST of files that compiled (names resolve, types
// check). They report candidates; the driver (lint.cc) applies `lint: allow` comments.
#pragma once

#include <string>
#include <vector>

#include "ast/ast.h"
#include "base/diag_codes.h"

namespace souple::internal::lint {

/// One lint found: where, and the line of the declaration it concerns (a `lint: allow`
/// comment goes in the comment block directly above that line).
struct Hit {
  DiagCode code;
  std::string message;
  std::string file;
  ast::Span span;
  uint32_t decl_line = 0;
  std::vector<std::string> help;
};

/// L001–L003: definitions, tables and sources no expression, message or citation uses
/// (a module's are used by any unit that imports it).
void UnusedDeclarations(const std::vector<ast::File>& files, std::vector<Hit>& out);

/// L004: a French and an English text of the same clause with different placeholders.
void PlaceholderMismatch(const std::vector<ast::File>& files, std::vector<Hit>& out);

/// L005: an unverified rule without the note that says why.
void UnverifiedWithoutNote(const std::vector<ast::File>& files, std::vector<Hit>& out);

/// L006: a scope, `when`, `unless` or `met when` that reads no fact.
void ConstantConditions(const std::vector<ast::File>& files, std::vector<Hit>& out);

/// L007: the same non-trivial condition in two rules of a policy (a candidate for a def).
void DuplicateConditions(const std::vector<ast::File>& files, std::vector<Hit>& out);

/// L008: a rule whose `when` requires a value its policy's scope excludes.
void ExcludedByScope(const std::vector<ast::File>& files, std::vector<Hit>& out);

}  // namespace souple::internal::lint
