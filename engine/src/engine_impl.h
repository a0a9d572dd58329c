// SPDX-License-Identifier: Apache-2.0
// The Impl structs behind the public PolicySet and Activity handles.
#pragma once

#include "document/document.h"
#include "ir/program.h"
#include "souple/engine.h"

namespace souple {

struct ActivitySchema::Impl {
  std::shared_ptr<const internal::Schema> schema;
};

struct PolicySet::Impl {
  std::unique_ptr<internal::Program> program;
  std::vector<PolicyInfo> infos;
  Limits limits;
};

struct Activity::Impl {
  std::string path;
  std::shared_ptr<const internal::Schema> schema;  // owns the types the document nodes point to
  std::unique_ptr<internal::DocNode> root;
};

}  // namespace souple
