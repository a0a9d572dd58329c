// SPDX-License-Identifier: Apache-2.0
// How the DPO reports (HTML, Markdown) lay a Report out, whatever the markup: the summary
// (counts by kind and status, obligations not met, top questions), one section per applied
// text with its findings by priority, the texts not applied with their reason.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "report/wording.h"
#include "souple/report.h"

namespace souple::internal::layout {

inline const std::vector<std::string>& Kinds() {
  static const std::vector<std::string> k = {"obligation", "formality", "recommendation", "good_practice"};
  return k;
}
/// Statuses in the order a DPO acts on them; `met` last (collapsed).
inline const std::vector<std::string>& Statuses() {
  static const std::vector<std::string> s = {"not_met", "unknown", "applies", "exempted", "met"};
  return s;
}
inline int KindRank(const std::string& kind) {
  const auto& k = Kinds();
  const auto it = std::find(k.begin(), k.end(), kind);
  return it == k.end() ? 0 : static_cast<int>(it - k.begin());
}
inline int StatusRank(const std::string& status) {
  const auto& s = Statuses();
  const auto it = std::find(s.begin(), s.end(), status);
  return it == s.end() ? 0 : static_cast<int>(it - s.begin());
}

inline size_t CountOf(const Report& r, const std::string& kind, const std::string& status) {
  size_t n = 0;
  for (const auto& f : r.findings) n += (f.kind == kind && f.status == status) ? 1 : 0;
  return n;
}

/// One text of the report: an applied policy version (or one whose scope is undecided,
/// which yields one finding), with its findings sorted by kind, then status.
struct Section {
  const PolicyApplication* policy = nullptr;  ///< Null if the findings name no listed policy.
  std::string id, version, status;
  std::vector<const Finding*> findings;  ///< Not met, unknown, applies, exempted, by kind.
  std::vector<const Finding*> met;
};

inline std::vector<Section> Sections(const Report& r) {
  std::vector<Section> out;
  auto find = [&](const std::string& id, const std::string& version) -> Section* {
    for (auto& s : out) {
      if (s.id == id && s.version == version) return &s;
    }
    return nullptr;
  };
  for (const auto& p : r.policies) {
    bool has_findings = false;
    for (const auto& f : r.findings) has_findings = has_findings || (f.policy_id == p.id && f.policy_version == p.version);
    if (!p.applied && !has_findings) continue;
    Section s;
    s.policy = &p;
    s.id = p.id;
    s.version = p.version;
    s.status = p.status;
    out.push_back(std::move(s));
  }
  for (const auto& f : r.findings) {
    Section* s = find(f.policy_id, f.policy_version);
    if (s == nullptr) {
      Section added;
      added.id = f.policy_id;
      added.version = f.policy_version;
      added.status = f.policy_status;
      out.push_back(std::move(added));
      s = &out.back();
    }
    (f.status == "met" ? s->met : s->findings).push_back(&f);
  }
  for (auto& s : out) {
    std::stable_sort(s.findings.begin(), s.findings.end(), [](const Finding* a, const Finding* b) {
      const int ka = KindRank(a->kind), kb = KindRank(b->kind);
      if (ka != kb) return ka < kb;
      return StatusRank(a->status) < StatusRank(b->status);
    });
  }
  return out;
}

/// Texts listed at the end: neither applied nor the subject of a finding.
inline std::vector<const PolicyApplication*> NotApplied(const Report& r) {
  std::vector<const PolicyApplication*> out;
  for (const auto& p : r.policies) {
    if (p.applied) continue;
    bool has_findings = false;
    for (const auto& f : r.findings) has_findings = has_findings || (f.policy_id == p.id && f.policy_version == p.version);
    if (!has_findings) out.push_back(&p);
  }
  return out;
}

/// Obligations (and formalities) not met, in report order.
inline std::vector<const Finding*> ObligationsNotMet(const Report& r) {
  std::vector<const Finding*> out;
  for (const auto& f : r.findings) {
    if (f.status == "not_met" && (f.kind == "obligation" || f.kind == "formality")) out.push_back(&f);
  }
  return out;
}

inline std::string Title(const PolicyApplication* p, const std::string& id, bool fr) {
  if (p != nullptr) {
    const std::string& t = fr ? p->title_fr : p->title_en;
    if (!t.empty()) return t;
    const std::string& other = fr ? p->title_en : p->title_fr;
    if (!other.empty()) return other;
  }
  return id;
}

/// Why a text was not applied, in the report's language (the same words as the text report).
/// The title of the section of policy `id` `version` (the id when it has none).
inline std::string SectionTitle(const std::vector<Section>& sections, const std::string& id,
                                const std::string& version, bool fr) {
  for (const auto& s : sections) {
    if (s.id == id && s.version == version) return Title(s.policy, s.id, fr);
  }
  return id;
}

/// "Publisher, title (date)" of a citation's source, in the report's language.
inline std::string SourceText(const Citation& c, bool fr) {
  std::string text = PublisherWord(c.publisher, fr);
  const std::string title = SourceTitle(c.title, c.title_fr, c.title_en, fr);
  if (!title.empty()) text += ", " + title;
  if (!c.date.empty()) text += " (" + c.date + ")";
  return text;
}

inline std::string ReasonWords(const PolicyApplication& p, bool fr) {
  if (!fr) return p.reason;
  if (p.reason_code == "draft_excluded") return "texte en projet, écarté par --final-only";
  if (p.reason_code == "not_yet_in_force") return "pas encore en vigueur (à compter du " + p.effective + ")";
  if (p.reason_code == "no_longer_in_force") return "plus en vigueur (jusqu'au " + p.until + ")";
  if (p.reason_code == "replaced") return "remplacée par la version " + p.by;
  if (p.reason_code == "superseded") return "remplacée par " + p.by;
  if (p.reason_code == "not_selected") return "en vigueur, mais non sélectionnée (--policy)";
  if (p.reason_code == "not_applicable") return "en vigueur, sans objet pour cette activité (champ : " + p.scope_fr + ")";
  if (p.reason_code == "scope_unknown") return "en vigueur, application à déterminer (champ : " + p.scope_fr + ")";
  return p.reason;
}

/// A finding's citations, one per source, its sections joined (as in the text report).
struct SourceCitation {
  const Citation* citation;
  std::vector<std::string> sections;
};
inline std::vector<SourceCitation> BySource(const Finding& f) {
  std::vector<SourceCitation> out;
  for (const auto& c : f.citations) {
    auto it = std::find_if(out.begin(), out.end(), [&](const SourceCitation& s) { return s.citation->source_id == c.source_id; });
    if (it == out.end()) {
      out.push_back({&c, {}});
      it = out.end() - 1;
    }
    if (!c.section.empty()) it->sections.push_back(c.section);
  }
  return out;
}

/// Only web addresses become links (never `javascript:` or relative paths from a policy).
inline bool IsWebUrl(const std::string& url) {
  return url.rfind("https://", 0) == 0 || url.rfind("http://", 0) == 0;
}

inline std::string KindPlural(const std::string& kind, bool fr) {
  if (kind == "formality") return fr ? "Formalités" : "Formalities";
  if (kind == "recommendation") return fr ? "Recommandations" : "Recommendations";
  if (kind == "good_practice") return fr ? "Bonnes pratiques" : "Good practices";
  return fr ? "Obligations" : "Obligations";
}

/// The words of the DPO reports.
struct Labels {
  const char *report, *register_title, *activity, *activities, *evaluated, *summary, *counts, *kind, *total,
      *not_met_obligations, *none, *questions, *question_field, *question_decides, *texts, *text_effective,
      *text_until, *draft, *no_findings, *element, *sources, *facts, *missing, *exception, *why_unknown,
      *see, *unverified, *met_collapsed, *not_applied, *reason, *sign_off, *reviewed_by, *date, *comments,
      *policy_set, *file, *scope_pending, *and_more, *rule;
};
inline const Labels kLabelsFr = {
    "Rapport de conformité", "Registre des traitements", "Activité", "Activités", "évaluée le", "Synthèse",
    "Constats par nature et statut", "Nature", "Total", "Obligations non respectées", "Aucune.",
    "Questions qui décident le plus de constats", "Information à renseigner", "Constats décidés",
    "Textes appliqués", "en vigueur depuis le", "jusqu'au", "texte en projet : consultation, pas encore adopté",
    "Aucun constat.", "Élément concerné", "Sources", "Faits", "À renseigner", "Exception", "Indéterminé",
    "Voir aussi", "confiance : non vérifiée", "constats respectés", "Textes non appliqués", "Motif",
    "Validation", "Revu par (DPO)", "Date", "Observations", "Jeu de politiques", "Fichier",
    "application de ce texte à déterminer", "et %N de plus", "Règle"};
inline const Labels kLabelsEn = {
    "Compliance report", "Record of processing activities", "Activity", "Activities", "evaluated on", "Summary",
    "Findings by kind and status", "Kind", "Total", "Obligations not met", "None.",
    "Questions that decide the most findings", "Information to state", "Findings decided",
    "Texts applied", "in force since", "until", "draft text: under consultation, not adopted",
    "No findings.", "Element concerned", "Sources", "Facts", "Missing", "Exception", "Undetermined",
    "See also", "confidence: unverified", "findings met", "Texts not applied", "Reason",
    "Sign-off", "Reviewed by (DPO)", "Date", "Comments", "Policy set", "File",
    "whether this text applies is still to be determined", "and %N more", "Rule"};

inline std::string AndMore(const Labels& l, size_t n) {
  std::string s = l.and_more;
  const size_t at = s.find("%N");
  return s.replace(at, 2, std::to_string(n));
}

/// The questions shown in the summary (the ranked list's head).
inline constexpr size_t kTopQuestions = 10;

/// The area of a policy, as the corpus is laid out (policies/<area>/): `cnil.retention` for
/// the CNIL's texts (publisher and topic), else the publisher or layer (`gdpr`, `edpb`, `foc`).
inline std::string AreaOf(const std::string& policy_id) {
  const size_t first = policy_id.find('.');
  if (first == std::string::npos) return policy_id;
  if (policy_id.compare(0, first, "cnil") != 0) return policy_id.substr(0, first);
  const size_t second = policy_id.find('.', first + 1);
  return second == std::string::npos ? policy_id : policy_id.substr(0, second);
}

/// A register's activities × areas: per activity and area, the findings not met and those
/// that cannot be told; `applied` false where no text of the area gave a finding.
struct AreaCell {
  size_t not_met = 0, unknown = 0;
  bool applied = false;
};
struct AreaMatrix {
  std::vector<std::string> areas;          // sorted
  std::vector<std::vector<AreaCell>> rows;  // one per report, one cell per area
};
inline AreaMatrix AreasOf(const std::vector<Report>& reports) {
  AreaMatrix m;
  for (const Report& r : reports) {
    for (const auto& f : r.findings) {
      const std::string area = AreaOf(f.policy_id);
      if (std::find(m.areas.begin(), m.areas.end(), area) == m.areas.end()) m.areas.push_back(area);
    }
  }
  std::sort(m.areas.begin(), m.areas.end());
  for (const Report& r : reports) {
    std::vector<AreaCell> row(m.areas.size());
    for (const auto& f : r.findings) {
      AreaCell& c = row[std::lower_bound(m.areas.begin(), m.areas.end(), AreaOf(f.policy_id)) - m.areas.begin()];
      c.applied = true;
      c.not_met += f.status == "not_met" ? 1 : 0;
      c.unknown += f.status == "unknown" ? 1 : 0;
    }
    m.rows.push_back(std::move(row));
  }
  return m;
}
inline const char* AreasTitle(bool fr) { return fr ? "Activités par domaine" : "Activities by area"; }
inline const char* AreasLegend(bool fr) {
  return fr ? "Dans chaque case : constats non respectés · constats indéterminés (à renseigner) ; « — » : aucun texte du domaine ne donne de constat."
            : "In each cell: findings not met · findings undetermined (to state); '—': no text of the area gives a finding.";
}

}  // namespace souple::internal::layout
