// SPDX-License-Identifier: Apache-2.0
// Opening input files safely (the shared step of ReadInputFile and RegisterReader).
#pragma once

#include <cstdint>
#include <string>

#include "souple/diagnostic.h"

namespace souple::internal {

/// Opens `path` for reading, without blocking on a FIFO, and refuses (E5001) what is not a
/// regular file and (E5003) a file over `max_bytes`, before a byte is read. Returns the
/// descriptor in blocking mode, or -1 after adding a diagnostic. `size` gets the file size.
int OpenRegularFile(const std::string& path, uint64_t max_bytes, uint64_t& size, Diagnostics& diags);

inline bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace souple::internal
