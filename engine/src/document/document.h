// SPDX-License-Identifier: Apache-2.0
// A loaded activity description: a typed tree shaped by the schema. Record fields are
// stored by slot, so compiled policies read them by index, never by name.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/calendar.h"
#include "schema/types.h"
#include "souple/diagnostic.h"

namespace souple::internal {

struct DocNode {
  enum class Kind : uint8_t { kAbsent, kNull, kBool, kInt, kText, kDate, kDuration, kList, kRecord };
  Kind kind = Kind::kAbsent;
  bool bool_value = false;
  int64_t int_value = 0;
  Date date_value = 0;
  Duration duration_value;
  std::string text;
  std::vector<DocNode> items;  // list elements, or record fields by slot (kAbsent if not given)
  const Type* type = nullptr;  // the schema type of this node
  const DocNode* parent = nullptr;
  uint32_t index = 0;          // slot in the parent record, or position in the parent list
  uint32_t line = 0, column = 0;

  bool known() const { return kind != Kind::kAbsent && kind != Kind::kNull; }
};

/// Dotted path of a node from the root: `retention[1].active_duration`.
std::string PathOf(const DocNode* node);

/// The text of a record's field `name` when it is stated, else null.
const std::string* TextField(const DocNode& record, const char* name);

/// What names a record for people and across releases: its `id`, else its `name`, else null.
const std::string* RecordName(const DocNode& record);

/// Whether the description declares `activity.schema_version: "2"`: its v1 fields are then
/// refused, and never asked for.
bool DeclaresSchemaV2(const DocNode& root);

/// `v1_root` is the same description as `v2_root` (which declares schema_version 2), read
/// under a v1 schema that lacks some v2 facts: fills the v1 fields that v2 restated
/// (security_measures, password_policy) from their v2 statements where the v1 reading left
/// them absent. Nothing else changes.
void CarryReplacedFacts(const DocNode& v2_root, DocNode& v1_root);

struct DocumentOptions {
  size_t max_bytes = 4u << 20;   ///< Larger inputs are rejected (E5003).
  uint32_t max_depth = 64;       ///< Deeper nesting is rejected (E4001).
  size_t max_errors = 50;
  bool ignore_unknown_fields = false;  ///< Skip fields and enum values the schema lacks (older schemas).
  size_t max_nodes = 1000000;   ///< Bounds alias expansion ("billion laughs").
  size_t max_list_items = 100;  ///< Per list (E4006): bounds the findings of `for` rules.
  uint32_t first_line = 1;      ///< Line of the text's first line in its file (registers).
  enum class Format { kByPath, kJson, kYaml } format = Format::kByPath;
  /// Valid JSON is read in one pass (json_document.h); false reads it the careful way, as
  /// text that has errors is (the differential tests compare the two).
  bool json_fast_path = true;
};

/// Loads YAML or JSON (JSON is chosen by the `.json` extension and checked strictly).
/// Returns null and reports diagnostics on any error; never throws for bad input.
std::unique_ptr<DocNode> LoadDocument(const std::string& path, const std::string& text,
                                      const Type* root_type, Diagnostics& diags,
                                      const DocumentOptions& options = {});

}  // namespace souple::internal

namespace YAML {
class Node;
}

namespace souple::internal {

/// Converts an already-parsed YAML node (e.g. an activity written inline in a policy test
/// file); locations refer to the file `path` the node was read from.
std::unique_ptr<DocNode> LoadDocumentNode(const std::string& path, const YAML::Node& node,
                                          const Type* root_type, Diagnostics& diags,
                                          const DocumentOptions& options = {});

}  // namespace souple::internal
