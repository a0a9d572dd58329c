// SPDX-License-Identifier: Apache-2.0
// The interpreter behind EvaluateRule and Explain: three-valued evaluation of compiled
// expressions (docs/language.md, "Missing facts") and the decision of one rule in one frame.
// Observers (a trace of the facts read, a recording of every sub-expression's value, facts
// replaced by other values) cost one null test each when absent.
#pragma once

#include <string>
#include <unordered_map>

#include "eval/evaluator.h"

namespace souple::internal {

struct Frame {
  const CompiledRule* rule;
  std::vector<Value>& slots;
  std::vector<Value>& lets;
  std::vector<bool>& let_done;
  std::vector<std::vector<MissingFact>>& let_missing;  // traced pass: each let's missing facts
};

/// The value every sub-expression took, in evaluation order (`souple explain`). Bounded:
/// past `kMaxEntries` entries, or `kMaxIterations` elements of one quantifier, nothing more
/// is recorded and the parent counts what it left out.
struct Recording {
  static constexpr size_t kMaxEntries = 4000;
  static constexpr uint32_t kMaxIterations = 25;
  struct Entry {
    const Node* node = nullptr;
    Value value;
    int parent = -1;         // index of the enclosing entry; -1 for a clause's root
    bool iteration = false;  // the body of a quantifier, for the element in `element`
    Value element;
    uint32_t iterations = 0;  // quantifier: bodies evaluated
    uint32_t omitted = 0;     // sub-expressions evaluated but not recorded
  };
  std::vector<Entry> entries;
  std::vector<int> open;  // entries being evaluated; -1 for one not recorded
  bool truncated = false;

  int Enter(const Node& n, const std::vector<Value>& slots) {
    const int parent = open.empty() ? -1 : open.back();
    if (!open.empty() && parent < 0) {  // inside an unrecorded entry
      open.push_back(-1);
      return -1;
    }
    bool iteration = false;
    if (parent >= 0) {
      Entry& p = entries[parent];
      const Op op = p.node->op;
      iteration = (op == Op::kSome || op == Op::kEvery || op == Op::kCount || op == Op::kFirst) &&
                  p.node->kids.size() == 2 && &n == p.node->kids[1].get();
      if (iteration && ++p.iterations > kMaxIterations) {
        ++p.omitted;
        open.push_back(-1);
        return -1;
      }
    }
    if (entries.size() >= kMaxEntries) {
      truncated = true;
      if (parent >= 0) ++entries[parent].omitted;
      open.push_back(-1);
      return -1;
    }
    Entry e;
    e.node = &n;
    e.parent = parent;
    e.iteration = iteration;
    if (iteration) e.element = slots[entries[parent].node->slot];
    entries.push_back(e);
    open.push_back(static_cast<int>(entries.size() - 1));
    return open.back();
  }
  void Leave(int id, const Value& v) {
    open.pop_back();
    if (id >= 0) entries[id].value = v;
  }
};

/// Facts read as other values (why-not: "what if this fact were stated so"): facts of the
/// document by node, and facts below an object that is not stated by their path.
struct FactOverrides {
  std::unordered_map<const DocNode*, Value> nodes;
  std::unordered_map<std::string, Value> absent_paths;
};

class Evaluator {
 public:
  Evaluator(const DocNode& root, Date date, Trace* trace, Recording* recording = nullptr,
            const FactOverrides* overrides = nullptr)
      : root_(root), date_(date), trace_(trace), recording_(recording), overrides_(overrides) {}
  Date date() const { return date_; }
  Recording* recording() const { return recording_; }

  Value Eval(const Node& n, Frame& f) {
    if (recording_ != nullptr) return Recorded(n, f);
    if (trace_ == nullptr) return Compute(n, f);
    // A decided value does not depend on the facts missing below it (`true or unknown` is
    // true): only undecided values keep them, as the spec's unknown "remembers" its fields.
    const size_t missing_before = trace_->missing.size();
    Value v = Compute(n, f);
    if (v.known()) trace_->missing.resize(missing_before);
    return v;
  }

