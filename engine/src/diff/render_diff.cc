// SPDX-License-Identifier: Apache-2.0
// Text and JSON renderings of a diff; Markdown and JSON renderings of a replay.
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/wording.h"
#include "souple/diff.h"

namespace souple {

namespace {
using Json = nlohmann::ordered_json;

const char* Mark(const std::string& change) {
  if (change == "added") return "+";
  if (change == "removed") return "-";
  return "~";
}

Json DiffJson(const DiffReport& d) {
  Json doc;
  doc["old"] = {{"label", d.old_label}, {"date", d.old_date}};
  doc["new"] = {{"label", d.new_label}, {"date", d.new_date}};
  Json totals;
  for (const char* c : {"added", "removed", "kind_changed", "condition_widened", "condition_narrowed",
                        "condition_changed", "threshold_changed", "exception_added", "exception_removed",
                        "confidence_changed", "period_changed", "wording_only", "citation_only"}) {
    totals[c] = d.CountRules(c);
  }
  doc["totals"] = std::move(totals);
  Json policies = Json::array();
  for (const auto& p : d.policies) {
    Json j;
    j["change"] = p.change;
    j["old"] = p.old_id.empty() ? Json(nullptr)
                                : Json{{"id", p.old_id}, {"version", p.old_version}, {"status", p.old_status}, {"effective", p.old_effective}};
    j["new"] = p.new_id.empty() ? Json(nullptr)
                                : Json{{"id", p.new_id}, {"version", p.new_version}, {"status", p.new_status}, {"effective", p.new_effective}};
    Json rules = Json::array();
    for (const auto& r : p.rules) {
      rules.push_back({{"rule", r.rule}, {"changes", r.changes}, {"old_kind", r.old_kind},
                       {"new_kind", r.new_kind}, {"details", r.details}});
    }
    j["sources_changed"] = p.sources;
    j["rules"] = std::move(rules);
    policies.push_back(std::move(j));
  }
  doc["policies"] = std::move(policies);
  return doc;
}

std::string Side(const std::string& id, const std::string& version, const std::string& status) {
  if (id.empty()) return "(none)";
  return id + " " + version + " [" + status + "]";
}

Json FindingJson(const Finding& f) {
  if (f.rule_id.empty()) return nullptr;
  Json cites = Json::array();
  for (const auto& c : f.citations) cites.push_back(c.publisher + ", " + c.title + (c.section.empty() ? "" : ", " + c.section));
  return Json{{"id", f.id}, {"rule", f.rule_id}, {"policy_version", f.policy_version}, {"kind", f.kind},
              {"status", f.status}, {"element", f.element}, {"message", {{"fr", f.message_fr}, {"en", f.message_en}}},
              {"citations", cites}};
}

// Change codes in words, for the replay report a DPO reads.
std::string ChangeWord(const std::string& c, bool fr) {
  static const std::map<std::string, std::pair<const char*, const char*>> kWords = {
      {"added", {"ajoutée", "added"}},
      {"removed", {"supprimée", "removed"}},
      {"withdrawn", {"retirée", "withdrawn"}},
      {"replaced", {"remplacée", "replaced"}},
      {"new_version", {"nouvelle version", "new version"}},
      {"revised", {"texte révisé", "revised"}},
      {"unchanged", {"inchangée", "unchanged"}},
      {"kind_changed", {"nature modifiée", "kind changed"}},
      {"condition_widened", {"champ élargi", "condition widened"}},
      {"condition_narrowed", {"champ restreint", "condition narrowed"}},
      {"condition_changed", {"condition modifiée", "condition changed"}},
      {"threshold_changed", {"seuil ou durée modifié", "threshold changed"}},
      {"exception_added", {"exception ajoutée", "exception added"}},
      {"exception_removed", {"exception supprimée", "exception removed"}},
      {"confidence_changed", {"confiance modifiée", "confidence changed"}},
      {"period_changed", {"dates d'application modifiées", "period changed"}},
      {"wording_only", {"rédaction seule", "wording only"}},
      {"citation_only", {"citations seules", "citations only"}},
  };
  auto it = kWords.find(c);
  return it == kWords.end() ? c : (fr ? it->second.first : it->second.second);
}

std::string Line(const Finding& f, bool fr) {
  std::string out = "**" + internal::StatusWord(f.status, fr) + "** — " + internal::KindWord(f.kind, fr) + " `" + f.rule_id + "`";
  if (!f.element.empty()) out += " @ `" + f.element + "`";
  out += " (" + f.policy_version + (f.policy_status == "draft" ? (fr ? ", projet" : ", draft") : "") + ")";
  out += "<br>" + (fr ? f.message_fr : f.message_en);
  if (!f.citations.empty()) {
    const Citation& c = f.citations.front();
    out += "<br>" + std::string(fr ? "Source : " : "Source: ") + c.publisher + ", " + c.title + (c.section.empty() ? "" : ", " + c.section);
  }
  return out;
}
}  // namespace

std::string RenderDiffText(const DiffReport& d) {
  std::ostringstream out;
  out << "diff " << d.old_label << (d.old_date.empty() ? "" : " @ " + d.old_date) << " → " << d.new_label
      << (d.new_date.empty() ? "" : " @ " + d.new_date) << '\n';
  size_t changed_rules = 0;
  std::vector<std::string> unchanged;
  for (const auto& p : d.policies) {
    if (p.change == "unchanged") {
      unchanged.push_back(p.new_id + " " + p.new_version);
      continue;
    }
    out << "\n== " << Side(p.old_id, p.old_version, p.old_status) << " → " << Side(p.new_id, p.new_version, p.new_status)
        << ": " << p.change << '\n';
    for (const auto& s : p.sources) out << "  * " << s << '\n';
    for (const auto& r : p.rules) {
      ++changed_rules;
      out << "  " << Mark(r.changes.front()) << ' ' << r.rule << ": ";
      for (size_t i = 0; i < r.changes.size(); ++i) out << (i ? ", " : "") << r.changes[i];
      out << '\n';
      for (const auto& detail : r.details) out << "      " << detail << '\n';
    }
    if (p.rules.empty() && p.sources.empty()) out << "  (no rule changed)\n";
  }
  if (!unchanged.empty()) {
    out << "\nunchanged:";
    for (const auto& u : unchanged) out << ' ' << u << (&u == &unchanged.back() ? "" : ",");
    out << '\n';
  }
  out << "\n" << changed_rules << " rules changed (a rule counts once per kind of change): " << d.CountRules("added") << " added, " << d.CountRules("removed")
      << " removed, " << d.CountRules("kind_changed") << " kind changed, "
      << d.CountRules("condition_widened") + d.CountRules("condition_narrowed") + d.CountRules("condition_changed")
      << " condition, " << d.CountRules("threshold_changed") << " threshold, "
      << d.CountRules("exception_added") + d.CountRules("exception_removed") << " exception, "
      << d.CountRules("confidence_changed") << " confidence, " << d.CountRules("period_changed") << " period, "
      << d.CountRules("wording_only") + d.CountRules("citation_only") << " wording or citation only\n";
  return out.str();
}

std::string RenderDiffJson(const DiffReport& d) { return DiffJson(d).dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n"; }

std::string RenderReplayJson(const ReplayReport& r) {
  Json doc;
  doc["diff"] = DiffJson(r.diff);
  size_t appeared = 0, disappeared = 0, changed = 0, affected = 0;
  Json acts = Json::array();
  for (const auto& a : r.activities) {
    Json j;
    j["file"] = a.file;
    j["id"] = a.id;
    j["name"] = a.name;
    j["unchanged"] = a.unchanged;
    Json deltas = Json::array();
    for (const auto& d : a.deltas) {
      appeared += d.change == "appeared";
      disappeared += d.change == "disappeared";
      changed += d.change == "changed";
      deltas.push_back({{"key", d.key}, {"change", d.change}, {"old", FindingJson(d.old_finding)}, {"new", FindingJson(d.new_finding)}});
    }
    affected += a.deltas.empty() ? 0 : 1;
    j["deltas"] = std::move(deltas);
    acts.push_back(std::move(j));
  }
  size_t newly_not_met = 0;
  for (const auto& a : r.activities) {
    for (const auto& x : a.deltas) {
      newly_not_met += x.new_finding.status == "not_met" &&
                       (x.change == "appeared" || (x.change == "changed" && x.old_finding.status != "not_met"));
    }
  }
  doc["totals"] = {{"activities", r.activities.size()}, {"affected", affected}, {"appeared", appeared},
                   {"disappeared", disappeared}, {"changed", changed}, {"newly_not_met", newly_not_met}};
  doc["activities"] = std::move(acts);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderReplayMarkdown(const ReplayReport& r, Language language) {
  const bool fr = language == Language::kFrench;
  std::ostringstream out;
  const DiffReport& d = r.diff;
  out << (fr ? "# Impact de la mise à jour des politiques sur le registre\n\n" : "# Impact of the policy update on the record of processing\n\n");
  out << "| | " << (fr ? "avant" : "before") << " | " << (fr ? "après" : "after") << " |\n|---|---|---|\n";
  out << "| " << (fr ? "politiques" : "policies") << " | " << d.old_label << " | " << d.new_label << " |\n";
  out << "| " << (fr ? "date d'évaluation" : "evaluation date") << " | " << d.old_date << " | " << d.new_date << " |\n\n";
  size_t appeared = 0, disappeared = 0, changed = 0, affected = 0, new_unmet = 0;
  for (const auto& a : r.activities) {
    affected += a.deltas.empty() ? 0 : 1;
    for (const auto& x : a.deltas) {
      appeared += x.change == "appeared";
      disappeared += x.change == "disappeared";
      changed += x.change == "changed";
      new_unmet += x.new_finding.status == "not_met" &&
                   (x.change == "appeared" || (x.change == "changed" && x.old_finding.status != "not_met"));
    }
  }
  out << (fr ? "## Synthèse\n\n" : "## Summary\n\n");
  out << "| " << (fr ? "mesure" : "measure") << " | " << (fr ? "nombre" : "count") << " |\n|---|---|\n";
  out << "| " << (fr ? "traitements examinés" : "activities replayed") << " | " << r.activities.size() << " |\n";
  out << "| " << (fr ? "traitements concernés" : "activities affected") << " | " << affected << " |\n";
  out << "| " << (fr ? "constats apparus" : "findings appeared") << " | " << appeared << " |\n";
  out << "| " << (fr ? "constats disparus" : "findings disappeared") << " | " << disappeared << " |\n";
  out << "| " << (fr ? "constats modifiés (statut ou nature)" : "findings changed (status or kind)") << " | " << changed << " |\n";
  out << "| " << (fr ? "dont nouveaux « non respecté »" : "of which newly not met") << " | " << new_unmet << " |\n\n";
  out << (fr ? "## Changements de règles\n\n" : "## Rule changes\n\n");
  for (const auto& p : d.policies) {
    if (p.rules.empty()) continue;
    out << "- `" << (p.new_id.empty() ? p.old_id : p.new_id) << "` (" << ChangeWord(p.change, fr) << "): ";
    for (size_t i = 0; i < p.rules.size(); ++i) {
      out << (i ? ", " : "") << "`" << p.rules[i].rule << "` " << ChangeWord(p.rules[i].changes.front(), fr);
    }
    out << '\n';
  }
  for (const auto& a : r.activities) {
    out << "\n## " << (a.id.empty() ? a.file : a.id) << (a.name.empty() ? "" : " — " + a.name) << "\n\n";
    out << "`" << a.file << "`: " << a.deltas.size() << (fr ? " changement(s), " : " change(s), ") << a.unchanged
        << (fr ? " constat(s) inchangé(s)\n\n" : " unchanged finding(s)\n\n");
    if (a.deltas.empty()) continue;
    // Findings that appear already met need no action: listed on one line after the table.
    std::vector<const FindingDelta*> rows, already_met;
    for (const auto& x : a.deltas) {
      (x.change == "appeared" && x.new_finding.status == "met" ? already_met : rows).push_back(&x);
    }
    if (!rows.empty()) {
      out << "| " << (fr ? "changement" : "change") << " | " << (fr ? "avant" : "before") << " | "
          << (fr ? "après" : "after") << " |\n|---|---|---|\n";
    }
    for (const FindingDelta* x : rows) {
      const std::string word = x->change == "appeared" ? (fr ? "apparu" : "appeared")
                               : x->change == "disappeared" ? (fr ? "disparu" : "disappeared")
                                                            : (fr ? "modifié" : "changed");
      out << "| " << word << " | " << (x->change == "appeared" ? "—" : Line(x->old_finding, fr)) << " | "
          << (x->change == "disappeared" ? "—" : Line(x->new_finding, fr)) << " |\n";
    }
    if (!already_met.empty()) {
      out << '\n' << (fr ? "Nouveaux constats déjà respectés : " : "New findings already met: ");
      for (size_t i = 0; i < already_met.size(); ++i) {
        const Finding& f = already_met[i]->new_finding;
        out << (i ? ", " : "") << "`" << f.rule_id << (f.element.empty() ? "" : " @ " + f.element) << "`";
      }
      out << '\n';
    }
  }
  out << (fr ? "\n---\nRevu par (DPO) : ____________________  Date : __________\n"
             : "\n---\nReviewed by (DPO): ____________________  Date: __________\n");
  return out.str();
}

}  // namespace souple
