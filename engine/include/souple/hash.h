// SPDX-License-Identifier: Apache-2.0
// The SHA-256 the engine content-addresses policy files, policy sets and releases with, for
// the tools around it (the server's decision log records each input's digest).
#pragma once

#include <string>
#include <string_view>

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// Lower-case hex SHA-256 digest of `data` (FIPS 180-4).
std::string Sha256Hex(std::string_view data);

}  // namespace souple
#pragma GCC visibility pop
