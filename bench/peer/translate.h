// SPDX-License-Identifier: Apache-2.0
// The shared peer benchmark's neutral rules (../shared/bench, rules.json) written as a Souple
// activity schema and one Souple policy, so that the engine runs the same workload as the
// other engines. Semantics of the neutral format: ../shared/bench/README.md.
#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace souple::bench {

/// A JSON Schema for the records: `schema.scalars` (dotted paths), `string_lists`,
/// `object_lists` and `optional_objects` of rules.json; every object may be null (absent).
std::string SchemaFor(const nlohmann::json& rules);

/// One policy `bench.peer` with one rule per neutral rule (`rule R0001`), firing as status
/// `applies` exactly when the neutral condition holds: each predicate is guarded by
/// `known(...)` so that an absent value gives false (never unknown), as the neutral
/// semantics says (`neq` on an absent value is false; `not` is plain negation).
std::string PolicyFor(const nlohmann::json& rules);

}  // namespace souple::bench
