// SPDX-License-Identifier: Apache-2.0
// Souple text of compiled expressions: for diffs (definitions expanded, so that a changed
// definition shows where it is used) and explanations (definitions by name).
#pragma once

#include <string>

#include "ir/program.h"

namespace souple::internal {

/// Canonical text of an expression. Definitions appear expanded, or, with `def_names`, as
/// their use (`name(args)`).
std::string PrintNode(const Node& n, bool def_names = false);
/// A constant as written in a policy: texts quoted, durations as `3 years`.
std::string ConstText(const Value& v);
/// A constant list as written in a policy.
std::string ListText(const Node& n);
/// The body of the definition whose use `n` is (`n.def` is set), other definitions by name.
std::string PrintDefBody(const Node& n);
/// The name and arguments of a definition's use (`n.def` is set).
std::string DefUse(const Node& n, bool def_names = true);

}  // namespace souple::internal
