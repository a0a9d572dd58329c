// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <memory>

#include "sema/checker_internal.h"

namespace souple::internal {

/// Checks a table declaration (column types, one text key, row arity, cell types, unique
/// keys) and builds it. Returns null after reporting errors.
std::unique_ptr<CompiledTable> CompileTable(const ast::TableDecl& decl, TypeArena& types,
                                            const Reporter& reporter);

}  // namespace souple::internal
