// SPDX-License-Identifier: Apache-2.0
// File reading and policy-path expansion for the CLI.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

namespace souple::cli {

/// Reads a whole file; on failure adds an E5001 diagnostic and returns nullopt.
std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags);

/// Expands files and folders (recursively, `*.souple`, sorted) into policy sources.
/// `display_root`, when set, is stripped from the paths shown in diagnostics and reports.
bool CollectPolicies(const std::vector<std::string>& paths, const std::string& display_root,
                     std::vector<SourceFile>& out, Diagnostics& diags);

}  // namespace souple::cli