 private:
  // Explanations only: out of line, so that the traced pass keeps its inlined bookkeeping.
  [[gnu::noinline]] Value Recorded(const Node& n, Frame& f) {
    const int entry = recording_->Enter(n, f.slots);
    const size_t missing_before = trace_ != nullptr ? trace_->missing.size() : 0;
    Value v = Compute(n, f);
    if (trace_ != nullptr && v.known()) trace_->missing.resize(missing_before);  // as in Eval
    recording_->Leave(entry, v);
    return v;
  }

  Value Compute(const Node& n, Frame& f) {
    switch (n.op) {
      case Op::kConst: return n.constant;
      case Op::kConstList: {
        Value v;
        v.kind = Value::Kind::kList;
        v.list = &n.list;
        return v;
      }
      case Op::kRoot: return Read(&root_.items[n.slot]);
      case Op::kLocal: return f.slots[n.slot];
      case Op::kLetRef: return LetRef(n, f);
      case Op::kField: {
        const Value object = Eval(*n.kids[0], f);
        if (!object.known()) return Below(object, n);
        return Read(&object.node->items[n.slot]);
      }
      case Op::kTableRow: return TableRowOf(n, f);
      case Op::kRowField: {
        const Value row = Eval(*n.kids[0], f);
        if (!row.known()) return row;
        if (trace_ != nullptr) trace_->Add(trace_->table_reads, {n.kids[0]->table, row.row, n.slot});
        return row.row->cells[n.slot];
      }
      case Op::kNeg: {
        const Value v = Eval(*n.kids[0], f);
        if (!v.known()) return v;
        if (v.int_value == INT64_MIN) return Value::Unknown(UnknownReason::kOverflow);
        return Value::Int(-v.int_value);
      }
      case Op::kNot: {
        const Value v = Eval(*n.kids[0], f);
        return v.known() ? Value::Bool(!v.bool_value) : v;
      }
      case Op::kAnd: {
        const Value l = Eval(*n.kids[0], f);
        if (l.is_false()) return l;
        const Value r = Eval(*n.kids[1], f);
        if (r.is_false()) return r;
        return !l.known() ? l : r;  // true and true = true; otherwise the unknown side
      }
      case Op::kOr: {
        const Value l = Eval(*n.kids[0], f);
        if (l.is_true()) return l;
        const Value r = Eval(*n.kids[1], f);
        if (r.is_true()) return r;
        return !l.known() ? l : r;
      }
      case Op::kImplies: {
        const Value l = Eval(*n.kids[0], f);
        if (l.is_false()) return Value::Bool(true);
        const Value r = Eval(*n.kids[1], f);
        if (r.is_true()) return r;
        return !l.known() ? l : r;
      }
      case Op::kAdd:
      case Op::kSub: return Arithmetic(n, f);
      case Op::kEq:
      case Op::kNe: {
        const Value l = Eval(*n.kids[0], f);
        if (!l.known()) return l;
        const Value r = Eval(*n.kids[1], f);
        if (!r.known()) return r;
        return Value::Bool(ValuesEqual(l, r) == (n.op == Op::kEq));
      }
      case Op::kLt:
      case Op::kLe:
      case Op::kGt:
      case Op::kGe: return Order(n, f);
      case Op::kIn: return In(n, f);
      case Op::kSome:
      case Op::kEvery:
      case Op::kCount:
      case Op::kFirst: return Quantifier(n, f);
      case Op::kIf: {
        const Value c = Eval(*n.kids[0], f);
        if (!c.known()) return c;
        return Eval(*n.kids[c.bool_value ? 1 : 2], f);
      }
      case Op::kBind:
        f.slots[n.slot] = Eval(*n.kids[0], f);
        return Eval(*n.kids[1], f);
      case Op::kKnown: return Value::Bool(Eval(*n.kids[0], f).known());
      case Op::kListCount: {
        const Value list = Eval(*n.kids[0], f);
        return list.known() ? Value::Int(static_cast<int64_t>(ListSize(list))) : list;
      }
      case Op::kStartsWith:
      case Op::kContains: return TextTest(n, f);
      case Op::kEvaluationDate: return Value::OfDate(date_);
    }
    return Value::Unknown(UnknownReason::kMissing);
  }

