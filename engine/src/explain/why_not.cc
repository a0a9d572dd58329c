// SPDX-License-Identifier: Apache-2.0
#include "explain/why_not.h"

#include <set>
#include <unordered_set>

#include "report/report_builder.h"

namespace souple::internal {

namespace {

bool IsComparison(Op op) {
  return op == Op::kEq || op == Op::kNe || op == Op::kLt || op == Op::kLe || op == Op::kGt || op == Op::kGe;
}

bool IsScalar(const Value& v) {
  return v.kind == Value::Kind::kInt || v.kind == Value::Kind::kDate || v.kind == Value::Kind::kDuration ||
         v.kind == Value::Kind::kText;
}

// The constant and its neighbours: `x < c` and `x <= c` are flipped by c - 1, c and c + 1.
void Neighbours(const Value& c, std::vector<Value>& out) {
  out.push_back(c);
  switch (c.kind) {
    case Value::Kind::kInt:
      if (c.int_value > INT64_MIN) out.push_back(Value::Int(c.int_value - 1));
      if (c.int_value < INT64_MAX) out.push_back(Value::Int(c.int_value + 1));
      break;
    case Value::Kind::kDate:
      for (int sign : {-1, 1}) {
        if (auto d = AddDuration(c.date_value, Duration{0, 1}, sign)) out.push_back(Value::OfDate(*d));
      }
      break;
    case Value::Kind::kDuration: {
      // A month-based limit moves by a month, a day-based one by a day.
      const Duration step = c.duration_value.days == 0 ? Duration{1, 0} : Duration{0, 1};
      for (int sign : {-1, 1}) {
        auto d = AddDurations(c.duration_value, step, sign);
        if (d && d->months >= 0 && d->days >= 0) out.push_back(Value::OfDuration(*d));
      }
      break;
    }
    default: break;
  }
}

bool SameValue(const Value& a, const Value& b) {
  if (a.known() != b.known()) return false;
  if (!a.known()) return true;
  if (a.kind != b.kind) return false;
  if (a.kind == Value::Kind::kList) {
    if (ListSize(a) != ListSize(b)) return false;
    for (size_t i = 0; i < ListSize(a); ++i) {
      if (!SameValue(ListAt(a, i), ListAt(b, i))) return false;
    }
    return true;
  }
  return ValuesEqual(a, b);
}

std::string ChangeText(const Value& v) { return v.known() ? CanonicalText(v) : "(not stated)"; }

}  // namespace

std::string OutcomeName(const Decision& d) {
  return d.applicable ? FindingStatusName(d.status) : "not_applicable";
}

std::string WhyNotSearch::Outcome(const FactOverrides& overrides, Recording* rec) {
  ++evaluations_;
  return OutcomeName(DecideCase(rule_, root_, date_, case_, scratch_, rec, &overrides).decision);
}

bool WhyNotSearch::Reached(const std::string& outcome) const {
  return outcome != original_ && outcome != "unknown";
}

bool WhyNotSearch::Preferred(const std::string& outcome) const {
  return Reached(outcome) && (preferred_.empty() || outcome == preferred_);
}

FactChange WhyNotSearch::Change(const Candidate& c) const {
  return FactChange{c.path, c.stated ? CanonicalText(c.current) : "(not stated)", ChangeText(c.value)};
}

void WhyNotSearch::Apply(const Candidate& c, FactOverrides& overrides) {
  if (c.node != nullptr) {
    overrides.nodes[c.node] = c.value;
  } else {
    overrides.absent_paths[c.path] = c.value;
  }
}

void WhyNotSearch::Remove(const Candidate& c, FactOverrides& overrides) {
  if (c.node != nullptr) {
    overrides.nodes.erase(c.node);
  } else {
    overrides.absent_paths.erase(c.path);
  }
}

// The values a fact is compared with, directly or through a definition's parameter bound
// to it (`kBind` whose argument is the fact: its uses are the kLocal of that slot below): a
// constant, or what the other side evaluated to (another fact, a let), with its neighbours.
void WhyNotSearch::AddComparisons(const Recording& rec, size_t entry, std::vector<Value>& out, bool& found) {
  const Recording::Entry& e = rec.entries[entry];
  if (e.parent < 0) return;
  const Recording::Entry& p = rec.entries[e.parent];
  const Node& op = *p.node;
  if (IsComparison(op.op) && op.kids.size() == 2) {
    const Node& other = e.node == op.kids[0].get() ? *op.kids[1] : *op.kids[0];
    const Value* limit = other.op == Op::kConst ? &other.constant : nullptr;
    for (size_t i = e.parent + 1; limit == nullptr && i < rec.entries.size(); ++i) {
      if (rec.entries[i].parent == e.parent && rec.entries[i].node == &other) limit = &rec.entries[i].value;
    }
    if (limit != nullptr && limit->known() && IsScalar(*limit)) {
      Neighbours(*limit, out);
      found = true;
    }
    return;
  }
  if (op.op == Op::kIn && e.node == op.kids[0].get() && op.kids[1]->op == Op::kConstList) {
    for (const Value& v : op.kids[1]->list) out.push_back(v);
    found = true;
    return;
  }
  if (op.op == Op::kBind && e.node == op.kids[0].get()) {
    for (size_t i = e.parent + 1; i < rec.entries.size(); ++i) {
      // Descendants of the binding follow it in the recording, until an entry outside it.
      int a = rec.entries[i].parent;
      while (a >= 0 && a != e.parent) a = rec.entries[a].parent;
      if (a != e.parent) break;
      if (rec.entries[i].node->op == Op::kLocal && rec.entries[i].node->slot == op.slot) {
        AddComparisons(rec, i, out, found);
      }
    }
  }
}

std::vector<WhyNotSearch::Candidate> WhyNotSearch::Candidates(const Recording& rec, const std::string& except) {
  std::vector<Candidate> out;
  std::unordered_set<std::string> varied;  // facts whose type gives all their values at once
  std::unordered_set<std::string> not_varied;
  std::set<std::pair<std::string, std::string>> seen_values;
  for (size_t i = 0; i < rec.entries.size(); ++i) {
    const Recording::Entry& e = rec.entries[i];
    const Op op = e.node->op;
    if (op != Op::kRoot && op != Op::kField) continue;
    const Value& v = e.value;
    if (v.node == nullptr || (!v.known() && v.reason != UnknownReason::kMissing)) continue;
    // A stated fact is its node; one not stated, the absent node, or the path below it.
    const bool below_absent = !v.known() && v.missing_leaf != nullptr;
    const DocNode* node = below_absent ? nullptr : v.node;
    const std::string path = below_absent ? MissingPath(MissingFact{v.node, v.missing_leaf, v.missing_depth})
                                          : PathOf(v.node);
    if (path == except) continue;
    // A v2 description may not state the v1 fields v2 replaces (E4008): never suggested.
    if (v2_ && MissingInReplacedField(MissingFact{v.node, v.missing_leaf, v.missing_depth})) continue;
    const Type* type = below_absent ? e.node->type : v.node->type;
    if (type == nullptr) continue;
    std::vector<Value> values;
    bool compared = false;
    switch (type->kind) {
      case TypeKind::kBool:
        if (!varied.insert(path).second) break;
        values.push_back(Value::Bool(true));
        values.push_back(Value::Bool(false));
        break;
      case TypeKind::kEnum:
        if (!varied.insert(path).second) break;
        for (size_t k = 0; k < type->enum_values.size() && k < kMaxEnumValues; ++k) {
          values.push_back(Value::Text(type->enum_values[k]));
        }
        if (type->enum_values.size() > kMaxEnumValues) capped_ = true;
        break;
      case TypeKind::kInt:
      case TypeKind::kDate:
      case TypeKind::kDuration:
      case TypeKind::kText:
        AddComparisons(rec, i, values, compared);
        if (!compared) not_varied.insert(path);
        break;
      case TypeKind::kList: {
        // `x in list`: the list with the value looked for added, or without it.
        const Node* parent = e.parent >= 0 ? rec.entries[e.parent].node : nullptr;
        const Value* needle_value = nullptr;
        if (parent != nullptr && parent->op == Op::kIn && e.node == parent->kids[1].get()) {
          for (size_t k = e.parent + 1; needle_value == nullptr && k < rec.entries.size(); ++k) {
            if (rec.entries[k].parent == e.parent && rec.entries[k].node == parent->kids[0].get()) {
              needle_value = &rec.entries[k].value;
            }
          }
        }
        if (needle_value == nullptr || !needle_value->known() || !IsScalar(*needle_value)) {
          if (type->element != nullptr && type->element->kind != TypeKind::kRecord) not_varied.insert(path);
          break;
        }
        const Value& needle = *needle_value;
        std::vector<Value> items;
        bool present = false;
        for (size_t k = 0; v.known() && k < ListSize(v); ++k) {
          const Value item = ListAt(v, k);
          if (item.known() && ValuesEqual(item, needle)) {
            present = true;
          } else {
            items.push_back(item);
          }
        }
        if (!present) items.push_back(needle);
        lists_.push_back(std::move(items));
        Value list;
        list.kind = Value::Kind::kList;
        list.list = &lists_.back();
        values.push_back(list);
        break;
      }
      default: break;
    }
    for (const Value& value : values) {
      if (v.known() && SameValue(value, v)) continue;
      if (!seen_values.insert({path, ChangeText(value)}).second) continue;
      out.push_back(Candidate{node, path, value, v.known(), v});
    }
  }
  for (const auto& path : not_varied) not_varied_ += varied.count(path) == 0 ? 1 : 0;
  return out;
}

std::optional<WhyNot> WhyNotSearch::Run(const Decision& original, const Recording& recording) {
  original_ = OutcomeName(original);
  v2_ = DeclaresSchemaV2(root_);
  WhyNot out;
  if (original_ == "not_met") out.goal = "met";
  else if (original_ == "not_applicable") out.goal = "applies";
  else if (original_ == "unknown") out.goal = "decided";
  else if (original_ == "met") out.goal = "not_met";
  else if (original_ == "applies") out.goal = "not_applicable";
  else out.goal = "not_exempted";
  // An undecided rule: any decision is an answer, but the one looked for is "met".
  if (original_ == "unknown" || original_ == "not_met") preferred_ = "met";
  const std::vector<Candidate> first = Candidates(recording);
  out.candidates = first.size();
  FactOverrides overrides;
  // The outcome looked for first; other outcomes once per fact (an enum's other values often
  // all make the rule not apply: one of them says it).
  std::vector<Flip> preferred, others;
  std::set<std::pair<std::string, std::string>> other_seen;
  for (const Candidate& c : first) {
    if (evaluations_ >= kMaxEvaluations) break;
    Apply(c, overrides);
    const std::string outcome = Outcome(overrides, nullptr);
    Remove(c, overrides);
    if (!preferred_.empty() && outcome == preferred_) {
      preferred.push_back(Flip{{Change(c)}, outcome});
    } else if (Reached(outcome) && other_seen.insert({c.path, outcome}).second) {
      others.push_back(Flip{{Change(c)}, outcome});
    }
  }
  if (preferred_.empty() ? others.empty() : preferred.empty()) {
    // Pairs: the second fact among those read once the first is changed (a short-circuit
    // may have hidden it).
    std::set<std::pair<std::string, std::string>> tried;
    const size_t not_varied_first = not_varied_;
    for (const Candidate& c : first) {
      if (evaluations_ >= kMaxEvaluations || preferred.size() >= WhyNot::kMaxFlips) break;
      Apply(c, overrides);
      Recording rec;
      Outcome(overrides, &rec);
      for (const Candidate& d : Candidates(rec, c.path)) {
        if (evaluations_ >= kMaxEvaluations || preferred.size() >= WhyNot::kMaxFlips) break;
        const FactChange a = Change(c), b = Change(d);
        const std::string ka = a.path + "=" + a.to, kb = b.path + "=" + b.to;
        if (!tried.insert(ka < kb ? std::make_pair(ka, kb) : std::make_pair(kb, ka)).second) continue;
        Apply(d, overrides);
        const std::string outcome = Outcome(overrides, nullptr);
        Remove(d, overrides);
        if (Preferred(outcome)) preferred.push_back(Flip{{a, b}, outcome});
      }
      Remove(c, overrides);
    }
    not_varied_ = not_varied_first;  // the second round re-counts the same facts
  }
  for (auto* list : {&preferred, &others}) {
    for (Flip& f : *list) {
      if (out.flips.size() < WhyNot::kMaxFlips) out.flips.push_back(std::move(f));
    }
  }
  std::vector<std::string> notes;
  if (evaluations_ >= kMaxEvaluations) {
    notes.push_back("stopped after " + std::to_string(kMaxEvaluations) + " evaluations of the rule");
  }
  if (not_varied_ > 0) {
    notes.push_back(std::to_string(not_varied_) +
                    " fact(s) not compared with a known value (or lists not searched for a constant) were not varied");
  }
  if (capped_) notes.push_back("only the first " + std::to_string(kMaxEnumValues) + " values of long enums were tried");
  if (case_.unknown_list) notes.push_back("the elements of a list that is not stated cannot be varied");
  out.exhaustive = notes.empty();
  for (size_t i = 0; i < notes.size(); ++i) out.note += (i ? "; " : "") + notes[i];
  return out;
}

}  // namespace souple::internal
