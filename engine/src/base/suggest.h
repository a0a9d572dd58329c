// SPDX-License-Identifier: Apache-2.0
// "Did you mean" suggestions by edit distance.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace souple::internal {

/// `s` with ASCII capitals lower-cased (other bytes as they are).
std::string LowerAscii(std::string_view s);

/// Levenshtein distance (bytes).
size_t EditDistance(std::string_view a, std::string_view b);

/// Words longer than this get no suggestion.
inline constexpr size_t kMaxSuggestedWordLength = 64;

/// The closest candidate within a distance proportional to the word's length, if any.
std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates);

/// "did you mean `x`?" when a close candidate exists, else an empty vector.
std::vector<std::string> DidYouMean(std::string_view word,
                                    const std::vector<std::string>& candidates);

}  // namespace souple::internal
