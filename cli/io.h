// SPDX-License-Identifier: Apache-2.0
// File reading and policy-path expansion for the CLI.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "souple/bundle.h"  // CollectPolicies
#include "souple/diagnostic.h"
#include "souple/engine.h"
#include "souple/files.h"

namespace souple::cli {

/// No file Souple reads may be larger than this (the engine applies tighter limits per kind
/// of input, docs/limits.md); larger files are refused before they are read (E5003).
inline constexpr uint64_t kMaxInputBytes = kMaxInputFileBytes;

/// Reads a whole regular file (FIFOs and devices are refused before reading); on failure adds an E5001 diagnostic and returns nullopt.
std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags);

/// Writes `text` to `path` through a temporary file in the same folder renamed into place, so
/// that `path` is never left half-written. Refuses an existing file unless `force`. On failure
/// prints a coded diagnostic (E5001) on stderr and returns false. `mode`: the file's
/// permissions (0600 for a secret key).
bool WriteFileAtomically(const std::string& path, const std::string& text, bool force,
                         const std::string& what, unsigned mode = 0644);

inline bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace souple::cli
