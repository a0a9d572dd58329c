// SPDX-License-Identifier: Apache-2.0
// Replay: evaluates a record of processing under two policy sets and lists, per activity,
// the findings that appear, disappear or change.
#include <algorithm>
#include <map>

#include "diff/policy_diff.h"
#include "engine_impl.h"

namespace souple {

using namespace internal;

namespace {

// Rule lineage + element: `policy.rule@element`, where an old policy id is replaced by the
// id of the new policy that continues it, so the same obligation keeps its key.
std::string Key(const Finding& f, const std::map<std::string, std::string>& lineage) {
  const std::string local = f.rule_id.substr(f.policy_id.size() + 1);
  auto it = lineage.find(f.policy_id);
  const std::string policy = it != lineage.end() ? it->second : f.policy_id;
  const std::string element = f.id.size() > f.rule_id.size() ? f.id.substr(f.rule_id.size()) : "";
  return policy + "." + local + element;
}

int ChangeRank(const std::string& c) { return c == "appeared" ? 0 : c == "changed" ? 1 : 2; }

}  // namespace

ReplayReport Replay(const DiffSide& old_side, const DiffSide& new_side,
                    const std::vector<SourceFile>& sources, const std::string& default_date,
                    Diagnostics& diagnostics, const ReplayOptions& options) {
  ReplayReport out;
  // Load everything first, for both sides: nothing is reported unless all of it loads.
  std::vector<std::pair<std::shared_ptr<const Activity>, std::shared_ptr<const Activity>>> activities;
  // The register is written for one schema (the register schema, else the new side's): it is
  // strict there. A side with another schema reads it without the facts that schema predates
  // (they could not matter to its texts).
  const auto schema_hash = [](const PolicySet& set) { return set.impl().program->schema->hash(); };
  const std::string written_for = schema_hash(options.register_schema != nullptr ? *options.register_schema
                                                                                : *new_side.set);
  Limits old_limits, new_limits;
  old_limits.ignore_unknown_fields = schema_hash(*old_side.set) != written_for;
  new_limits.ignore_unknown_fields = schema_hash(*new_side.set) != written_for;
  for (const auto& source : sources) {
    if (options.register_schema != nullptr) {
      LoadResult strict = LoadActivity(*options.register_schema, source);
      if (strict.activity == nullptr) {
        diagnostics.Append(strict.diagnostics);
        activities.emplace_back(nullptr, nullptr);
        continue;
      }
    }
    LoadResult before = LoadActivity(*old_side.set, source, old_limits);
    LoadResult after = LoadActivity(*new_side.set, source, new_limits);
    diagnostics.Append(before.diagnostics);
    if (after.activity == nullptr || before.activity == nullptr) diagnostics.Append(after.diagnostics);
    activities.emplace_back(before.activity, after.activity);
  }
  diagnostics.Sort();
  if (diagnostics.HasErrors()) return out;
  DiffSide o = old_side, n = new_side;
  if (o.date.empty()) o.date = default_date;
  if (n.date.empty()) n.date = default_date;
  out.diff = DiffPolicySets(o, n);
  const auto lineage = PolicyLineage(ComparedVersions(*o.set->impl().program, o.date, o.files),
                                     ComparedVersions(*n.set->impl().program, n.date, n.files));
  EvalOptions old_options, new_options;
  old_options.evaluation_date = o.date;
  new_options.evaluation_date = n.date;
  for (const auto& [old_activity, new_activity] : activities) {
    const Report before = Evaluate(*o.set, *old_activity, old_options);
    const Report after = Evaluate(*n.set, *new_activity, new_options);
    ActivityImpact impact;
    impact.file = after.activity_file;
    impact.id = after.activity_id;
    impact.name = after.activity_name;
    std::map<std::string, const Finding*> old_by_key, new_by_key;
    for (const auto& f : before.findings) old_by_key[Key(f, lineage)] = &f;
    for (const auto& f : after.findings) new_by_key[Key(f, lineage)] = &f;
    for (const auto& [key, f] : new_by_key) {
      auto it = old_by_key.find(key);
      if (it == old_by_key.end()) {
        impact.deltas.push_back({key, "appeared", {}, *f});
      } else if (it->second->status != f->status || it->second->kind != f->kind) {
        impact.deltas.push_back({key, "changed", *it->second, *f});
      } else {
        ++impact.unchanged;
      }
    }
    for (const auto& [key, f] : old_by_key) {
      if (!new_by_key.count(key)) impact.deltas.push_back({key, "disappeared", *f, {}});
    }
    std::stable_sort(impact.deltas.begin(), impact.deltas.end(), [](const FindingDelta& a, const FindingDelta& b) {
      return std::make_pair(ChangeRank(a.change), a.key) < std::make_pair(ChangeRank(b.change), b.key);
    });
    out.activities.push_back(std::move(impact));
  }
  return out;
}

}  // namespace souple
