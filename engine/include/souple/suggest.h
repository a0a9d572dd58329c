// SPDX-License-Identifier: Apache-2.0
// "Did you mean": the engine's suggestion of a close name, for the tools around it (the
// command line suggests a subcommand or an option with it).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// The name of `names` closest to `word` by edit distance (case ignored), when it is
/// close enough to be a misspelling of it; nothing otherwise.
std::optional<std::string> ClosestName(std::string_view word, const std::vector<std::string>& names);

}  // namespace souple
#pragma GCC visibility pop