  // Rarer operations, out of line: Compute's frame stays small on the common path.
  [[gnu::noinline]] Value LetRef(const Node& n, Frame& f) {
    if (!f.let_done[n.slot]) {
      const size_t before = trace_ != nullptr ? trace_->missing.size() : 0;
      f.lets[n.slot] = Eval(*f.rule->lets[n.slot], f);
      f.let_done[n.slot] = true;
      if (trace_ != nullptr) {
        f.let_missing[n.slot].assign(trace_->missing.begin() + before, trace_->missing.end());
      }
    } else if (trace_ != nullptr) {
      // A cached undecided let depends on its missing facts at every use.
      trace_->Append(trace_->missing, f.let_missing[n.slot].begin(), f.let_missing[n.slot].end());
    }
    return f.lets[n.slot];
  }

  [[gnu::noinline]] Value TableRowOf(const Node& n, Frame& f) {
    const Value key = Eval(*n.kids[0], f);
    if (!key.known()) return key;
    auto it = n.table->by_key.find(std::string(key.text));
    if (it == n.table->by_key.end()) return Value::Unknown(UnknownReason::kNoRow);
    Value v;
    v.kind = Value::Kind::kRow;
    v.row = it->second;
    return v;
  }

  [[gnu::noinline]] Value In(const Node& n, Frame& f) {
    const Value needle = Eval(*n.kids[0], f);
    if (!needle.known()) return needle;
    const Value list = Eval(*n.kids[1], f);
    if (!list.known()) return list;
    Value unknown;
    bool any_unknown = false;
    for (size_t i = 0, size = ListSize(list); i < size; ++i) {
      const Value item = ListAt(list, i);
      if (!item.known()) {
        any_unknown = true;
        unknown = item;
      } else if (ValuesEqual(needle, item)) {
        return Value::Bool(!n.flag);
      }
    }
    return any_unknown ? unknown : Value::Bool(n.flag);
  }

  [[gnu::noinline]] Value TextTest(const Node& n, Frame& f) {
    const Value s = Eval(*n.kids[0], f);
    if (!s.known()) return s;
    const Value p = Eval(*n.kids[1], f);
    if (!p.known()) return p;
    if (n.op == Op::kStartsWith) return Value::Bool(s.text.substr(0, p.text.size()) == p.text);
    return Value::Bool(s.text.find(p.text) != std::string_view::npos);
  }

  // A field of an unknown object is unknown too; when the object is an absent fact, the
  // missing fact becomes the field itself (`marketing.x`, not `marketing`).
  [[gnu::noinline]] Value Below(const Value& object, const Node& field) {
    if (object.reason != UnknownReason::kMissing || object.node == nullptr || object.missing_depth == 255) {
      return object;
    }
    Value v = object;
    v.missing_leaf = &field;
    v.missing_depth = static_cast<uint8_t>(object.missing_depth + 1);
    if (overrides_ != nullptr && !overrides_->absent_paths.empty()) {
      auto it = overrides_->absent_paths.find(MissingPath(MissingFact{v.node, v.missing_leaf, v.missing_depth}));
      if (it != overrides_->absent_paths.end()) return it->second;
    }
    if (trace_ != nullptr) {
      for (auto it = trace_->missing.rbegin(); it != trace_->missing.rend(); ++it) {
        if (it->node == object.node && it->leaf == object.missing_leaf && it->depth == object.missing_depth) {
          it->leaf = &field;
          it->depth = v.missing_depth;
          break;
        }
      }
    }
    return v;
  }

