// SPDX-License-Identifier: Apache-2.0
// The type model shared by the activity schema, the checker and the evaluator.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace souple::internal {

enum class TypeKind { kError, kBool, kInt, kText, kEnum, kDate, kDuration, kList, kRecord, kRow };

struct Type;

/// A field of a record type, addressed at run time by its slot (declaration order).
struct FieldDef {
  std::string name;
  const Type* type = nullptr;
  bool required = false;
  std::string description;
  std::string description_fr;  ///< `x-description-fr` (a French catalogue, NAME.fr.json); may be empty.
  /// A schema v1 field that v2 replaces (`x-souple-replaced-by`): the v2 path to use. Refused
  /// in a description that declares `activity.schema_version: "2"` (E4008).
  std::string replaced_by;
};

/// A type. Records are closed: only declared fields exist. Enum types carry their values.
struct Type {
  TypeKind kind = TypeKind::kError;
  std::string name;                      // enum/record: schema path; row: table name
  std::vector<std::string> enum_values;  // kEnum
  /// kEnum: `x-labels`, what reports print for a value in each language (may be partial).
  std::unordered_map<std::string, std::string> labels_fr, labels_en;
  const Type* element = nullptr;         // kList
  std::vector<FieldDef> fields;          // kRecord, kRow (columns)
  std::unordered_map<std::string, uint32_t> field_index;

  /// Slot of `field`, or -1.
  int FindField(const std::string& field) const {
    auto it = field_index.find(field);
    return it == field_index.end() ? -1 : static_cast<int>(it->second);
  }
  /// The label of enum value `v` in a language, or `v` itself when it has none.
  const std::string& Label(const std::string& v, bool french) const {
    const auto& labels = french ? labels_fr : labels_en;
    auto it = labels.find(v);
    return it == labels.end() ? v : it->second;
  }
  bool HasEnumValue(const std::string& v) const {
    for (const auto& e : enum_values) {
      if (e == v) return true;
    }
    return false;
  }
};

/// Owns types; hands out stable pointers. Scalar types are shared singletons.
class TypeArena {
 public:
  TypeArena();
  const Type* Bool() const { return bool_; }
  const Type* Int() const { return int_; }
  const Type* Text() const { return text_; }
  const Type* Date() const { return date_; }
  const Type* Duration() const { return duration_; }
  const Type* Error() const { return error_; }
  const Type* ListOf(const Type* element);
  Type* New(TypeKind kind, std::string name);

 private:
  std::deque<Type> types_;
  std::map<const Type*, const Type*> lists_;
  const Type *bool_, *int_, *text_, *date_, *duration_, *error_;
};

/// Display name of a type, as used in diagnostics ("duration", "list of text", ...).
std::string TypeName(const Type* t);

/// Can a value of type `a` be compared for equality with one of type `b`?
bool EqualityComparable(const Type* a, const Type* b);

}  // namespace souple::internal
