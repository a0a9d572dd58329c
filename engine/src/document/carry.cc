// SPDX-License-Identifier: Apache-2.0
// Reading a schema v2 description under a v1 schema (an older release): the v1 forms of the
// facts v2 restated are derived from their v2 statements, so that the older texts still see
// what the description says (docs/activity-schema.md, "Schema v1 and v2").
#include <string>

#include "document/document.h"

namespace souple::internal {

namespace {

const DocNode* Field(const DocNode& record, const char* name) {
  if (record.kind != DocNode::Kind::kRecord || record.type == nullptr) return nullptr;
  const int slot = record.type->FindField(name);
  return slot < 0 ? nullptr : &record.items[slot];
}

DocNode* AbsentField(DocNode& record, const char* name) {
  if (record.kind != DocNode::Kind::kRecord || record.type == nullptr) return nullptr;
  const int slot = record.type->FindField(name);
  if (slot < 0 || record.items[slot].kind != DocNode::Kind::kAbsent) return nullptr;
  return &record.items[slot];
}

void SetParents(DocNode& node) {
  for (uint32_t i = 0; i < node.items.size(); ++i) {
    node.items[i].parent = &node;
    node.items[i].index = i;
    SetParents(node.items[i]);
  }
}

// Puts `built` in the place of the absent field `slot`, keeping its place in its record.
void Fill(DocNode& slot, DocNode built) {
  const DocNode* parent = slot.parent;
  const uint32_t index = slot.index;
  slot = std::move(built);
  slot.parent = parent;
  slot.index = index;
  SetParents(slot);
}

// security.measures {id: true|false} -> security_measures [ids in place], keeping to the ids
// the v1 list knows. An id stated false is simply not listed (v1 could not say more).
void CarryMeasures(const DocNode& v2_root, DocNode& v1_root) {
  DocNode* list = AbsentField(v1_root, "security_measures");
  const DocNode* security = Field(v2_root, "security");
  const DocNode* measures = security != nullptr ? Field(*security, "measures") : nullptr;
  if (list == nullptr || measures == nullptr || measures->kind != DocNode::Kind::kRecord) return;
  const Type* list_type = v1_root.type->fields[list->index].type;
  if (list_type == nullptr || list_type->kind != TypeKind::kList || list_type->element == nullptr) return;
  DocNode out;
  out.kind = DocNode::Kind::kList;
  out.type = list_type;
  out.line = measures->line;
  out.column = measures->column;
  for (uint32_t i = 0; i < measures->items.size(); ++i) {
    const DocNode& m = measures->items[i];
    const std::string& id = measures->type->fields[i].name;
    if (m.kind != DocNode::Kind::kBool || !m.bool_value) continue;
    if (list_type->element->kind == TypeKind::kEnum && !list_type->element->HasEnumValue(id)) continue;
    DocNode item;
    item.kind = DocNode::Kind::kText;
    item.text = id;
    item.type = list_type->element;
    item.line = m.line;
    item.column = m.column;
    out.items.push_back(std::move(item));
  }
  Fill(*list, std::move(out));
}

// security.passwords.{min_length, sent_in_clear} -> password_policy.{...}: the fields whose
// meaning did not change (souple migrate maps them the other way).
void CarryPasswords(const DocNode& v2_root, DocNode& v1_root) {
  DocNode* policy = AbsentField(v1_root, "password_policy");
  const DocNode* security = Field(v2_root, "security");
  const DocNode* passwords = security != nullptr ? Field(*security, "passwords") : nullptr;
  if (policy == nullptr || passwords == nullptr || passwords->kind != DocNode::Kind::kRecord) return;
  const Type* type = v1_root.type->fields[policy->index].type;
  if (type == nullptr || type->kind != TypeKind::kRecord) return;
  DocNode out;
  out.kind = DocNode::Kind::kRecord;
  out.type = type;
  out.line = passwords->line;
  out.column = passwords->column;
  out.items.resize(type->fields.size());
  bool any = false;
  for (const char* name : {"min_length", "sent_in_clear"}) {
    const DocNode* from = Field(*passwords, name);
    const int slot = type->FindField(name);
    if (from == nullptr || !from->known() || slot < 0 || type->fields[slot].type == nullptr) continue;
    const TypeKind want = type->fields[slot].type->kind;
    if ((want == TypeKind::kInt && from->kind != DocNode::Kind::kInt) ||
        (want == TypeKind::kBool && from->kind != DocNode::Kind::kBool)) {
      continue;
    }
    out.items[slot] = *from;
    out.items[slot].type = type->fields[slot].type;
    any = true;
  }
  if (!any) return;
  Fill(*policy, std::move(out));
}

}  // namespace

void CarryReplacedFacts(const DocNode& v2_root, DocNode& v1_root) {
  if (!DeclaresSchemaV2(v2_root)) return;
  CarryMeasures(v2_root, v1_root);
  CarryPasswords(v2_root, v1_root);
}

}  // namespace souple::internal
