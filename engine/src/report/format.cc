// SPDX-License-Identifier: Apache-2.0
// How values are written in facts (canonical) and in messages (per language).
#include "report/report_builder.h"

namespace souple::internal {

namespace {
// A record is named by its `id` or `name` field when it has one, else by its path.
std::string RecordLabel(const DocNode* node) {
  const std::string* name = RecordName(*node);
  return name != nullptr ? *name : PathOf(node);
}
}  // namespace

std::string CanonicalText(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kUnknown: return "null";
    case Value::Kind::kBool: return v.bool_value ? "true" : "false";
    case Value::Kind::kInt: return std::to_string(v.int_value);
    case Value::Kind::kText: return std::string(v.text);
    case Value::Kind::kDate: return FormatDate(v.date_value);
    case Value::Kind::kDuration: return FormatIsoDuration(v.duration_value);
    case Value::Kind::kRecord: return RecordLabel(v.node);
    case Value::Kind::kRow: return v.row->key;
    case Value::Kind::kList: {
      std::string out = "[";
      for (size_t i = 0, n = ListSize(v); i < n; ++i) {
        if (i > 0) out += ", ";
        out += CanonicalText(ListAt(v, i));
      }
      return out + "]";
    }
  }
  return "";
}

std::string MessageText(const Value& v, bool french, const Type* type) {
  switch (v.kind) {
    case Value::Kind::kUnknown: return french ? "(non renseigné)" : "(not stated)";
    case Value::Kind::kBool: return v.bool_value ? (french ? "oui" : "yes") : (french ? "non" : "no");
    case Value::Kind::kDuration: return FormatDuration(v.duration_value, french);
    case Value::Kind::kDate: return FormatDateWords(v.date_value, french);
    case Value::Kind::kText:
      if (type != nullptr && type->kind == TypeKind::kEnum) return type->Label(std::string(v.text), french);
      return std::string(v.text);
    case Value::Kind::kList: {
      const Type* element = type != nullptr && type->kind == TypeKind::kList ? type->element : nullptr;
      std::string out;
      for (size_t i = 0, n = ListSize(v); i < n; ++i) {
        if (i > 0) out += ", ";
        out += MessageText(ListAt(v, i), french, element);
      }
      return out.empty() ? (french ? "(aucun)" : "(none)") : out;
    }
    default: return CanonicalText(v);
  }
}

}  // namespace souple::internal
