// SPDX-License-Identifier: Apache-2.0
#include "ir/print.h"

#include "report/report_builder.h"

namespace souple::internal {

namespace {

const char* OpText(Op op) {
  switch (op) {
    case Op::kAnd: return "and";
    case Op::kOr: return "or";
    case Op::kImplies: return "implies";
    case Op::kAdd: return "+";
    case Op::kSub: return "-";
    case Op::kEq: return "==";
    case Op::kNe: return "!=";
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    default: return "?";
  }
}

}  // namespace

std::string ConstText(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kText: return "\"" + std::string(v.text) + "\"";
    case Value::Kind::kDuration: return FormatDuration(v.duration_value, false);
    default: return CanonicalText(v);
  }
}

std::string ListText(const Node& n) {
  std::string out = "[";
  for (size_t i = 0; i < n.list.size(); ++i) out += (i ? ", " : "") + ConstText(n.list[i]);
  return out + "]";
}

std::string DefUse(const Node& n, bool def_names) {
  std::string out = n.def->name;
  if (n.def->arity == 0) return out;
  out += "(";
  const Node* bind = &n;
  for (uint32_t i = 0; i < n.def->arity && bind->op == Op::kBind; ++i, bind = bind->kids[1].get()) {
    out += (i ? ", " : "") + PrintNode(*bind->kids[0], def_names);
  }
  return out + ")";
}

namespace {

std::string Print(const Node& n, bool def_names, bool expand_root) {
  auto kid = [&](size_t i) { return Print(*n.kids[i], def_names, false); };
  if (def_names && n.def != nullptr && !expand_root) return DefUse(n, def_names);
  switch (n.op) {
    case Op::kConst: return ConstText(n.constant);
    case Op::kConstList: return ListText(n);
    case Op::kRoot: case Op::kLocal: case Op::kLetRef: return n.name;
    case Op::kField: case Op::kRowField: return kid(0) + "." + n.name;
    case Op::kTableRow: return n.table->name + "[" + kid(0) + "]";
    case Op::kNeg: return "-" + kid(0);
    case Op::kNot: return "not (" + kid(0) + ")";
    case Op::kAnd: case Op::kOr: case Op::kImplies:
      return "(" + kid(0) + " " + OpText(n.op) + " " + kid(1) + ")";
    case Op::kAdd: case Op::kSub: case Op::kEq: case Op::kNe: case Op::kLt: case Op::kLe:
    case Op::kGt: case Op::kGe:
      return kid(0) + " " + OpText(n.op) + " " + kid(1);
    case Op::kIn: return kid(0) + (n.flag ? " not in " : " in ") + kid(1);
    case Op::kSome: return "(some " + n.name + " in " + kid(0) + " satisfies " + kid(1) + ")";
    case Op::kEvery: return "(every " + n.name + " in " + kid(0) + " satisfies " + kid(1) + ")";
    case Op::kCount: return "(count " + n.name + " in " + kid(0) + " where " + kid(1) + ")";
    case Op::kFirst: return "(first " + n.name + " in " + kid(0) + " where " + kid(1) + ")";
    case Op::kIf: return "(if " + kid(0) + " then " + kid(1) + " else " + kid(2) + ")";
    case Op::kBind: return kid(1);
    case Op::kKnown: case Op::kListCount: case Op::kStartsWith: case Op::kContains:
    case Op::kEvaluationDate: {
      std::string out = n.name + "(";
      for (size_t i = 0; i < n.kids.size(); ++i) out += (i ? ", " : "") + kid(i);
      return out + ")";
    }
  }
  return "?";
}

}  // namespace

std::string PrintNode(const Node& n, bool def_names) { return Print(n, def_names, false); }

std::string PrintDefBody(const Node& n) {
  const Node* body = &n;
  for (uint32_t i = 0; n.def != nullptr && i < n.def->arity && body->op == Op::kBind; ++i) body = body->kids[1].get();
  return Print(*body, true, body == &n);
}

}  // namespace souple::internal
