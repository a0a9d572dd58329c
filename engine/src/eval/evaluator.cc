// SPDX-License-Identifier: Apache-2.0
// Evaluation of compiled rules against an activity: one finding per applicable element.
#include "eval/evaluator.h"

#include "eval/interpreter.h"

namespace souple::internal {

namespace {

// The values of the message placeholders, in the frame the finding was decided in.
void FillPlaceholders(const CompiledRule& rule, Evaluator& ev, Frame& f, RawFinding& finding) {
  for (const auto& part : rule.message_fr.parts) {
    if (part.expr != nullptr) finding.placeholders_fr.push_back(ev.Eval(*part.expr, f));
  }
  for (const auto& part : rule.message_en.parts) {
    if (part.expr != nullptr) finding.placeholders_en.push_back(ev.Eval(*part.expr, f));
  }
}

void Emit(const CompiledRule& rule, const DocNode& root, Date date, bool explain, Frame& f,
          const DocNode* element, std::vector<RawFinding>& out) {
  Evaluator fast(root, date, nullptr);
  const Decision d = Decide(rule, fast, f, nullptr);
  if (!d.applicable) return;
  RawFinding finding;
  finding.element = element;
  finding.status = d.status;
  finding.exception = d.exception;
  finding.unknown_reason = d.reason;
  if (!explain) {
    out.push_back(std::move(finding));
    return;
  }
  // Second pass, traced: the same decision, with the facts it read.
  Evaluator traced(root, date, &finding.trace);
  Decide(rule, traced, f, &finding.trace);
  FillPlaceholders(rule, fast, f, finding);
  out.push_back(std::move(finding));
}

// Iterates the rule's `for` clauses from `depth` on (nested loops), emitting one finding per
// combination of elements; the innermost element names the finding.
void Iterate(const CompiledRule& rule, const DocNode& root, Date date, bool explain, Frame& f,
             size_t depth, const DocNode* element, std::vector<RawFinding>& out) {
  if (depth == rule.fors.size()) {
    Emit(rule, root, date, explain, f, element, out);
    return;
  }
  const CompiledRule::For& loop = rule.fors[depth];
  Trace list_trace;
  Evaluator ev(root, date, &list_trace);
  const Value list = ev.Eval(*loop.list, f);
  if (list.known()) {
    for (size_t i = 0, size = ListSize(list); i < size; ++i) {
      const Value item = ListAt(list, i);
      f.slots[loop.slot] = item;
      Iterate(rule, root, date, explain, f, depth + 1, item.node, out);
    }
    return;
  }
  // The list is not stated. With its elements unknown, the rule may still not apply (its
  // `when` is false whatever they are); otherwise one "cannot tell" finding names the list.
  f.slots[loop.slot] = list;
  for (size_t d = depth + 1; d < rule.fors.size(); ++d) f.slots[rule.fors[d].slot] = list;
  Evaluator fast(root, date, nullptr);
  if (!Decide(rule, fast, f, nullptr).applicable) return;
  RawFinding finding;
  finding.element = element;
  finding.status = FindingStatus::kUnknown;
  finding.unknown_reason = list.reason;
  if (explain) {
    finding.trace = std::move(list_trace);
    FillPlaceholders(rule, fast, f, finding);  // the loop variables are unknown: "(not stated)"
  }
  out.push_back(std::move(finding));
}

}  // namespace

std::string MissingPath(const MissingFact& m) {
  std::string path = PathOf(m.node);
  std::vector<const std::string*> names;
  const Node* n = m.leaf;
  for (uint8_t i = 0; i < m.depth && n != nullptr; ++i, n = n->kids.empty() ? nullptr : n->kids[0].get()) {
    names.push_back(&n->name);
  }
  for (auto it = names.rbegin(); it != names.rend(); ++it) path += (path.empty() ? "" : ".") + **it;
  return path;
}

std::string MissingDescription(const MissingFact& m, bool french) {
  auto text = [french](const FieldDef& f) { return french ? f.description_fr : f.description; };
  if (m.leaf != nullptr && m.depth > 0) {
    const Type* record = m.leaf->kids[0]->type;
    if (record != nullptr && m.leaf->slot < record->fields.size()) return text(record->fields[m.leaf->slot]);
  }
  if (m.node->parent == nullptr) return "";
  return m.node->parent->type->fields.size() > m.node->index && m.node->parent->kind == DocNode::Kind::kRecord
             ? text(m.node->parent->type->fields[m.node->index])
             : "";
}

bool MissingInReplacedField(const MissingFact& m) {
  for (const DocNode* n = m.node; n != nullptr && n->parent != nullptr; n = n->parent) {
    const DocNode& p = *n->parent;
    if (p.kind == DocNode::Kind::kRecord && n->index < p.type->fields.size() &&
        !p.type->fields[n->index].replaced_by.empty()) {
      return true;
    }
  }
  const Node* n = m.leaf;
  for (uint8_t i = 0; i < m.depth && n != nullptr; ++i, n = n->kids.empty() ? nullptr : n->kids[0].get()) {
    const Type* record = n->kids.empty() ? nullptr : n->kids[0]->type;
    if (record != nullptr && n->slot < record->fields.size() && !record->fields[n->slot].replaced_by.empty()) return true;
  }
  return false;
}

void EvaluateRule(const CompiledRule& rule, const DocNode& root, Date evaluation_date,
                  bool explain, EvalScratch& scratch, std::vector<RawFinding>& out) {
  Frame f = PrepareFrame(rule, scratch);
  Iterate(rule, root, evaluation_date, explain, f, 0, nullptr, out);
}

}  // namespace souple::internal
