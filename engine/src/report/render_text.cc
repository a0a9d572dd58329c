// SPDX-License-Identifier: Apache-2.0
// The readable report: grouped by policy, obligations first, in French or English.
#include <algorithm>
#include <sstream>

#include "report/wording.h"
#include "souple/report.h"

namespace souple {

namespace {

struct Words {
  const char* header;
  const char* evaluated;
  const char* policy_set;
  const char* not_applied;
  const char* source;
  const char* facts;
  const char* missing;
  const char* exception;
  const char* why_unknown;
  const char* see;
  const char* unverified;
  const char* draft;
  const char* summary;
  const char* questions;
  const char* decides;
  const char* no_findings;
  const char* draft_text;
};

const Words kFr = {"Activité", "évaluée le", "Jeu de politiques", "non appliquée",
                   "Source", "Faits", "À renseigner", "Exception", "Indéterminé",
                   "Voir aussi", "confiance : non vérifiée", "projet (draft)", "Bilan",
                   "Questions à compléter", "décide", "Aucun constat.",
                   "texte en projet : consultation, pas encore adopté"};
const Words kEn = {"Activity", "evaluated on", "Policy set", "not applied",
                   "Source", "Facts", "Missing", "Exception", "Undetermined",
                   "See also", "confidence: unverified", "draft", "Summary",
                   "Questions to answer", "decides", "No findings.",
                   "draft text: under consultation, not adopted"};

// "; and 12 more" after a list cut at Finding::kMaxListed; "at least" when the evaluator
// itself stopped recording (Trace::kMaxEntries).
std::string NotListed(size_t count, bool at_least, bool fr) {
  if (count == 0) return "";
  const std::string n = std::to_string(count);
  if (fr) return at_least ? " ; et au moins " + n + " de plus" : " ; et " + n + " de plus";
  return at_least ? "; and at least " + n + " more" : "; and " + n + " more";
}

std::string StatusLabel(const std::string& s, bool fr) { return internal::StatusWord(s, fr, true); }

std::string ReasonText(const PolicyApplication& p, bool fr) {
  if (p.reason_code == "draft_excluded") return fr ? "texte en projet, écarté par --final-only" : p.reason;
  if (p.reason_code == "not_yet_in_force") return fr ? "pas encore en vigueur (à compter du " + p.effective + ")" : p.reason;
  if (p.reason_code == "no_longer_in_force") return fr ? "plus en vigueur (jusqu'au " + p.until + ")" : p.reason;
  if (p.reason_code == "replaced") return fr ? "remplacée par la version " + p.by : p.reason;
  if (p.reason_code == "superseded") return fr ? "remplacée par " + p.by : p.reason;
  if (p.reason_code == "not_selected") return fr ? "en vigueur, mais non sélectionnée (--policy)" : p.reason;
  if (p.reason_code == "not_applicable") return fr ? "en vigueur, sans objet pour cette activité (champ : " + p.scope_fr + ")" : p.reason;
  if (p.reason_code == "scope_unknown") return fr ? "en vigueur, application à déterminer (champ : " + p.scope_fr + ")" : p.reason;
  return p.reason;
}

std::string CitationText(const Citation& c, bool fr) {
  std::string out = internal::PublisherWord(c.publisher, fr);
  const std::string title = internal::SourceTitle(c.title, c.title_fr, c.title_en, fr);
  if (!title.empty()) out += ", " + title;
  if (!c.date.empty()) out += " (" + c.date + ")";
  if (!c.section.empty()) out += ", " + c.section;
  return out;
}

}  // namespace

std::string RenderText(const Report& r, Language language) {
  const bool fr = language == Language::kFrench;
  const Words& w = fr ? kFr : kEn;
  // French typography puts a space before a colon.
  const char* colon = fr ? " : " : ": ";
  const char* colon_end = fr ? " :" : ":";
  std::ostringstream out;
  out << w.header << ' ' << (r.activity_id.empty() ? "?" : r.activity_id);
  if (!r.activity_name.empty()) out << " \"" << r.activity_name << '"';
  out << " (" << r.activity_file << "), " << w.evaluated << ' ' << r.evaluation_date << '\n';
  out << w.policy_set << " sha256:" << r.policy_set_hash.substr(0, 16) << "…, souple "
      << r.engine_version;
  if (!r.release_id.empty()) out << ", release " << r.release_id << " (sha256:" << r.release_hash.substr(0, 16) << "…)";
  out << '\n';
  std::string current;
  std::vector<const Finding*> met;  // of the current policy, listed compactly at its end
  auto flush_met = [&]() {
    if (met.empty()) return;
    out << "\n  [" << StatusLabel("met", fr) << "]";
    for (const Finding* m : met) out << "\n    " << m->rule_id << (m->element.empty() ? "" : "  @ " + m->element);
    out << '\n';
    met.clear();
  };
  for (const auto& f : r.findings) {
    if (f.policy_id != current) {
      flush_met();
      current = f.policy_id;
      out << "\n== " << f.policy_id << ' ' << f.policy_version;
      if (f.policy_status == "draft") out << " [" << w.draft << ']';
      out << '\n';
    }
    if (f.status == "met") {
      met.push_back(&f);
      continue;
    }
    out << "\n  [" << StatusLabel(f.status, fr) << "] " << internal::KindWord(f.kind, fr) << "  " << f.rule_id;
    if (!f.element.empty()) out << "  @ " << f.element;
    out << '\n';
    out << "    " << (fr ? f.message_fr : f.message_en) << '\n';
    if (f.confidence == "unverified") out << "    (" << w.unverified << ")\n";
    if (f.policy_status == "draft") out << "    (" << w.draft_text << ")\n";
    const std::string& note = fr ? f.note_fr : f.note_en;
    if (!note.empty()) out << "    " << note << '\n';
    if (f.status == "exempted") out << "    " << w.exception << colon << (fr ? f.exception_fr : f.exception_en) << '\n';
    // One line per source; its sections joined.
    for (size_t i = 0; i < f.citations.size(); ++i) {
      const Citation& c = f.citations[i];
      bool seen = false;
      for (size_t k = 0; k < i; ++k) seen = seen || f.citations[k].source_id == c.source_id;
      if (seen) continue;
      out << "    " << w.source << colon << CitationText(c, fr);
      for (size_t k = i + 1; k < f.citations.size(); ++k) {
        if (f.citations[k].source_id == c.source_id) out << "; " << f.citations[k].section;
      }
      out << '\n';
    }
    if (!f.facts.empty()) {
      out << "    " << w.facts << colon_end;
      for (size_t i = 0; i < f.facts.size(); ++i) {
        out << (i == 0 ? " " : "; ") << f.facts[i].path << " = " << f.facts[i].Text(fr);
      }
      out << NotListed(f.facts_not_listed, f.more_not_counted, fr) << '\n';
    }
    if (!f.missing.empty()) {
      out << "    " << w.missing << colon_end;
      for (size_t i = 0; i < f.missing.size(); ++i) out << (i == 0 ? " " : ", ") << f.missing[i];
      out << NotListed(f.missing_not_listed, f.more_not_counted, fr) << '\n';
    }
    if (!f.unknown_reason.empty()) {
      out << "    " << w.why_unknown << colon << (fr ? f.unknown_reason_fr : f.unknown_reason) << '\n';
    }
    if (!f.see.empty()) {
      out << "    " << w.see << colon_end;
      for (const auto& s : f.see) out << ' ' << s;
      out << '\n';
    }
  }
  flush_met();
  if (r.findings.empty()) out << '\n' << w.no_findings << '\n';
  for (const auto& p : r.policies) {
    if (!p.applied) out << '\n' << p.id << ' ' << p.version << ", " << w.not_applied << colon << ReasonText(p, fr);
  }
  out << "\n\n" << w.summary << colon << r.Count("not_met") << ' ' << StatusLabel("not_met", fr) << ", "
      << r.Count("unknown") << ' ' << StatusLabel("unknown", fr) << ", " << r.Count("applies") << ' '
      << StatusLabel("applies", fr) << ", " << r.Count("exempted") << ' ' << StatusLabel("exempted", fr)
      << ", " << r.Count("met") << ' ' << StatusLabel("met", fr) << '\n';
  if (!r.questions.empty()) {
    // Ranked (the fact deciding the most findings first), grouped by section of the activity
    // description in the order of each section's best-ranked question.
    out << '\n' << w.questions << colon_end << '\n';
    std::vector<std::string> sections;
    for (const auto& q : r.questions) {
      if (std::find(sections.begin(), sections.end(), q.section) == sections.end()) sections.push_back(q.section);
    }
    for (const auto& section : sections) {
      out << "  [" << section << "]\n";
      for (const auto& q : r.questions) {
        if (q.section != section) continue;
        out << "  - " << q.field;
        if (!q.description.empty()) out << " — " << q.Description(fr);
        out << "\n    (" << w.decides << ' ' << q.findings << ' '
            << (fr ? (q.findings == 1 ? "constat" : "constats") : (q.findings == 1 ? "finding" : "findings"))
            << colon_end;
        for (const auto& id : q.rule_ids) out << ' ' << id;
        out << ")\n";
      }
    }
  }
  return out.str();
}

}  // namespace souple
