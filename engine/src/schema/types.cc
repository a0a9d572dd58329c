// SPDX-License-Identifier: Apache-2.0
#include "schema/types.h"

namespace souple::internal {

TypeArena::TypeArena() {
  bool_ = New(TypeKind::kBool, "bool");
  int_ = New(TypeKind::kInt, "int");
  text_ = New(TypeKind::kText, "text");
  date_ = New(TypeKind::kDate, "date");
  duration_ = New(TypeKind::kDuration, "duration");
  error_ = New(TypeKind::kError, "error");
}

Type* TypeArena::New(TypeKind kind, std::string name) {
  types_.emplace_back();
  Type* t = &types_.back();
  t->kind = kind;
  t->name = std::move(name);
  return t;
}

const Type* TypeArena::ListOf(const Type* element) {
  auto it = lists_.find(element);
  if (it != lists_.end()) return it->second;
  Type* t = New(TypeKind::kList, "");
  t->element = element;
  lists_[element] = t;
  return t;
}

std::string TypeName(const Type* t) {
  if (t == nullptr) return "?";
  switch (t->kind) {
    case TypeKind::kError: return "error";
    case TypeKind::kBool: return "bool";
    case TypeKind::kInt: return "int";
    case TypeKind::kText: return "text";
    case TypeKind::kEnum: return "enum `" + t->name + "`";
    case TypeKind::kDate: return "date";
    case TypeKind::kDuration: return "duration";
    case TypeKind::kList: return "list of " + TypeName(t->element);
    case TypeKind::kRecord: return "record `" + t->name + "`";
    case TypeKind::kRow: return "row of table `" + t->name + "`";
  }
  return "?";
}

namespace {
bool Textual(const Type* t) { return t->kind == TypeKind::kText || t->kind == TypeKind::kEnum; }
}  // namespace

bool EqualityComparable(const Type* a, const Type* b) {
  if (a->kind == TypeKind::kError || b->kind == TypeKind::kError) return true;
  if (Textual(a) && Textual(b)) return true;
  if (a->kind != b->kind) return false;
  if (a->kind == TypeKind::kList) return EqualityComparable(a->element, b->element);
  if (a->kind == TypeKind::kRecord || a->kind == TypeKind::kRow) return a == b;
  return true;
}

}  // namespace souple::internal
