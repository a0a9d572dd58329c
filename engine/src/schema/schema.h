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

 private:
  TypeArena arena_;
  const Type* root_ = nullptr;
  std::string id_;
};

}  // namespace souple::internal
