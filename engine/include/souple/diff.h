// SPDX-License-Identifier: Apache-2.0
// Comparing two policy sets (two releases, or two versions of a policy) rule by rule, and
// replaying an organisation's record of processing under both.
#pragma once

#include <string>
#include <vector>

#include "souple/engine.h"
#include "souple/report.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// One side of a comparison: a compiled set and the date whose versions are compared
/// (empty: the latest version of each policy id).
struct DiffSide {
  const PolicySet* set = nullptr;
  std::string label;  ///< e.g. `release 2024.1` or a path
  std::string date;
  /// When not empty, only the policies declared in these files (paths as compiled) are
  /// compared; the rest of the set only resolves imports and `see` references.
  std::vector<std::string> files;
};

/// What changed in one rule. `change` is one of: added, removed, kind_changed,
/// condition_widened, condition_narrowed, condition_changed, threshold_changed,
/// exception_added, exception_removed, confidence_changed, period_changed (the rule or one
/// of its exceptions enters or leaves on another date: dated doctrine), wording_only,
/// citation_only (a citation's own dates included). A policy's `applies to` is compared as a
/// rule named `(applies to)`.
/// A rule may have several; the first is the most significant.
struct RuleChange {
  std::string rule;          ///< Local rule id.
  std::vector<std::string> changes;
  std::string old_kind, new_kind;
  std::vector<std::string> details;  ///< One line each: what changed, old → new.
};

/// What changed in one policy. `change`: added, withdrawn, replaced (another id supersedes
/// it), new_version, revised (same version label, text edited), unchanged.
struct PolicyChange {
  std::string old_id, new_id, old_version, new_version, old_status, new_status;
  std::string old_effective, new_effective;
  std::string change;
  /// Sources whose description changed (title, dates, status, URL...), added or dropped:
  /// a policy-level change, not repeated on every rule that cites them.
  std::vector<std::string> sources;
  std::vector<RuleChange> rules;  ///< Only rules that changed.
};

struct DiffReport {
  std::string old_label, new_label, old_date, new_date;
  std::vector<PolicyChange> policies;
  /// Number of rules that have `change` among their changes.
  size_t CountRules(const std::string& change) const;
};

DiffReport DiffPolicySets(const DiffSide& old_side, const DiffSide& new_side);

std::string RenderDiffText(const DiffReport& diff);
std::string RenderDiffJson(const DiffReport& diff);

/// A finding that appeared, disappeared or changed between the two sides, for one activity.
struct FindingDelta {
  std::string key;  ///< Rule lineage + element: stable across releases and superseding policies.
  std::string change;  ///< appeared | disappeared | changed
  Finding old_finding, new_finding;  ///< The side(s) where it exists.
};

struct ActivityImpact {
  std::string file, id, name;
  std::vector<FindingDelta> deltas;
  size_t unchanged = 0;
};

struct ReplayReport {
  DiffReport diff;
  std::vector<ActivityImpact> activities;
};

struct ReplayOptions {
  /// The set whose schema the register is written for (typically the bundled schema, with
  /// no policy). When given, each activity is checked strictly against it, and each side
  /// whose schema differs reads it with the fields and values that schema predates left out
  /// (not stated there), so a current register replays on two older releases. When null, the
  /// register is taken as written for the new side: strict there, lenient on an old side
  /// with another schema.
  const PolicySet* register_schema = nullptr;
};

/// Loads every activity for both sides (their schemas may differ), evaluates it under
/// each (at its date; `default_date` when empty) and lists, per activity, the findings that
/// appear, disappear or change status or kind. Load errors go to `diagnostics`; the
/// replay is then empty.
ReplayReport Replay(const DiffSide& old_side, const DiffSide& new_side,
                    const std::vector<SourceFile>& activities, const std::string& default_date,
                    Diagnostics& diagnostics, const ReplayOptions& options = {});

std::string RenderReplayMarkdown(const ReplayReport& replay, Language language);
std::string RenderReplayJson(const ReplayReport& replay);

}  // namespace souple
#pragma GCC visibility pop
