// SPDX-License-Identifier: Apache-2.0
// The HTML report a DPO hands on: one self-contained file (inline CSS, no script, no
// external resource), summary first, printable, accessible. Every value that comes from an
// activity or a policy goes through Esc().
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
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

const char* kStyle = R"(
:root { color-scheme: light; }
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #1a1a1a; background: #fff; margin: 2rem auto;
       max-width: 60rem; padding: 0 1rem; line-height: 1.45; }
h1 { font-size: 1.6rem; border-bottom: 3px solid #1d3b6f; padding-bottom: .3rem; }
h2 { font-size: 1.3rem; color: #1d3b6f; margin-top: 2rem; border-bottom: 1px solid #c6cfdd; }
h3 { font-size: 1.1rem; margin-top: 1.4rem; }
h4, h5 { font-size: 1rem; margin: .2rem 0; }
a { color: #0b4ea2; }
table { border-collapse: collapse; margin: .6rem 0; }
th, td { border: 1px solid #8a94a6; padding: .25rem .5rem; text-align: left; vertical-align: top; }
thead th { background: #e8edf5; }
caption { text-align: left; font-weight: bold; padding: .2rem 0; }
table.questions tbody th, table.not-applied tbody th { font-weight: normal; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #3d3d3d; font-size: .92rem; }
.finding { border-left: 4px solid #8a94a6; padding: .3rem .8rem; margin: .8rem 0; background: #fafbfc; }
.finding dl { margin: .3rem 0; display: grid; grid-template-columns: max-content 1fr; gap: .1rem .8rem; }
.finding dt { font-weight: bold; }
.finding dd { margin: 0; }
.status { display: inline-block; font-weight: bold; padding: 0 .4rem; border: 1px solid currentColor;
          border-radius: 3px; font-size: .85rem; }
.s-not_met { color: #8b0000; } .finding.s-not_met { border-left-color: #8b0000; }
.s-unknown { color: #6b4e00; } .finding.s-unknown { border-left-color: #b38600; }
.s-applies { color: #1d3b6f; } .s-exempted { color: #4a4a4a; } .s-met { color: #1e5e2a; }
.running-header { display: none; }
.sign-off td { min-width: 18rem; height: 2.2rem; }
details summary { cursor: pointer; font-weight: bold; }
code { font-size: .9em; }
@page { size: A4; margin: 1.6cm 1.4cm; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  a { color: #000; }
  article.activity { break-before: page; page-break-before: always; }
  section.text { break-before: page; page-break-before: always; }
  .running-header { display: block; font-size: 8.5pt; color: #333; border-bottom: 1px solid #999;
                    margin-bottom: .4rem; }
  .finding, tr { break-inside: avoid; page-break-inside: avoid; }
  details > summary { list-style: none; }
  section.sign-off { break-inside: avoid; }
}
)";

class HtmlWriter {
 public:
  HtmlWriter(bool fr, const HtmlOptions& options, int level, std::string anchor)
      : fr_(fr), l_(fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn), options_(options),
        level_(level), anchor_(std::move(anchor)) {}

  std::string Render(const Report& r) {
    sections_ = internal::layout::Sections(r);
    Heading(0, ActivityTitle(r), anchor_);
    Meta(r);
    Summary(r);
    for (size_t i = 0; i < sections_.size(); ++i) Text(r, sections_[i], i);
    NotApplied(r);
    SignOff();
    return out_.str();
  }

  static std::string ActivityTitle(const Report& r, bool fr) {
    const Labels& l = fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn;
    std::string t = std::string(l.activity) + " " + (r.activity_id.empty() ? "?" : r.activity_id);
    if (!r.activity_name.empty()) t += " — " + r.activity_name;
    return t;
  }

 private:
  std::string ActivityTitle(const Report& r) const { return ActivityTitle(r, fr_); }

  // Heading `depth` levels below this writer's top level; `text` is escaped here.
  void Heading(int depth, const std::string& text, const std::string& id = "") {
    const int h = std::min(6, level_ + depth);
    out_ << "<h" << h;
    if (!id.empty()) out_ << " id=\"" << Esc(id) << '"';
    out_ << '>' << Esc(text) << "</h" << h << ">\n";
  }

  std::string StatusLabel(const std::string& status) const {
    return "<span class=\"status s-" + Esc(status) + "\">" + Esc(internal::StatusWord(status, fr_, true)) + "</span>";
  }

  void Meta(const Report& r) {
    out_ << "<p class=\"meta\">" << Esc(l_.file) << (fr_ ? " : " : ": ") << "<code>" << Esc(r.activity_file)
         << "</code> · " << Esc(l_.evaluated) << ' ' << Esc(r.evaluation_date) << " · " << Esc(l_.policy_set)
         << " sha256:" << Esc(r.policy_set_hash.substr(0, 16)) << "… · souple " << Esc(r.engine_version);
    if (!r.release_id.empty()) out_ << " · release " << Esc(r.release_id);
    out_ << "</p>\n";
  }

  void Summary(const Report& r) {
    out_ << "<section class=\"summary\" id=\"" << Esc(anchor_) << "-summary\">\n";
    Heading(1, l_.summary);
    // Counts by kind (rows) and status (columns); the last row is Report::Count.
    out_ << "<table class=\"counts\">\n<caption>" << Esc(l_.counts) << "</caption>\n<thead><tr><th scope=\"col\">"
         << Esc(l_.kind) << "</th>";
    for (const auto& s : internal::layout::Statuses()) {
      out_ << "<th scope=\"col\">" << Esc(internal::StatusWord(s, fr_, true)) << "</th>";
    }
    out_ << "<th scope=\"col\">" << Esc(l_.total) << "</th></tr></thead>\n<tbody>\n";
    for (const auto& k : internal::layout::Kinds()) {
      out_ << "<tr><th scope=\"row\">" << Esc(internal::KindWord(k, fr_)) << "</th>";
      size_t total = 0;
      for (const auto& s : internal::layout::Statuses()) {
        const size_t n = internal::layout::CountOf(r, k, s);
        total += n;
        out_ << "<td class=\"n\">" << n << "</td>";
      }
      out_ << "<td class=\"n\">" << total << "</td></tr>\n";
    }
    out_ << "</tbody>\n<tfoot><tr><th scope=\"row\">" << Esc(l_.total) << "</th>";
    for (const auto& s : internal::layout::Statuses()) {
      out_ << "<td class=\"n\" data-status=\"" << Esc(s) << "\">" << r.Count(s) << "</td>";
    }
    out_ << "<td class=\"n\">" << r.findings.size() << "</td></tr></tfoot>\n</table>\n";

    Heading(2, l_.not_met_obligations);
    const auto not_met = internal::layout::ObligationsNotMet(r);
    if (not_met.empty()) {
      out_ << "<p>" << Esc(l_.none) << "</p>\n";
    } else {
      out_ << "<ul class=\"not-met\">\n";
      for (const Finding* f : not_met) {
        out_ << "<li><a href=\"#" << Esc(FindingAnchor(*f)) << "\">" << Esc(fr_ ? f->message_fr : f->message_en)
             << "</a> <span class=\"meta\">(" << Esc(internal::KindWord(f->kind, fr_)) << ", "
             << Esc(SectionTitle(f->policy_id, f->policy_version)) << ")</span></li>\n";
      }
      out_ << "</ul>\n";
    }

    if (!r.questions.empty()) {
      Heading(2, l_.questions);
      out_ << "<table class=\"questions\">\n<thead><tr><th scope=\"col\">" << Esc(l_.question_field)
           << "</th><th scope=\"col\">" << Esc(l_.question_decides) << "</th></tr></thead>\n<tbody>\n";
      const size_t n = std::min(r.questions.size(), internal::layout::kTopQuestions);
      for (size_t i = 0; i < n; ++i) {
        const Question& q = r.questions[i];
        out_ << "<tr><th scope=\"row\"><code>" << Esc(q.field) << "</code>";
        if (!q.description.empty()) out_ << "<br><span class=\"meta\">" << Esc(q.Description(fr_)) << "</span>";
        out_ << "</th><td class=\"n\">" << q.findings << "</td></tr>\n";
      }
      out_ << "</tbody>\n</table>\n";
      if (r.questions.size() > n) out_ << "<p class=\"meta\">" << Esc(internal::layout::AndMore(l_, r.questions.size() - n)) << "</p>\n";
    }
    out_ << "</section>\n";
  }

  std::string SectionTitle(const std::string& id, const std::string& version) const {
    return internal::layout::SectionTitle(sections_, id, version, fr_);
  }

  std::string FindingAnchor(const Finding& f) const {
    // Positions, not ids: an id from a policy could hold anything.
    for (size_t i = 0; i < sections_.size(); ++i) {
      for (size_t k = 0; k < sections_[i].findings.size(); ++k) {
        if (sections_[i].findings[k] == &f) return anchor_ + "-t" + std::to_string(i + 1) + "-f" + std::to_string(k + 1);
      }
    }
    return anchor_;
  }

  void Text(const Report& r, const Section& s, size_t index) {
    const std::string id = anchor_ + "-t" + std::to_string(index + 1);
    out_ << "<section class=\"text\" id=\"" << Esc(id) << "\">\n";
    out_ << "<div class=\"running-header\">" << Esc(ActivityTitle(r)) << " · " << Esc(l_.evaluated) << ' '
         << Esc(r.evaluation_date) << "</div>\n";
    Heading(1, internal::layout::Title(s.policy, s.id, fr_));
    out_ << "<p class=\"meta\"><code>" << Esc(s.id) << ' ' << Esc(s.version) << "</code>";
    if (s.policy != nullptr) {
      out_ << " · " << Esc(l_.text_effective) << ' ' << Esc(s.policy->effective);
      if (!s.policy->until.empty()) out_ << ' ' << Esc(l_.text_until) << ' ' << Esc(s.policy->until);
    }
    out_ << "</p>\n";
    if (s.status == "draft") out_ << "<p><strong>" << Esc(l_.draft) << "</strong></p>\n";
    if (s.policy != nullptr && !s.policy->applied) {
      out_ << "<p>" << Esc(l_.scope_pending) << (fr_ ? " : " : ": ") << Esc(fr_ ? s.policy->scope_fr : s.policy->scope_en)
           << "</p>\n";
    }
    if (s.findings.empty() && s.met.empty()) out_ << "<p>" << Esc(l_.no_findings) << "</p>\n";
    std::string kind;
    for (size_t k = 0; k < s.findings.size(); ++k) {
      const Finding& f = *s.findings[k];
      if (f.kind != kind) {
        kind = f.kind;
        Heading(2, internal::layout::KindPlural(kind, fr_));
      }
      FindingBlock(f, id + "-f" + std::to_string(k + 1));
    }
    if (!s.met.empty()) {
      out_ << "<details class=\"met\"" << (options_.show_met ? " open" : "") << ">\n<summary>" << StatusLabel("met")
           << ' ' << s.met.size() << ' ' << Esc(l_.met_collapsed) << "</summary>\n<ul>\n";
      for (const Finding* m : s.met) {
        out_ << "<li>" << Esc(fr_ ? m->message_fr : m->message_en) << " <span class=\"meta\">("
             << Esc(internal::KindWord(m->kind, fr_)) << ", <code>" << Esc(m->rule_id) << "</code>";
        if (!m->element.empty()) out_ << ", " << Esc(m->element);
        out_ << ")</span></li>\n";
      }
      out_ << "</ul>\n</details>\n";
    }
    out_ << "</section>\n";
  }

  void FindingBlock(const Finding& f, const std::string& id) {
    out_ << "<article class=\"finding s-" << Esc(f.status) << "\" id=\"" << Esc(id) << "\">\n";
    const int h = std::min(6, level_ + 3);
    out_ << "<h" << h << '>' << StatusLabel(f.status) << ' ' << Esc(fr_ ? f.message_fr : f.message_en) << "</h" << h
         << ">\n<dl>\n";
    out_ << "<dt>" << Esc(l_.rule) << "</dt><dd><code>" << Esc(f.rule_id) << "</code> ("
         << Esc(internal::KindWord(f.kind, fr_)) << ")";
    if (f.confidence == "unverified") out_ << " — " << Esc(l_.unverified);
    out_ << "</dd>\n";
    if (!f.element.empty()) out_ << "<dt>" << Esc(l_.element) << "</dt><dd><code>" << Esc(f.element) << "</code></dd>\n";
    const std::string& note = fr_ ? f.note_fr : f.note_en;
    if (!note.empty()) out_ << "<dt>Note</dt><dd>" << Esc(note) << "</dd>\n";
    if (f.status == "exempted") {
      out_ << "<dt>" << Esc(l_.exception) << "</dt><dd>" << Esc(fr_ ? f.exception_fr : f.exception_en) << "</dd>\n";
    }
    if (!f.citations.empty()) {
      out_ << "<dt>" << Esc(l_.sources) << "</dt><dd><ul>\n";
      for (const auto& sc : internal::layout::BySource(f)) {
        const Citation& c = *sc.citation;
        const std::string text = internal::layout::SourceText(c, fr_);
        out_ << "<li>";
        if (internal::layout::IsWebUrl(c.url)) {
          out_ << "<a href=\"" << Esc(c.url) << "\">" << Esc(text) << "</a>";
        } else {
          out_ << Esc(text);
        }
        for (size_t i = 0; i < sc.sections.size(); ++i) out_ << (i == 0 ? ", " : fr_ ? " ; " : "; ") << Esc(sc.sections[i]);
        out_ << "</li>\n";
      }
      out_ << "</ul></dd>\n";
    }
    if (!f.facts.empty()) {
      out_ << "<dt>" << Esc(l_.facts) << "</dt><dd><ul>\n";
      for (const auto& fact : f.facts) {
        out_ << "<li><code>" << Esc(fact.path) << "</code> = " << Esc(fact.Text(fr_));
        if (!fact.location.empty()) out_ << " <span class=\"meta\">(" << Esc(fact.location) << ")</span>";
        out_ << "</li>\n";
      }
      if (f.facts_not_listed > 0) out_ << "<li>" << Esc(internal::layout::AndMore(l_, f.facts_not_listed)) << "</li>\n";
      out_ << "</ul></dd>\n";
    }
    if (!f.missing.empty()) {
      out_ << "<dt>" << Esc(l_.missing) << "</dt><dd>";
      for (size_t i = 0; i < f.missing.size(); ++i) out_ << (i == 0 ? "" : ", ") << "<code>" << Esc(f.missing[i]) << "</code>";
      if (f.missing_not_listed > 0) out_ << ", " << Esc(internal::layout::AndMore(l_, f.missing_not_listed));
      out_ << "</dd>\n";
    }
    if (!f.unknown_reason.empty()) {
      out_ << "<dt>" << Esc(l_.why_unknown) << "</dt><dd>" << Esc(fr_ ? f.unknown_reason_fr : f.unknown_reason)
           << "</dd>\n";
    }
    if (!f.see.empty()) {
      out_ << "<dt>" << Esc(l_.see) << "</dt><dd>";
      for (size_t i = 0; i < f.see.size(); ++i) out_ << (i == 0 ? "" : ", ") << "<code>" << Esc(f.see[i]) << "</code>";
      out_ << "</dd>\n";
    }
    out_ << "</dl>\n</article>\n";
  }

  void NotApplied(const Report& r) {
    const auto list = internal::layout::NotApplied(r);
    if (list.empty()) return;
    out_ << "<section class=\"not-applied\">\n";
    Heading(1, l_.not_applied);
    out_ << "<table class=\"not-applied\">\n<thead><tr><th scope=\"col\">" << (fr_ ? "Texte" : "Text") << "</th><th scope=\"col\">"
         << Esc(l_.reason) << "</th></tr></thead>\n<tbody>\n";
    for (const PolicyApplication* p : list) {
      out_ << "<tr><th scope=\"row\">" << Esc(internal::layout::Title(p, p->id, fr_)) << "<br><code>" << Esc(p->id)
           << ' ' << Esc(p->version) << "</code></th><td>" << Esc(internal::layout::ReasonWords(*p, fr_))
           << "</td></tr>\n";
    }
    out_ << "</tbody>\n</table>\n</section>\n";
  }

  void SignOff() {
    const char* colon = fr_ ? " :" : ":";
    out_ << "<section class=\"sign-off\">\n";
    Heading(1, l_.sign_off);
    out_ << "<table class=\"sign-off\">\n<tbody>\n"
         << "<tr><th scope=\"row\">" << Esc(l_.reviewed_by) << colon << "</th><td>…</td></tr>\n"
         << "<tr><th scope=\"row\">" << Esc(l_.date) << colon << "</th><td>…</td></tr>\n"
         << "<tr><th scope=\"row\">" << Esc(l_.comments) << colon << "</th><td></td></tr>\n"
         << "</tbody>\n</table>\n</section>\n";
  }

  bool fr_;
  const Labels& l_;
  const HtmlOptions& options_;
  int level_;
  std::string anchor_;
  std::vector<Section> sections_;
  std::ostringstream out_;
};

std::string Document(const std::string& title, bool fr, const std::string& body) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"";
  out += fr ? "fr" : "en";
  out += "\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<meta name=\"generator\" content=\"souple\">\n<title>" + Esc(title) + "</title>\n<style>" + kStyle +
         "</style>\n</head>\n<body>\n<main>\n";
  out += body;
  out += "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace

std::string RenderHtml(const Report& report, Language language, const HtmlOptions& options) {
  const bool fr = language == Language::kFrench;
  HtmlWriter writer(fr, options, 1, "a1");
  const Labels& l = fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn;
  return Document(std::string(l.report) + " — " + HtmlWriter::ActivityTitle(report, fr), fr, writer.Render(report));
}

std::string RenderHtml(const std::vector<Report>& reports, Language language, const HtmlOptions& options) {
  const bool fr = language == Language::kFrench;
  const Labels& l = fr ? internal::layout::kLabelsFr : internal::layout::kLabelsEn;
  std::ostringstream body;
  body << "<h1>" << Esc(l.report) << " — " << Esc(l.register_title) << "</h1>\n";
  if (!reports.empty()) {
    body << "<p class=\"meta\">" << Esc(l.evaluated) << ' ' << Esc(reports.front().evaluation_date) << " · "
         << reports.size() << ' ' << Esc(fr ? "activités" : "activities") << "</p>\n";
  }
  body << "<section class=\"register\">\n<h2>" << Esc(l.activities) << "</h2>\n<table class=\"activities\">\n<thead><tr>"
       << "<th scope=\"col\">" << Esc(l.activity) << "</th>";
  for (const auto& s : internal::layout::Statuses()) {
    body << "<th scope=\"col\">" << Esc(internal::StatusWord(s, fr, true)) << "</th>";
  }
  body << "</tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < reports.size(); ++i) {
    const Report& r = reports[i];
    body << "<tr><th scope=\"row\"><a href=\"#a" << i + 1 << "\">" << Esc(r.activity_id.empty() ? "?" : r.activity_id)
         << "</a>";
    if (!r.activity_name.empty()) body << "<br>" << Esc(r.activity_name);
    body << "</th>";
    for (const auto& s : internal::layout::Statuses()) body << "<td class=\"n\">" << r.Count(s) << "</td>";
    body << "</tr>\n";
  }
  body << "</tbody>\n</table>\n";
  // Where the problems are: activities × areas.
  const internal::layout::AreaMatrix areas = internal::layout::AreasOf(reports);
  body << "<h2>" << Esc(internal::layout::AreasTitle(fr)) << "</h2>\n<p class=\"meta\">"
       << Esc(internal::layout::AreasLegend(fr)) << "</p>\n<table class=\"areas\">\n<thead><tr><th scope=\"col\">"
       << Esc(l.activity) << "</th>";
  for (const auto& a : areas.areas) body << "<th scope=\"col\">" << Esc(a) << "</th>";
  body << "</tr></thead>\n<tbody>\n";
  for (size_t i = 0; i < reports.size(); ++i) {
    body << "<tr><th scope=\"row\"><a href=\"#a" << i + 1 << "\">"
         << Esc(reports[i].activity_id.empty() ? "?" : reports[i].activity_id) << "</a></th>";
    for (const auto& c : areas.rows[i]) {
      if (!c.applied) {
        body << "<td class=\"n\">—</td>";
      } else {
        body << "<td class=\"n\">" << (c.not_met > 0 ? "<strong>" + std::to_string(c.not_met) + "</strong>" : "0")
             << " · " << c.unknown << "</td>";
      }
    }
    body << "</tr>\n";
  }
  body << "</tbody>\n</table>\n</section>\n";
  for (size_t i = 0; i < reports.size(); ++i) {
    HtmlWriter writer(fr, options, 2, "a" + std::to_string(i + 1));
    body << "<article class=\"activity\">\n" << writer.Render(reports[i]) << "</article>\n";
  }
  return Document(std::string(l.report) + " — " + l.register_title, fr, body.str());
}

}  // namespace souple
