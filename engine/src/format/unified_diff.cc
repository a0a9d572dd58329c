// SPDX-License-Identifier: Apache-2.0
// UnifiedDiff: `souple fmt --diff`. A longest-common-subsequence table over the lines that
// differ (common head and tail trimmed first); past a size bound the middle is shown as
// one replacement, which stays a correct diff.
#include <algorithm>
#include <string>
#include <vector>

#include "souple/format.h"

namespace souple {

namespace {

constexpr size_t kContext = 3;
constexpr size_t kMaxTableCells = 4'000'000;  // 16 MB: two files of 2,000 lines

// The lines of `text`; a last line without a newline carries diff's marker, which also
// makes it differ from the same line with one.
std::vector<std::string> Split(const std::string& text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    const size_t nl = text.find('\n', start);
    if (nl == std::string::npos) {
      lines.push_back(text.substr(start) + "\n\\ No newline at end of file");
      break;
    }
    lines.push_back(text.substr(start, nl - start));
    start = nl + 1;
  }
  return lines;
}

struct Op {
  char sign;  // ' ', '-' or '+'
  size_t old_index, new_index;  // the line's index in its text (the other one: next line)
};

std::vector<Op> EditScript(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t head = 0;
  while (head < a.size() && head < b.size() && a[head] == b[head]) ++head;
  size_t tail = 0;
  while (tail < a.size() - head && tail < b.size() - head &&
         a[a.size() - 1 - tail] == b[b.size() - 1 - tail]) {
    ++tail;
  }
  const size_t n = a.size() - head - tail, m = b.size() - head - tail;
  std::vector<Op> ops;
  for (size_t i = 0; i < head; ++i) ops.push_back({' ', i, i});
  if (n > 0 && m > 0 && (n + 1) * (m + 1) <= kMaxTableCells) {
    // lcs[i][j]: the longest common subsequence of the middles from i and j on.
    std::vector<std::vector<uint32_t>> lcs(n + 1, std::vector<uint32_t>(m + 1, 0));
    for (size_t i = n; i-- > 0;) {
      for (size_t j = m; j-- > 0;) {
        lcs[i][j] = a[head + i] == b[head + j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
      }
    }
    size_t i = 0, j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && a[head + i] == b[head + j]) {
        ops.push_back({' ', head + i++, head + j++});
      } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
        ops.push_back({'-', head + i++, head + j});  // deletions first, as diff -u shows them
      } else {
        ops.push_back({'+', head + i, head + j++});
      }
    }
  } else {
    for (size_t i = 0; i < n; ++i) ops.push_back({'-', head + i, head});
    for (size_t j = 0; j < m; ++j) ops.push_back({'+', head + n, head + j});
  }
  for (size_t k = 0; k < tail; ++k) ops.push_back({' ', head + n + k, head + m + k});
  return ops;
}

std::string Range(size_t first, size_t count) {
  // A hunk that holds no line of a side names the line before it (diff -u convention).
  const size_t start = count == 0 ? first : first + 1;
  return std::to_string(start) + (count == 1 ? "" : "," + std::to_string(count));
}

}  // namespace

std::string UnifiedDiff(const std::string& old_label, const std::string& new_label,
                        const std::string& old_text, const std::string& new_text) {
  if (old_text == new_text) return {};
  const std::vector<std::string> a = Split(old_text), b = Split(new_text);
  const std::vector<Op> ops = EditScript(a, b);
  std::string out = "--- " + old_label + "\n+++ " + new_label + "\n";
  auto line_of = [&](const Op& op) {
    return std::string(1, op.sign) + (op.sign == '+' ? b[op.new_index] : a[op.old_index]) + "\n";
  };
  size_t k = 0;
  while (k < ops.size()) {
    while (k < ops.size() && ops[k].sign == ' ') ++k;
    if (k == ops.size()) break;
    // A hunk: from kContext lines before the change to kContext after the last change
    // that is at most 2 * kContext lines from the next one.
    const size_t begin = k >= kContext ? k - kContext : 0;
    size_t end = k;
    while (true) {
      while (end < ops.size() && ops[end].sign != ' ') ++end;
      size_t same = end;
      while (same < ops.size() && ops[same].sign == ' ') ++same;
      if (same < ops.size() && same - end <= 2 * kContext) {
        end = same;
        continue;
      }
      end = std::min(ops.size(), end + kContext);
      break;
    }
    size_t old_count = 0, new_count = 0;
    for (size_t i = begin; i < end; ++i) {
      old_count += ops[i].sign != '+' ? 1 : 0;
      new_count += ops[i].sign != '-' ? 1 : 0;
    }
    out += "@@ -" + Range(ops[begin].old_index, old_count) + " +" + Range(ops[begin].new_index, new_count) + " @@\n";
    for (size_t i = begin; i < end; ++i) out += line_of(ops[i]);
    k = end;
  }
  return out;
}

}  // namespace souple
