// SPDX-License-Identifier: Apache-2.0
// Upgrading an activity description from schema v1 to schema v2 (docs/activity-schema.md,
// "Schema v1 and v2").
#pragma once

#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

struct MigrationResult {
  std::string text;                  ///< The v2 description; empty on error.
  std::vector<std::string> mapped;   ///< One line per fact moved: `v1 path -> v2 path`.
  std::vector<std::string> unmapped; ///< Facts that need a decision, with what to state.
  Diagnostics diagnostics;
};

/// Rewrites a v1 description as v2: declares `activity.schema_version: "2"`, moves
/// `security_measures` (each listed id -> `security.measures.<id>: true`; an unlisted id stays
/// unstated, never `false`) and `password_policy` (min_length, sent_in_clear ->
/// `security.passwords`). A fact with no exact v2 equivalent (`password_policy.hashed`: which
/// algorithm?) is listed in `unmapped`, not guessed. YAML is edited line by line, so comments
/// outside the moved blocks are kept (and comments inside them move with them); JSON is
/// re-written with two-space indentation. A description already in v2, or holding both a v1
/// field and its v2 replacement, is an error.
MigrationResult MigrateActivity(const SourceFile& v1);

}  // namespace souple
#pragma GCC visibility pop
