// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4), for content-addressing policy files and policy sets.
#pragma once

#include <string>
#include <string_view>

namespace souple::internal {

/// Lower-case hex digest of `data`.
std::string Sha256Hex(std::string_view data);

}  // namespace souple::internal
