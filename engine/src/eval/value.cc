// SPDX-License-Identifier: Apache-2.0
#include "eval/value.h"

namespace souple::internal {

Value Value::FromNode(const DocNode* n) {
  Value v;
  v.node = n;
  switch (n->kind) {
    case DocNode::Kind::kAbsent:
    case DocNode::Kind::kNull: v.kind = Kind::kUnknown; v.reason = UnknownReason::kMissing; break;
    case DocNode::Kind::kBool: v.kind = Kind::kBool; v.bool_value = n->bool_value; break;
    case DocNode::Kind::kInt: v.kind = Kind::kInt; v.int_value = n->int_value; break;
    case DocNode::Kind::kText: v.kind = Kind::kText; v.text = n->text; break;
    case DocNode::Kind::kDate: v.kind = Kind::kDate; v.date_value = n->date_value; break;
    case DocNode::Kind::kDuration: v.kind = Kind::kDuration; v.duration_value = n->duration_value; break;
    case DocNode::Kind::kList: v.kind = Kind::kList; break;
    case DocNode::Kind::kRecord: v.kind = Kind::kRecord; break;
  }
  return v;
}

size_t ListSize(const Value& list) {
  if (list.list != nullptr) return list.list->size();
  return list.node != nullptr ? list.node->items.size() : 0;
}

Value ListAt(const Value& list, size_t i) {
  if (list.list != nullptr) return (*list.list)[i];
  return Value::FromNode(&list.node->items[i]);
}

bool ValuesEqual(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::kBool: return a.bool_value == b.bool_value;
    case Value::Kind::kInt: return a.int_value == b.int_value;
    case Value::Kind::kText: return a.text == b.text;
    case Value::Kind::kDate: return a.date_value == b.date_value;
    case Value::Kind::kDuration: return a.duration_value == b.duration_value;
    case Value::Kind::kRecord: return a.node == b.node;
    case Value::Kind::kRow: return a.row == b.row;
    case Value::Kind::kList: {
      const size_t n = ListSize(a);
      if (n != ListSize(b)) return false;
      for (size_t i = 0; i < n; ++i) {
        const Value x = ListAt(a, i), y = ListAt(b, i);
        if (!x.known() || !y.known() || !ValuesEqual(x, y)) return false;
      }
      return true;
    }
    case Value::Kind::kUnknown: return false;
  }
  return false;
}

}  // namespace souple::internal
