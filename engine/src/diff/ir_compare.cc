// SPDX-License-Identifier: Apache-2.0
#include "diff/ir_compare.h"

#include "ir/print.h"

namespace souple::internal {

namespace {

// -1 / 0 / +1 when two constants of one kind are ordered; 0 otherwise.
int Direction(const Value& a, const Value& b) {
  if (a.kind != b.kind) return 0;
  switch (a.kind) {
    case Value::Kind::kInt: return (b.int_value > a.int_value) - (b.int_value < a.int_value);
    case Value::Kind::kDate: return (b.date_value > a.date_value) - (b.date_value < a.date_value);
    case Value::Kind::kDuration:
      switch (CompareDurations(b.duration_value, a.duration_value)) {
        case DurationOrder::kGreater: return 1;
        case DurationOrder::kLess: return -1;
        default: return 0;
      }
    default: return 0;
  }
}

bool SameConstant(const Value& a, const Value& b) {
  return a.kind == b.kind && (a.kind == Value::Kind::kUnknown || ValuesEqual(a, b));
}

bool IsComparison(Op op) {
  return op == Op::kLt || op == Op::kLe || op == Op::kGt || op == Op::kGe || op == Op::kEq || op == Op::kNe;
}

Shape Compare(const Node* a, const Node* b, const Node* parent, size_t index,
              std::vector<ConstantDelta>& deltas) {
  if (a == nullptr || b == nullptr) return a == b ? Shape::kSame : Shape::kDifferent;
  if (a->op != b->op || a->flag != b->flag || a->kids.size() != b->kids.size()) return Shape::kDifferent;
  switch (a->op) {
    case Op::kRoot: case Op::kField: case Op::kRowField: case Op::kLocal: case Op::kLetRef:
    case Op::kSome: case Op::kEvery: case Op::kCount: case Op::kFirst:
      if (a->name != b->name) return Shape::kDifferent;
      break;
    case Op::kTableRow:
      if (a->table->name != b->table->name) return Shape::kDifferent;
      break;
    default: break;
  }
  Shape shape = Shape::kSame;
  if (a->op == Op::kConst && !SameConstant(a->constant, b->constant)) {
    ConstantDelta d;
    d.old_text = ConstText(a->constant);
    d.new_text = ConstText(b->constant);
    if (parent != nullptr && IsComparison(parent->op)) {
      d.context = parent->op;
      d.on_right = index == 1;
    }
    d.direction = Direction(a->constant, b->constant);
    deltas.push_back(std::move(d));
    shape = Shape::kConstantsOnly;
  }
  if (a->op == Op::kConstList) {
    bool same = a->list.size() == b->list.size();
    for (size_t i = 0; same && i < a->list.size(); ++i) same = SameConstant(a->list[i], b->list[i]);
    if (!same) {
      ConstantDelta d;
      d.old_text = ListText(*a);
      d.new_text = ListText(*b);
      d.context = parent != nullptr ? parent->op : Op::kConst;
      for (const auto& v : b->list) {
        bool found = false;
        for (const auto& w : a->list) found = found || SameConstant(v, w);
        if (!found) d.added.push_back(ConstText(v));
      }
      for (const auto& v : a->list) {
        bool found = false;
        for (const auto& w : b->list) found = found || SameConstant(v, w);
        if (!found) d.removed.push_back(ConstText(v));
      }
      deltas.push_back(std::move(d));
      shape = Shape::kConstantsOnly;
    }
  }
  for (size_t i = 0; i < a->kids.size(); ++i) {
    const Shape k = Compare(a->kids[i].get(), b->kids[i].get(), a, i, deltas);
    if (k == Shape::kDifferent) return Shape::kDifferent;
    if (k == Shape::kConstantsOnly) shape = Shape::kConstantsOnly;
  }
  return shape;
}

}  // namespace

Shape CompareNodes(const Node* a, const Node* b, std::vector<ConstantDelta>& deltas) {
  return Compare(a, b, nullptr, 0, deltas);
}

int ConjunctionChange(const Node& a, const Node& b) {
  if ((b.op != Op::kAnd && b.op != Op::kOr) || b.kids.size() != 2) return 0;
  std::vector<ConstantDelta> ignored;
  for (const auto& k : b.kids) {
    if (CompareNodes(&a, k.get(), ignored) == Shape::kSame) return b.op == Op::kAnd ? -1 : 1;
  }
  return 0;
}

}  // namespace souple::internal