  Value Read(const DocNode* node) {
    if (overrides_ != nullptr) return ReadOverridden(node);
    Value v = Value::FromNode(node);
    if (trace_ != nullptr) {
      if (!v.known()) {
        trace_->Add(trace_->missing, {node, nullptr, 0});
      } else if (v.kind != Value::Kind::kRecord) {
        trace_->Add(trace_->facts, node);
      }
    }
    return v;
  }
  // Why-not: the fact read as the value tried, if it is one of those changed.
  [[gnu::noinline]] Value ReadOverridden(const DocNode* node) {
    auto it = overrides_->nodes.find(node);
    if (it == overrides_->nodes.end()) {
      const FactOverrides* saved = overrides_;
      overrides_ = nullptr;
      Value v = Read(node);
      overrides_ = saved;
      return v;
    }
    Value v = it->second;
    v.node = node;
    if (trace_ != nullptr && v.kind != Value::Kind::kRecord) trace_->Add(trace_->facts, node);
    return v;
  }


  [[gnu::noinline]] Value Arithmetic(const Node& n, Frame& f) {
    const Value l = Eval(*n.kids[0], f);
    if (!l.known()) return l;
    const Value r = Eval(*n.kids[1], f);
    if (!r.known()) return r;
    const int sign = n.op == Op::kAdd ? 1 : -1;
    if (l.kind == Value::Kind::kInt) {
      int64_t out;
      const bool overflow = n.op == Op::kAdd ? __builtin_add_overflow(l.int_value, r.int_value, &out)
                                             : __builtin_sub_overflow(l.int_value, r.int_value, &out);
      return overflow ? Value::Unknown(UnknownReason::kOverflow) : Value::Int(out);
    }
    if (l.kind == Value::Kind::kDate && r.kind == Value::Kind::kDuration) {
      const std::optional<Date> date = AddDuration(l.date_value, r.duration_value, sign);
      return date ? Value::OfDate(*date) : Value::Unknown(UnknownReason::kOverflow);
    }
    if (l.kind == Value::Kind::kDate && r.kind == Value::Kind::kDate) {
      // Both dates are within years 0000-9999: the difference fits.
      return Value::OfDuration(Duration{0, l.date_value - r.date_value});
    }
    const std::optional<Duration> sum = AddDurations(l.duration_value, r.duration_value, sign);
    return sum ? Value::OfDuration(*sum) : Value::Unknown(UnknownReason::kOverflow);
  }

  [[gnu::noinline]] Value Order(const Node& n, Frame& f) {
    const Value l = Eval(*n.kids[0], f);
    if (!l.known()) return l;
    const Value r = Eval(*n.kids[1], f);
    if (!r.known()) return r;
    int cmp;
    if (l.kind == Value::Kind::kDuration) {
      switch (CompareDurations(l.duration_value, r.duration_value)) {
        case DurationOrder::kLess: cmp = -1; break;
        case DurationOrder::kEqual: cmp = 0; break;
        case DurationOrder::kGreater: cmp = 1; break;
        default: return Value::Unknown(UnknownReason::kIncomparable);
      }
    } else if (l.kind == Value::Kind::kDate) {
      cmp = (l.date_value > r.date_value) - (l.date_value < r.date_value);
    } else {
      cmp = (l.int_value > r.int_value) - (l.int_value < r.int_value);
    }
    switch (n.op) {
      case Op::kLt: return Value::Bool(cmp < 0);
      case Op::kLe: return Value::Bool(cmp <= 0);
      case Op::kGt: return Value::Bool(cmp > 0);
      default: return Value::Bool(cmp >= 0);
    }
  }

  [[gnu::noinline]] Value Quantifier(const Node& n, Frame& f) {
    const Value list = Eval(*n.kids[0], f);
    if (!list.known()) return list;
    Value unknown;
    bool any_unknown = false;
    int64_t count = 0;
    for (size_t i = 0, size = ListSize(list); i < size; ++i) {
      f.slots[n.slot] = ListAt(list, i);
      const Value b = Eval(*n.kids[1], f);
      if (!b.known()) {
        if (!any_unknown) unknown = b;
        any_unknown = true;
        continue;
      }
      switch (n.op) {
        case Op::kSome:
          if (b.bool_value) return b;
          break;
        case Op::kEvery:
          if (!b.bool_value) return b;
          break;
        case Op::kFirst:
          // An undecided element before the match makes "the first" undecided too.
          if (b.bool_value) return any_unknown ? unknown : f.slots[n.slot];
          break;
        default:
          count += b.bool_value ? 1 : 0;
      }
    }
    if (any_unknown) return unknown;
    switch (n.op) {
      case Op::kSome: return Value::Bool(false);
      case Op::kEvery: return Value::Bool(true);
      case Op::kFirst: return Value::Unknown(UnknownReason::kNoMatch);
      default: return Value::Int(count);
    }
  }

