// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "sema/checker_internal.h"

namespace souple::internal {

/// Checks one rule's clauses (kind, confidence, citations, messages) and elaborates its
/// expressions. Errors are reported; the returned rule is only used when there are none.
/// `policy_effective`/`policy_until` bound the dated pieces (rule, exceptions, citations):
/// a piece outside them is an error (E2021), a citation whose source is dated after the
/// piece citing it takes effect is a warning (W2002).
CompiledRule CompileRule(const ast::RuleDecl& decl, const std::string& policy_id,
                         const UnitEnv& env, const Type* root, TypeArena& types,
                         const Reporter& reporter, ExpansionBudget& budget,
                         Date policy_effective = 0, std::optional<Date> policy_until = std::nullopt);

/// Elaborates a policy's `applies to` into a rule whose `met when` is the scope, named
/// `<policy>:scope`, its messages the scope's description.
CompiledRule CompileScope(const ast::Unit& unit, const UnitEnv& env, const Type* root, TypeArena& types,
                          const Reporter& reporter, ExpansionBudget& budget);

}  // namespace souple::internal
