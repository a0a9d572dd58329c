// SPDX-License-Identifier: Apache-2.0
#include "report/selection.h"

#include <map>

namespace souple::internal {

bool MatchesPattern(const std::string& id, const std::string& pattern) {
  // Iterative wildcard matching with backtracking to the last `*`: linear in practice.
  size_t i = 0, p = 0, star = std::string::npos, mark = 0;
  while (i < id.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == id[i])) {
      ++i;
      ++p;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = i;
    } else if (star != std::string::npos) {
      p = star + 1;
      i = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Selection SelectPolicies(const Program& program, Date date, bool final_only,
                         const std::vector<std::string>& only) {
  auto selected = [&](const std::string& id) {
    if (only.empty()) return true;
    for (const auto& pattern : only) {
      if (MatchesPattern(id, pattern)) return true;
    }
    return false;
  };
  auto in_force = [&](const CompiledPolicy& p) {
    return p.effective <= date && (!p.until || date < *p.until) && !(final_only && p.status == "draft");
  };
  // The version in force of each id: the latest final one; a draft only while no final
  // version is in force (a consultation draft of a revision does not displace the text).
  std::map<std::string, const CompiledPolicy*> latest;
  auto better = [](const CompiledPolicy* current, const CompiledPolicy& candidate) {
    const bool cf = current->status == "final", nf = candidate.status == "final";
    if (cf != nf) return nf;
    return current->effective <= candidate.effective;
  };
  for (const auto& p : program.policies) {
    if (!in_force(p)) continue;
    auto& slot = latest[p.id];
    if (slot == nullptr || better(slot, p)) slot = &p;
  }
  // A policy in force can retire another id (e.g. a référentiel replacing a simplified norm).
  auto superseded_by = [&](const CompiledPolicy& p) -> const CompiledPolicy* {
    for (const auto& [id, q] : latest) {
      if (q == &p || q->id == p.id) continue;
      for (const auto& [sid, sversion] : q->supersedes) {
        if (sid == p.id && (sversion.empty() || sversion == p.version)) return q;
      }
    }
    return nullptr;
  };
  Selection out;
  for (const auto& p : program.policies) {
    PolicyApplication a;
    a.id = p.id;
    a.version = p.version;
    a.status = p.status;
    a.effective = FormatDate(p.effective);
    a.until = p.until ? FormatDate(*p.until) : "";
    a.content_hash = p.content_hash;
    a.title_fr = p.title_fr;
    a.title_en = p.title_en;
    auto it = latest.find(p.id);
    const CompiledPolicy* by = nullptr;
    if (final_only && p.status == "draft") {
      a.reason_code = "draft_excluded";
      a.reason = "draft text, left out by --final-only";
    } else if (p.effective > date) {
      a.reason_code = "not_yet_in_force";
      a.reason = "not yet in force (effective " + a.effective + ")";
    } else if (p.until && date >= *p.until) {
      a.reason_code = "no_longer_in_force";
      a.reason = "no longer in force (until " + a.until + ")";
    } else if (it != latest.end() && it->second != &p) {
      a.reason_code = "replaced";
      a.by = it->second->id + " " + it->second->version + " (" + FormatDate(it->second->effective) + ")";
      a.reason = "replaced by version " + it->second->version + " (effective " +
                 FormatDate(it->second->effective) + ")";
    } else if ((by = superseded_by(p)) != nullptr) {
      a.reason_code = "superseded";
      a.by = by->id + " " + by->version + " (" + FormatDate(by->effective) + ")";
      a.reason = "superseded by " + by->id + " " + by->version + " (effective " + FormatDate(by->effective) + ")";
    } else if (!selected(p.id)) {
      a.reason_code = "not_selected";
      a.reason = "in force, but not selected (--policy)";
    } else {
      a.applied = true;
      a.reason_code = "in_force";
      a.reason = "in force on the evaluation date";
      out.applied.push_back(&p);
    }
    out.listing.push_back(std::move(a));
  }
  return out;
}

}  // namespace souple::internal
