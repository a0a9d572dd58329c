// SPDX-License-Identifier: Apache-2.0
// The activity schema: a subset of JSON Schema (see docs/activity-schema.md) read into
// the type model. Root fields become the root names of the policy language.
#pragma once

#include <memory>
#include <string>

#include "schema/types.h"
#include "souple/diagnostic.h"

namespace souple::internal {

class Schema {
 public:
  /// Reads a schema; reports E2020 (with the JSON pointer of the offending keyword).
  static std::unique_ptr<Schema> Load(const std::string& path, const std::string& text,
                                      Diagnostics& diags);

  const Type* root() const { return root_; }
  TypeArena& arena() { return arena_; }
  const std::string& id() const { return id_; }
  /// sha256 of the schema text: activities loaded with one schema may be evaluated by any
  /// policy set compiled against the same text.
  const std::string& hash() const { return hash_; }

 private:
  TypeArena arena_;
  const Type* root_ = nullptr;
  std::string id_;
  std::string hash_;
};

}  // namespace souple::internal
