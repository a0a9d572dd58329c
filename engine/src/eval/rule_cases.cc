// SPDX-License-Identifier: Apache-2.0
#include "eval/rule_cases.h"

namespace souple::internal {

namespace {

// As evaluator.cc's Iterate: nested `for` loops, innermost element last.
void Collect(const CompiledRule& rule, const DocNode& root, Date date, Frame& f, size_t depth, RuleCase& current,
             std::vector<RuleCase>& out) {
  if (depth == rule.fors.size()) {
    out.push_back(current);
    return;
  }
  const CompiledRule::For& loop = rule.fors[depth];
  Evaluator ev(root, date, nullptr);
  const Value list = ev.Eval(*loop.list, f);
  if (!list.known()) {
    RuleCase c = current;
    for (size_t d = depth; d < rule.fors.size(); ++d) c.bindings.emplace_back(rule.fors[d].slot, list);
    c.unknown_list = true;
    c.list = list;
    out.push_back(std::move(c));
    return;
  }
  for (size_t i = 0, size = ListSize(list); i < size; ++i) {
    const Value item = ListAt(list, i);
    f.slots[loop.slot] = item;
    current.bindings.emplace_back(loop.slot, item);
    const DocNode* saved = current.element;
    current.element = item.node;
    Collect(rule, root, date, f, depth + 1, current, out);
    current.element = saved;
    current.bindings.pop_back();
  }
}

}  // namespace

std::vector<RuleCase> EnumerateCases(const CompiledRule& rule, const DocNode& root, Date date,
                                     EvalScratch& scratch) {
  Frame f = PrepareFrame(rule, scratch);
  std::vector<RuleCase> out;
  RuleCase current;
  Collect(rule, root, date, f, 0, current, out);
  return out;
}

ObservedDecision DecideCase(const CompiledRule& rule, const DocNode& root, Date date, const RuleCase& c,
                            EvalScratch& scratch, Recording* recording, const FactOverrides* overrides) {
  Frame f = PrepareFrame(rule, scratch);
  for (const auto& [slot, value] : c.bindings) f.slots[slot] = value;
  ObservedDecision out;
  Evaluator ev(root, date, &out.trace, recording, overrides);
  out.decision = Decide(rule, ev, f, &out.trace, &out.marks);
  if (c.unknown_list && out.decision.applicable) {
    // EvaluateRule reports such a rule as undecided, for want of the list.
    out.decision = Decision{FindingStatus::kUnknown};
    out.decision.reason = c.list.reason;
  }
  return out;
}

}  // namespace souple::internal