  const DocNode& root_;
  Date date_;
  Trace* trace_;
  Recording* recording_;
  const FactOverrides* overrides_;
};

struct Decision {
  FindingStatus status;
  bool applicable = true;
  int exception = -1;
  UnknownReason reason = UnknownReason::kMissing;
};

/// A frame for `rule` over `scratch`, sized for it (capacity is kept from rule to rule).
inline Frame PrepareFrame(const CompiledRule& rule, EvalScratch& scratch) {
  scratch.slots.assign(rule.frame_size, Value());
  scratch.lets.assign(rule.lets.size(), Value());
  scratch.let_done.assign(rule.lets.size(), false);
  if (scratch.let_missing.size() < rule.lets.size()) scratch.let_missing.resize(rule.lets.size());
  for (size_t i = 0; i < rule.lets.size(); ++i) scratch.let_missing[i].clear();
  return Frame{&rule, scratch.slots, scratch.lets, scratch.let_done, scratch.let_missing};
}

/// Which clause a recorded evaluation was the root of (`souple explain`).
struct ClauseMark {
  enum class Clause { kWhen, kException, kMet } clause;
  int exception = -1;  // index in CompiledRule::exceptions
  int entry = -1;      // its root entry in the Recording; -1 when not recorded
};

/// Decides `rule` in frame `f`: whether it applies, which in-force exception exempts it,
/// whether it is met. With `marks`, each clause evaluated is noted in order.
inline Decision Decide(const CompiledRule& rule, Evaluator& ev, Frame& f, Trace* trace,
                       std::vector<ClauseMark>* marks = nullptr) {
  auto mark = [&](ClauseMark::Clause c, int exception) {
    if (marks == nullptr) return;
    const Recording* r = ev.recording();
    marks->push_back({c, exception, r != nullptr ? static_cast<int>(r->entries.size()) : -1});
  };
  std::fill(f.let_done.begin(), f.let_done.end(), false);
  auto unknown = [](const Value& v) {
    Decision d{FindingStatus::kUnknown};
    d.reason = v.reason;
    return d;
  };
  if (rule.when != nullptr) {
    mark(ClauseMark::Clause::kWhen, -1);
    const Value w = ev.Eval(*rule.when, f);
    if (w.is_false()) return Decision{FindingStatus::kApplies, false};
    if (!w.known()) return unknown(w);
  }
  // An exception defeats the rule only when its condition is established; one that
  // cannot be decided is reported with the facts that would decide it.
  for (size_t i = 0; i < rule.exceptions.size(); ++i) {
    if (!rule.exceptions[i].period.Contains(ev.date())) continue;  // not in force on that date
    const size_t missing_before = trace != nullptr ? trace->missing.size() : 0;
    mark(ClauseMark::Clause::kException, static_cast<int>(i));
    const Value e = ev.Eval(*rule.exceptions[i].condition, f);
    if (e.is_true()) {
      Decision d{FindingStatus::kExempted};
      d.exception = static_cast<int>(i);
      return d;
    }
    if (trace != nullptr && !e.known()) {
      trace->Append(trace->exception_missing, trace->missing.begin() + missing_before, trace->missing.end());
    }
  }
  if (rule.met == nullptr) return Decision{FindingStatus::kApplies};
  mark(ClauseMark::Clause::kMet, -1);
  const Value m = ev.Eval(*rule.met, f);
  if (!m.known()) return unknown(m);
  return Decision{m.bool_value ? FindingStatus::kMet : FindingStatus::kNotMet};
}

}  // namespace souple::internal
