// SPDX-License-Identifier: Apache-2.0
// Internal pieces of the diff shared with the replay.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "ir/program.h"
#include "souple/diff.h"

namespace souple::internal {

/// The versions of one side that are compared: those applying on its date, or the latest
/// version of each id when it has none.
std::vector<const CompiledPolicy*> ComparedVersions(const Program& program, const std::string& date,
                                                    const std::vector<std::string>& files);

/// Old policy id -> the new policy id that continues it (same id, or one that supersedes it).
std::map<std::string, std::string> PolicyLineage(const std::vector<const CompiledPolicy*>& old_versions,
                                                 const std::vector<const CompiledPolicy*>& new_versions);

}  // namespace souple::internal
