// SPDX-License-Identifier: Apache-2.0
// One rule decided for one element, observed: the entry points `souple explain` uses. The
// decision is the one EvaluateRule makes (the same interpreter, the same order of clauses),
// with every sub-expression's value recorded and, for why-not, facts read as other values.
#pragma once

#include <vector>

#include "eval/interpreter.h"

namespace souple::internal {

/// One combination of the rule's `for` elements (none when it has no `for`): what one
/// finding of the rule is about.
struct RuleCase {
  std::vector<std::pair<uint32_t, Value>> bindings;  // frame slot -> element
  const DocNode* element = nullptr;                  // the innermost element: names the finding
  /// A `for` list is not stated: its elements are unknown, and so is the rule (when it applies).
  bool unknown_list = false;
  Value list;  // that list's value (unknown)
};

/// The cases of `rule` in the order EvaluateRule produces its findings.
std::vector<RuleCase> EnumerateCases(const CompiledRule& rule, const DocNode& root, Date date,
                                     EvalScratch& scratch);

struct ObservedDecision {
  Decision decision;
  Trace trace;
  std::vector<ClauseMark> marks;
};

/// Decides `rule` for `c`; with `recording`, records every value; with `overrides`, reads
/// those facts as the values given.
ObservedDecision DecideCase(const CompiledRule& rule, const DocNode& root, Date date, const RuleCase& c,
                            EvalScratch& scratch, Recording* recording, const FactOverrides* overrides);

}  // namespace souple::internal
