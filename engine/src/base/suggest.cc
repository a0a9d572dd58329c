// SPDX-License-Identifier: Apache-2.0
#include "base/suggest.h"

#include "souple/suggest.h"

#include <algorithm>

namespace souple::internal {

std::string LowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

size_t EditDistance(std::string_view a, std::string_view b) {
  std::vector<size_t> prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
    }
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

std::optional<std::string> ClosestMatch(std::string_view word,
                                        const std::vector<std::string>& candidates) {
  // Names are short: a longer word is no misspelling, and comparing it would cost
  // its length times every candidate's (docs/limits.md).
  if (word.size() > kMaxSuggestedWordLength) return std::nullopt;
  // Case is not a spelling: `Marketing` is one step from `marketing`, and a candidate
  // differing only in case is always suggested.
  const std::string lower = LowerAscii(word);
  const size_t limit = std::max<size_t>(1, word.size() / 3);
  std::optional<std::string> best;
  size_t best_distance = limit + 1;
  for (const auto& c : candidates) {
    const std::string lc = LowerAscii(c);
    if (lc == lower && c != word) return c;
    const size_t d = EditDistance(lower, lc);
    if (d < best_distance || (d == best_distance && best && c < *best)) {
      best_distance = d;
      best = c;
    }
  }
  if (best_distance > limit) return std::nullopt;
  return best;
}

std::vector<std::string> DidYouMean(std::string_view word,
                                    const std::vector<std::string>& candidates) {
  if (auto m = ClosestMatch(word, candidates)) return {"did you mean `" + *m + "`?"};
  return {};
}

}  // namespace souple::internal

namespace souple {

std::optional<std::string> ClosestName(std::string_view word, const std::vector<std::string>& names) {
  return internal::ClosestMatch(word, names);
}

}  // namespace souple
