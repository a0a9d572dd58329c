// SPDX-License-Identifier: Apache-2.0
// Run-time values. Small and non-owning: texts, lists and records point into the loaded
// document or into the compiled program, both of which outlive an evaluation.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "base/calendar.h"
#include "document/document.h"

namespace souple::internal {

struct TableRow;
struct Node;

/// Why a value is unknown.
enum class UnknownReason : uint8_t {
  kMissing,       // a field of the activity is absent or null (see `node`)
  kNoMatch,       // `first ... where` found no element
  kNoRow,         // a table has no row for the key
  kIncomparable,  // month-based vs day-based durations whose ranges overlap
  kOverflow,      // integer or date arithmetic out of range
  kEmptyCell,     // a table cell written `none`
};

struct Value {
  enum class Kind : uint8_t { kUnknown, kBool, kInt, kText, kDate, kDuration, kList, kRecord, kRow };
  Kind kind = Kind::kUnknown;
  UnknownReason reason = UnknownReason::kMissing;
  // A missing fact read through fields of an absent object: `node` is the absent object,
  // `missing_leaf` the outermost field access and `missing_depth` the fields in between.
  uint8_t missing_depth = 0;
  // The payload of `kind`: values are copied at every node of an evaluation, so they are
  // kept small (40 bytes). Only the member of the value's kind is read; the zeroed default
  // makes `list` null for a list of the document.
  union {
    int64_t int_value;
    bool bool_value;
    Date date_value;
    Duration duration_value;
    std::string_view text;
    const std::vector<Value>* list;  // constant list from the policy
    const TableRow* row;
  };
  const DocNode* node = nullptr;  // origin in the document (list, record, scalar or missing field)
  const Node* missing_leaf = nullptr;

  Value() : int_value(0) {}

  bool known() const { return kind != Kind::kUnknown; }
  bool is_true() const { return kind == Kind::kBool && bool_value; }
  bool is_false() const { return kind == Kind::kBool && !bool_value; }

  static Value Bool(bool b) {
    Value v;
    v.kind = Kind::kBool;
    v.bool_value = b;
    return v;
  }
  static Value Int(int64_t i) {
    Value v;
    v.kind = Kind::kInt;
    v.int_value = i;
    return v;
  }
  static Value Text(std::string_view s) {
    Value v;
    v.kind = Kind::kText;
    v.text = s;
    return v;
  }
  static Value OfDate(Date d) {
    Value v;
    v.kind = Kind::kDate;
    v.date_value = d;
    return v;
  }
  static Value OfDuration(Duration d) {
    Value v;
    v.kind = Kind::kDuration;
    v.duration_value = d;
    return v;
  }
  static Value Unknown(UnknownReason r, const DocNode* node = nullptr) {
    Value v;
    v.reason = r;
    v.node = node;
    return v;
  }
  /// The value of a document node (unknown when absent or null).
  static Value FromNode(const DocNode* n);
};

static_assert(sizeof(Value) <= 40, "Value is copied at every node of an evaluation: keep it small");

/// Number of elements of a list value (document or constant list).
size_t ListSize(const Value& list);
/// Element `i` of a list value.
Value ListAt(const Value& list, size_t i);

/// Equality between two known values (texts and enums compare as text).
bool ValuesEqual(const Value& a, const Value& b);

}  // namespace souple::internal
