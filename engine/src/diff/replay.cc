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

// The findings of `report` by key.
std::map<std::string, const Finding*> ByKey(const Report& report, const std::map<std::string, std::string>& lineage) {
  std::map<std::string, const Finding*> out;
  for (const auto& f : report.findings) out[Key(f, lineage)] = &f;
  return out;
}

}  // namespace

ReplayReport Replay(const DiffSide& old_side, const DiffSide& new_side,
                    const std::vector<SourceFile>& sources, const std::string& default_date,
                    Diagnostics& diagnostics, const ReplayOptions& options) {
  ReplayReport out;
  // The register is written for one schema (the register schema, else the new side's): it is
  // strict there. A side with another schema reads it without the facts that schema predates
  // (they could not matter to its texts).
  const auto schema_hash = [](const PolicySet& set) { return set.impl().program->schema->hash(); };
  const std::string written_for = schema_hash(options.register_schema != nullptr ? *options.register_schema
                                                                                : *new_side.set);
  Limits old_limits, new_limits;
  old_limits.ignore_unknown_fields = schema_hash(*old_side.set) != written_for;
  new_limits.ignore_unknown_fields = schema_hash(*new_side.set) != written_for;
  DiffSide o = old_side, n = new_side;
  if (o.date.empty()) o.date = default_date;
  if (n.date.empty()) n.date = default_date;
  out.diff = DiffPolicySets(o, n);
  const auto lineage = PolicyLineage(ComparedVersions(*o.set->impl().program, o.date, o.files),
                                     ComparedVersions(*n.set->impl().program, n.date, n.files));
  EvalOptions old_options, new_options;
  old_options.evaluation_date = o.date;
  new_options.evaluation_date = n.date;
  EvalOptions old_verdicts = old_options, new_verdicts = new_options;
  old_verdicts.detail = new_verdicts.detail = EvalOptions::Detail::kVerdicts;

  // One activity at a time, so memory does not grow with the register: each is loaded for
  // both sides, decided, and only its deltas are kept. Nothing is reported unless every
  // activity loads: after the first error the rest are only loaded, for their diagnostics.
  for (const auto& source : sources) {
    LoadResult strict;
    if (options.register_schema != nullptr) {
      strict = LoadActivity(*options.register_schema, source);
      if (strict.activity == nullptr) {
        diagnostics.Append(strict.diagnostics);
        continue;
      }
    }
    // A side whose schema is not the register's reads it as written for the register's: the
    // facts it predates left out, the v1 forms of v2 facts derived from them.
    auto load = [&](const DiffSide& side, const Limits& limits) {
      return limits.ignore_unknown_fields && strict.activity != nullptr
                 ? LoadActivityWrittenFor(*side.set, source, *strict.activity, limits)
                 : LoadActivity(*side.set, source, limits);
    };
    LoadResult before = load(old_side, old_limits);
    LoadResult after = load(new_side, new_limits);
    diagnostics.Append(before.diagnostics);
    if (after.activity == nullptr || before.activity == nullptr) diagnostics.Append(after.diagnostics);
    if (diagnostics.HasErrors() || before.activity == nullptr || after.activity == nullptr) continue;

    // Verdicts first: most activities of a register keep most findings, and only the
    // findings that change are shown with their explanations.
    Report old_report = Evaluate(*o.set, *before.activity, old_verdicts);
    Report new_report = Evaluate(*n.set, *after.activity, new_verdicts);
    auto old_by_key = ByKey(old_report, lineage), new_by_key = ByKey(new_report, lineage);
    bool old_needed = false, new_needed = false;
    for (const auto& [key, f] : new_by_key) {
      auto it = old_by_key.find(key);
      if (it == old_by_key.end()) {
        new_needed = true;
      } else if (it->second->status != f->status || it->second->kind != f->kind) {
        old_needed = new_needed = true;
      }
    }
    for (const auto& [key, f] : old_by_key) {
      if (!new_by_key.count(key)) old_needed = true;
    }
    if (old_needed) {
      old_report = Evaluate(*o.set, *before.activity, old_options);
      old_by_key = ByKey(old_report, lineage);
    }
    if (new_needed) {
      new_report = Evaluate(*n.set, *after.activity, new_options);
      new_by_key = ByKey(new_report, lineage);
    }
    const Report& after_report = new_report;
    ActivityImpact impact;
    impact.file = after_report.activity_file;
    impact.id = after_report.activity_id;
    impact.name = after_report.activity_name;
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
  diagnostics.Sort();
  if (diagnostics.HasErrors()) return ReplayReport{};
  return out;
}

}  // namespace souple
