// SPDX-License-Identifier: Apache-2.0
// The Markdown report: the same layout as the HTML one (summary first, one section per
// applied text, findings by priority). Every value from an activity or a policy goes
// through Esc(): markup characters are backslash-escaped and newlines become spaces, so a
// value can break neither a table row nor a heading, nor inject HTML.
#include <cstdio>
#include <sstream>

#include "report/layout.h"
#include "report/wording.h"
#include "souple/report.h"

namespace souple {

namespace {

using internal::layout::Labels;
using internal::layout::Section;

std::string Esc(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '\\': case '|': case '*': case '_': case '`': case '[': case ']': case '<': case '>': case '#':
      case '&': case '~': case '!':
        out += '\\';
        out += c;
        break;
      case '\n': case '\r': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// A URL inside `(...)` of a link: no space, parenthesis or angle bracket may end it early.
std::string EscUrl(const std::string& url) {
  std::string out;
  for (const char c : url) {
    if (c == ' ' || c == '(' || c == ')' || c == '<' || c == '>' || c == '\n' || c == '\r' || c == '\\') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

class MarkdownWriter {
 public:
  MarkdownWriter(bool fr, const MarkdownOptions& options, int level, std::string anchor)
      : fr_(fr), l_(fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn), options_(options),
        level_(level), anchor_(std::move(anchor)) {}

  static std::string ActivityTitle(const Report& r, bool fr) {
    const Labels& l = fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn;
    std::string t = std::string(l.activity) + " " + (r.activity_id.empty() ? "?" : r.activity_id);
    if (!r.activity_name.empty()) t += " — " + r.activity_name;
    return t;
  }

  std::string Render(const Report& r) {
    const char* colon = fr_ ? " : " : ": ";
    sections_ = internal::layout::Sections(r);
    out_ << "<a id=\"" << anchor_ << "\"></a>\n\n";
    Heading(0, ActivityTitle(r, fr_));
    out_ << l_.file << colon << Esc(r.activity_file) << " · " << l_.evaluated << ' ' << Esc(r.evaluation_date) << " · "
         << l_.policy_set << " sha256:" << Esc(r.policy_set_hash.substr(0, 16)) << "… · souple "
         << Esc(r.engine_version);
    if (!r.release_id.empty()) out_ << " · release " << Esc(r.release_id);
    out_ << "\n\n";
    Summary(r);
    for (const auto& s : sections_) Text(s);
    NotApplied(r);
    Heading(1, l_.sign_off);
    const char* c = fr_ ? " :" : ":";
    out_ << "| | |\n|---|---|\n| " << l_.reviewed_by << c << " | … |\n| " << l_.date << c << " | … |\n| "
         << l_.comments << c << " | |\n\n";
    return out_.str();
  }

 private:
  void Heading(int depth, const std::string& text) {
    out_ << std::string(static_cast<size_t>(std::min(6, level_ + depth)), '#') << ' ' << Esc(text) << "\n\n";
  }
  std::string Status(const std::string& s) const { return "**" + internal::StatusWord(s, fr_, true) + "**"; }

  void Summary(const Report& r) {
    Heading(1, l_.summary);
    out_ << l_.counts << "\n\n| " << l_.kind << " |";
    for (const auto& s : internal::layout::Statuses()) out_ << ' ' << internal::StatusWord(s, fr_, true) << " |";
    out_ << ' ' << l_.total << " |\n|---|";
    for (size_t i = 0; i <= internal::layout::Statuses().size(); ++i) out_ << "---:|";
    out_ << '\n';
    for (const auto& k : internal::layout::Kinds()) {
      out_ << "| " << internal::KindWord(k, fr_) << " |";
      size_t total = 0;
      for (const auto& s : internal::layout::Statuses()) {
        const size_t n = internal::layout::CountOf(r, k, s);
        total += n;
        out_ << ' ' << n << " |";
      }
      out_ << ' ' << total << " |\n";
    }
    out_ << "| **" << l_.total << "** |";
    for (const auto& s : internal::layout::Statuses()) out_ << " **" << r.Count(s) << "** |";
    out_ << " **" << r.findings.size() << "** |\n\n";

    Heading(2, l_.not_met_obligations);
    const auto not_met = internal::layout::ObligationsNotMet(r);
    if (not_met.empty()) out_ << l_.none << "\n";
    for (const Finding* f : not_met) {
      out_ << "- " << Esc(fr_ ? f->message_fr : f->message_en) << " (" << internal::KindWord(f->kind, fr_) << ", "
           << Esc(SectionTitle(f->policy_id, f->policy_version)) << ")\n";
    }
    out_ << '\n';
    if (!r.questions.empty()) {
      Heading(2, l_.questions);
      out_ << "| " << l_.question_field << " | " << l_.question_decides << " |\n|---|---:|\n";
      const size_t n = std::min(r.questions.size(), internal::layout::kTopQuestions);
      for (size_t i = 0; i < n; ++i) {
        const Question& q = r.questions[i];
        out_ << "| " << Esc(q.field);
        if (!q.description.empty()) out_ << " — " << Esc(q.Description(fr_));
        out_ << " | " << q.findings << " |\n";
      }
      if (r.questions.size() > n) out_ << '\n' << internal::layout::AndMore(l_, r.questions.size() - n) << '\n';
      out_ << '\n';
    }
  }

  std::string SectionTitle(const std::string& id, const std::string& version) const {
    return internal::layout::SectionTitle(sections_, id, version, fr_);
  }

  void Text(const Section& s) {
    const char* colon = fr_ ? " : " : ": ";
    Heading(1, internal::layout::Title(s.policy, s.id, fr_));
    out_ << Esc(s.id) << ' ' << Esc(s.version);
    if (s.policy != nullptr) {
      out_ << " · " << l_.text_effective << ' ' << Esc(s.policy->effective);
      if (!s.policy->until.empty()) out_ << ' ' << l_.text_until << ' ' << Esc(s.policy->until);
    }
    out_ << "\n\n";
    if (s.status == "draft") out_ << "*" << l_.draft << "*\n\n";
    if (s.policy != nullptr && !s.policy->applied) {
      out_ << l_.scope_pending << colon << Esc(fr_ ? s.policy->scope_fr : s.policy->scope_en) << "\n\n";
    }
    if (s.findings.empty() && s.met.empty()) out_ << l_.no_findings << "\n\n";
    std::string kind;
    for (const Finding* f : s.findings) {
      if (f->kind != kind) {
        kind = f->kind;
        Heading(2, internal::layout::KindPlural(kind, fr_));
      }
      FindingBlock(*f);
    }
    if (!s.met.empty()) {
      out_ << Status("met") << colon << s.met.size() << ' ' << l_.met_collapsed << "\n\n";
      if (options_.show_met) {
        for (const Finding* m : s.met) {
          out_ << "- " << Esc(fr_ ? m->message_fr : m->message_en) << " (" << Esc(m->rule_id);
          if (!m->element.empty()) out_ << ", " << Esc(m->element);
          out_ << ")\n";
        }
        out_ << '\n';
      }
    }
  }

  void FindingBlock(const Finding& f) {
    const char* colon = fr_ ? " : " : ": ";
    out_ << "- " << Status(f.status) << " — " << Esc(fr_ ? f.message_fr : f.message_en) << "\n";
    out_ << "  - " << l_.rule << colon << Esc(f.rule_id) << " (" << internal::KindWord(f.kind, fr_) << ")";
    if (f.confidence == "unverified") out_ << " — " << l_.unverified;
    out_ << '\n';
    if (!f.element.empty()) out_ << "  - " << l_.element << colon << Esc(f.element) << '\n';
    const std::string& note = fr_ ? f.note_fr : f.note_en;
    if (!note.empty()) out_ << "  - Note" << colon << Esc(note) << '\n';
    if (f.status == "exempted") out_ << "  - " << l_.exception << colon << Esc(fr_ ? f.exception_fr : f.exception_en) << '\n';
    for (const auto& sc : internal::layout::BySource(f)) {
      const Citation& c = *sc.citation;
      const std::string text = internal::layout::SourceText(c, fr_);
      out_ << "  - Source" << colon;
      if (internal::layout::IsWebUrl(c.url)) {
        out_ << '[' << Esc(text) << "](" << EscUrl(c.url) << ')';
      } else {
        out_ << Esc(text);
      }
      for (size_t i = 0; i < sc.sections.size(); ++i) out_ << (i == 0 ? ", " : fr_ ? " ; " : "; ") << Esc(sc.sections[i]);
      out_ << '\n';
    }
    if (!f.facts.empty()) {
      out_ << "  - " << l_.facts << colon;
      for (size_t i = 0; i < f.facts.size(); ++i) {
        const Fact& fact = f.facts[i];
        out_ << (i == 0 ? "" : " ; ") << Esc(fact.path) << " = " << Esc(fact.Text(fr_));
        if (!fact.location.empty()) out_ << " (" << Esc(fact.location) << ')';
      }
      if (f.facts_not_listed > 0) out_ << " ; " << internal::layout::AndMore(l_, f.facts_not_listed);
      out_ << '\n';
    }
    if (!f.missing.empty()) {
      out_ << "  - " << l_.missing << colon;
      for (size_t i = 0; i < f.missing.size(); ++i) out_ << (i == 0 ? "" : ", ") << Esc(f.missing[i]);
      if (f.missing_not_listed > 0) out_ << ", " << internal::layout::AndMore(l_, f.missing_not_listed);
      out_ << '\n';
    }
    if (!f.unknown_reason.empty()) {
      out_ << "  - " << l_.why_unknown << colon << Esc(fr_ ? f.unknown_reason_fr : f.unknown_reason) << '\n';
    }
    if (!f.see.empty()) {
      out_ << "  - " << l_.see << colon;
      for (size_t i = 0; i < f.see.size(); ++i) out_ << (i == 0 ? "" : ", ") << Esc(f.see[i]);
      out_ << '\n';
    }
    out_ << '\n';
  }

  void NotApplied(const Report& r) {
    const auto list = internal::layout::NotApplied(r);
    if (list.empty()) return;
    Heading(1, l_.not_applied);
    out_ << "| " << (fr_ ? "Texte" : "Text") << " | " << l_.reason << " |\n|---|---|\n";
    for (const PolicyApplication* p : list) {
      out_ << "| " << Esc(internal::layout::Title(p, p->id, fr_)) << " (" << Esc(p->id) << ' ' << Esc(p->version)
           << ") | " << Esc(internal::layout::ReasonWords(*p, fr_)) << " |\n";
    }
    out_ << '\n';
  }

  bool fr_;
  const Labels& l_;
  const MarkdownOptions& options_;
  int level_;
  std::string anchor_;
  std::vector<Section> sections_;
  std::ostringstream out_;
};

}  // namespace

std::string RenderMarkdown(const Report& report, Language language, const MarkdownOptions& options) {
  MarkdownWriter writer(language == Language::kFrench, options, 1, "a1");
  return writer.Render(report);
}

std::string RenderMarkdown(const std::vector<Report>& reports, Language language, const MarkdownOptions& options) {
  const bool fr = language == Language::kFrench;
  const Labels& l = fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn;
  std::ostringstream out;
  out << "# " << l.report << " — " << l.register_title << "\n\n";
  if (!reports.empty()) {
    out << l.evaluated << ' ' << Esc(reports.front().evaluation_date) << " · " << reports.size() << ' '
        << (fr ? "activités" : "activities") << "\n\n";
  }
  out << "## " << l.activities << "\n\n| " << l.activity << " |";
  for (const auto& s : internal::layout::Statuses()) out << ' ' << internal::StatusWord(s, fr, true) << " |";
  out << "\n|---|";
  for (size_t i = 0; i < internal::layout::Statuses().size(); ++i) out << "---:|";
  out << '\n';
  for (size_t i = 0; i < reports.size(); ++i) {
    const Report& r = reports[i];
    std::string label = r.activity_id.empty() ? "?" : r.activity_id;
    if (!r.activity_name.empty()) label += " — " + r.activity_name;
    out << "| [" << Esc(label) << "](#a" << i + 1 << ") |";
    for (const auto& s : internal::layout::Statuses()) out << ' ' << r.Count(s) << " |";
    out << '\n';
  }
  out << '\n';
  const internal::layout::AreaMatrix areas = internal::layout::AreasOf(reports);
  out << "## " << internal::layout::AreasTitle(fr) << "\n\n" << internal::layout::AreasLegend(fr) << "\n\n| "
      << l.activity << " |";
  for (const auto& a : areas.areas) out << ' ' << Esc(a) << " |";
  out << "\n|---|";
  for (size_t i = 0; i < areas.areas.size(); ++i) out << "---:|";
  out << '\n';
  for (size_t i = 0; i < reports.size(); ++i) {
    out << "| [" << Esc(reports[i].activity_id.empty() ? "?" : reports[i].activity_id) << "](#a" << i + 1 << ") |";
    for (const auto& c : areas.rows[i]) {
      if (!c.applied) {
        out << " — |";
      } else {
        out << ' ' << (c.not_met > 0 ? "**" + std::to_string(c.not_met) + "**" : "0") << " · " << c.unknown << " |";
      }
    }
    out << '\n';
  }
  out << '\n';
  for (size_t i = 0; i < reports.size(); ++i) {
    MarkdownWriter writer(fr, options, 2, "a" + std::to_string(i + 1));
    out << writer.Render(reports[i]);
  }
  return out.str();
}

}  // namespace souple
