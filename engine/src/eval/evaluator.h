// SPDX-License-Identifier: Apache-2.0
// The evaluator: runs compiled rules against one loaded activity.
#pragma once

#include <algorithm>
#include <cstddef>
#include <vector>

#include "ir/program.h"

namespace souple::internal {

/// What an evaluation read: facts (known values), missing fields, table cells. Collected
/// only for rules that produce a finding (a second, traced pass).
/// A fact the rule needed and the activity does not state: an absent or null node, or a
/// field below an absent object (`marketing.last_contact_events` when `marketing` is absent).
struct MissingFact {
  const DocNode* node = nullptr;
  const Node* leaf = nullptr;  // outermost field access below `node`, if any
  uint8_t depth = 0;           // number of fields between `node` and the leaf
};

/// Dotted path of the missing fact, down to the leaf field.
std::string MissingPath(const MissingFact& m);
/// The schema's description of the missing field (in French: its `x-description-fr`, or
/// empty when it has none).
std::string MissingDescription(const MissingFact& m, bool french = false);
/// Whether the missing fact is, or is inside, a schema v1 field that v2 replaces
/// (`x-souple-replaced-by`): not to be asked of a v2 description, which may not state it.
bool MissingInReplacedField(const MissingFact& m);

/// Each list of a trace holds at most kMaxEntries (docs/limits.md): a rule that scans a
/// list for every element of another would otherwise keep n x m facts per activity. Past
/// the bound, reads are dropped and `truncated` says so.
struct Trace {
  static constexpr size_t kMaxEntries = 256;
  struct TableRead {
    const CompiledTable* table;
    const TableRow* row;
    uint32_t column;
  };
  std::vector<const DocNode*> facts;
  std::vector<MissingFact> missing;
  std::vector<TableRead> table_reads;
  /// Missing facts of exceptions that could not be decided (they did not apply).
  std::vector<MissingFact> exception_missing;
  bool truncated = false;

  template <typename T>
  void Add(std::vector<T>& list, const T& item) {
    if (list.size() < kMaxEntries) {
      list.push_back(item);
    } else {
      truncated = true;
    }
  }
  template <typename T, typename It>
  void Append(std::vector<T>& list, It begin, It end) {
    const auto room = static_cast<std::ptrdiff_t>(kMaxEntries - std::min(kMaxEntries, list.size()));
    if (end - begin > room) {
      end = begin + room;
      truncated = true;
    }
    list.insert(list.end(), begin, end);
  }
};

enum class FindingStatus { kMet, kNotMet, kUnknown, kApplies, kExempted };

/// The status as reports and explanations write it.
inline const char* FindingStatusName(FindingStatus s) {
  switch (s) {
    case FindingStatus::kMet: return "met";
    case FindingStatus::kNotMet: return "not_met";
    case FindingStatus::kUnknown: return "unknown";
    case FindingStatus::kApplies: return "applies";
    case FindingStatus::kExempted: return "exempted";
  }
  return "unknown";
}

struct RawFinding {
  FindingStatus status = FindingStatus::kApplies;
  const DocNode* element = nullptr;  // the `for` element, if any
  int exception = -1;                // index of the exception that applied
  UnknownReason unknown_reason = UnknownReason::kMissing;
  Trace trace;
  std::vector<Value> placeholders_fr, placeholders_en;  // values of the message placeholders
};

/// Working memory of an evaluation, reused from rule to rule to avoid allocating per rule.
/// One per thread (it is not shared).
struct EvalScratch {
  std::vector<Value> slots, lets;
  std::vector<bool> let_done;
  std::vector<std::vector<MissingFact>> let_missing;
};

/// Evaluates one rule; appends one finding per applicable element (nothing when the rule
/// does not apply). Thread-safe: all state lives in `scratch` and on the stack.
/// With `explain`, each finding also gets its trace and message placeholder values.
void EvaluateRule(const CompiledRule& rule, const DocNode& root, Date evaluation_date,
                  bool explain, EvalScratch& scratch, std::vector<RawFinding>& out);

}  // namespace souple::internal
