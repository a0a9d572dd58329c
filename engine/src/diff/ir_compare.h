// SPDX-License-Identifier: Apache-2.0
// Structural comparison of compiled expressions, across two programs.
#pragma once

#include <string>
#include <vector>

#include "ir/print.h"
#include "ir/program.h"

namespace souple::internal {

/// A constant that differs between two structurally equal expressions.
struct ConstantDelta {
  std::string old_text, new_text;
  Op context = Op::kConst;   ///< The comparison it sits in (kLe, kGt...), or kIn for a list.
  bool on_right = true;      ///< The constant is the right operand of the comparison.
  int direction = 0;         ///< new vs old: -1 smaller, +1 larger, 0 not comparable.
  std::vector<std::string> added, removed;  ///< For list constants.
};

enum class Shape { kSame, kConstantsOnly, kDifferent };

/// Compares two expressions by structure (operators, field names, variables) and constants.
/// Field and variable names are compared by name, so the slots of two schemas may differ.
Shape CompareNodes(const Node* a, const Node* b, std::vector<ConstantDelta>& deltas);

/// `b` is `a and X` (narrower) → -1, `a or X` (wider) → +1, otherwise 0.
int ConjunctionChange(const Node& a, const Node& b);

}  // namespace souple::internal
