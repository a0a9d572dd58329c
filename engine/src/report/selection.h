// SPDX-License-Identifier: Apache-2.0
// Which policy versions apply on a date, and why each other one does not.
#pragma once

#include <vector>

#include "ir/program.h"
#include "souple/report.h"

namespace souple::internal {

struct Selection {
  std::vector<const CompiledPolicy*> applied;  ///< In policy order.
  std::vector<PolicyApplication> listing;      ///< Every version, applied or not, with the reason.
};

/// A version applies on `date` when it is in force (effective <= date < until), is the
/// latest final version in force of its id (or, when none is final, the latest draft), and
/// no other policy in force supersedes it (`supersedes ID [@ VERSION]`). With
/// `final_only`, drafts never apply (nor supersede).
/// `only`: id patterns (`*`, `?`) of the policies to apply; the others are `not_selected`.
Selection SelectPolicies(const Program& program, Date date, bool final_only,
                         const std::vector<std::string>& only = {});

/// Glob match of a policy id: `*` any run of characters, `?` one character.
bool MatchesPattern(const std::string& id, const std::string& pattern);

}  // namespace souple::internal
