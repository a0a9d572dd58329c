// SPDX-License-Identifier: Apache-2.0
// Reading input files safely: every file Souple reads (policies, activities, releases, test
// files and the activities they name) goes through ReadInputFile.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "souple/diagnostic.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// No file Souple reads may be larger than this; each kind of input has a tighter limit of
/// its own (docs/limits.md).
inline constexpr uint64_t kMaxInputFileBytes = 64u << 20;

/// Reads a whole regular file. A FIFO, a device such as /dev/zero, a directory or a file
/// over `max_bytes` is refused on the open descriptor, before a byte is read. On failure
/// adds a diagnostic (E5001, or E5003 for the size) located at `path` and returns nullopt.
std::optional<std::string> ReadInputFile(const std::string& path, Diagnostics& diags,
                                         uint64_t max_bytes = kMaxInputFileBytes);

}  // namespace souple
#pragma GCC visibility pop
