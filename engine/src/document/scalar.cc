// SPDX-License-Identifier: Apache-2.0
#include "document/scalar.h"

namespace souple::internal {

ScalarOutcome ConvertScalar(const std::string& s, bool quoted, const Type* type, bool ignore_unknown_enum,
                            DocNode& out) {
  switch (type->kind) {
    case TypeKind::kBool:
      if (!quoted && (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE")) {
        out.kind = DocNode::Kind::kBool;
        out.bool_value = s[0] == 't' || s[0] == 'T';
        return ScalarOutcome::kOk;
      }
      return ScalarOutcome::kWrongType;
    case TypeKind::kInt: {
      const size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
      bool digits = !quoted && s.size() > i && s.size() <= 18;
      for (size_t k = i; k < s.size() && digits; ++k) digits = s[k] >= '0' && s[k] <= '9';
      if (!digits) return ScalarOutcome::kWrongType;
      out.kind = DocNode::Kind::kInt;
      out.int_value = std::stoll(s);
      return ScalarOutcome::kOk;
    }
    case TypeKind::kEnum:
      if (!type->HasEnumValue(s)) {
        if (!ignore_unknown_enum) return ScalarOutcome::kUnknownEnum;
        out.kind = DocNode::Kind::kNull;  // an older schema: a value it predates is not stated
        return ScalarOutcome::kOk;
      }
      out.kind = DocNode::Kind::kText;
      out.text = s;
      return ScalarOutcome::kOk;
    case TypeKind::kDate:
      if (auto d = ParseDate(s)) {
        out.kind = DocNode::Kind::kDate;
        out.date_value = *d;
        return ScalarOutcome::kOk;
      }
      return ScalarOutcome::kInvalidDate;
    case TypeKind::kDuration:
      if (auto d = ParseIsoDuration(s)) {
        out.kind = DocNode::Kind::kDuration;
        out.duration_value = *d;
        return ScalarOutcome::kOk;
      }
      return ScalarOutcome::kInvalidDuration;
    default:
      out.kind = DocNode::Kind::kText;
      out.text = s;
      return ScalarOutcome::kOk;
  }
}

std::string ScalarExpectation(const Type* type) {
  switch (type->kind) {
    case TypeKind::kBool: return "true or false";
    case TypeKind::kInt: return "an integer";
    default: return "a " + TypeName(type) + " value";
  }
}

}  // namespace souple::internal
