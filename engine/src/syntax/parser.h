// SPDX-License-Identifier: Apache-2.0
// The one entry point to the generated ANTLR parser: policy source text -> AST.
#pragma once

#include <optional>
#include <string>

#include "ast/ast.h"
#include "souple/diagnostic.h"

namespace souple::internal {

struct ParseOptions {
  size_t max_bytes = 1 << 20;    ///< A policy file larger than this is rejected (E5003).
  uint32_t max_nesting = 128;    ///< Bracket and prefix-operator nesting limit (E1003).
  size_t max_syntax_errors = 20; ///< Syntax errors reported per file before giving up.
};

/// Parses one policy file. Syntax errors, invalid UTF-8, size and nesting limits are
/// reported in `diags`; the result is empty when any error was found. Never throws for
/// bad input.
std::optional<ast::File> ParsePolicyFile(const std::string& path, const std::string& text,
                                         Diagnostics& diags, const ParseOptions& options = {});

/// Checks a buffer is acceptable input text (size and UTF-8), reporting E5003 / E5002.
bool CheckInputText(const std::string& path, const std::string& text, size_t max_bytes,
                    Diagnostics& diags);

}  // namespace souple::internal
