// SPDX-License-Identifier: Apache-2.0
// The checker: resolves names against the activity schema and the declarations, types
// every expression, and elaborates the AST into the compiled program (ir/program.h).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "ast/ast.h"
#include "ir/program.h"
#include "souple/diagnostic.h"

namespace souple::internal {

struct CheckInput {
  std::vector<ast::File> files;
  std::vector<std::string> file_hashes;  // sha256 of each file's text, same order
};

/// Checks all files together (imports and `see` references cross files). Returns null
/// when any error was reported.
std::unique_ptr<Program> CheckAndCompile(CheckInput input, std::shared_ptr<const Schema> schema,
                                         Diagnostics& diags);

}  // namespace souple::internal
