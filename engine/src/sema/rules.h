// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sema/checker_internal.h"

namespace souple::internal {

/// Checks one rule's clauses (kind, confidence, citations, messages) and elaborates its
/// expressions. Errors are reported; the returned rule is only used when there are none.
CompiledRule CompileRule(const ast::RuleDecl& decl, const std::string& policy_id,
                         const UnitEnv& env, const Type* root, TypeArena& types,
                         const Reporter& reporter, ExpansionBudget& budget);

/// Elaborates a policy's `applies to` into a rule whose `met when` is the scope, named
/// `<policy>:scope`, its messages the scope's description.
CompiledRule CompileScope(const ast::Unit& unit, const UnitEnv& env, const Type* root, TypeArena& types,
                          const Reporter& reporter, ExpansionBudget& budget);

}  // namespace souple::internal
