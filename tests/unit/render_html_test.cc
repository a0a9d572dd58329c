// SPDX-License-Identifier: Apache-2.0
// The DPO reports (HTML, Markdown): summary first, counts equal to Report::Count, one
// section per applied text, and every value from an activity or a policy escaped.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "souple/engine.h"

namespace {

namespace fs = std::filesystem;

const char* kHostile = "Mesurio | Analytics <b>SAS</b><script>alert(1)</script>";

std::string Slurp(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void ReplaceAll(std::string& s, const std::string& from, const std::string& to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size())) s.replace(at, from.size(), to);
}

// The bundled policies, compiled once for the whole file.
const souple::PolicySet& Bundled() {
  static const std::shared_ptr<const souple::PolicySet> set = [] {
    const fs::path root = SOUPLE_SOURCE_DIR;
    std::vector<fs::path> paths;
    for (const auto& e : fs::recursive_directory_iterator(root / "policies")) {
      if (e.path().extension() == ".souple") paths.push_back(e.path());
    }
    std::sort(paths.begin(), paths.end());
    std::vector<souple::SourceFile> policies;
    for (const auto& p : paths) policies.push_back({p.string(), Slurp(p)});
    souple::Diagnostics diags;
    const auto schema = souple::ReadActivitySchema((root / "schemas" / "activity.schema.json").string(),
                                                   "activity.schema.json", diags);
    REQUIRE(schema.has_value());
    auto compiled = souple::CompilePolicies(*schema, policies);
    REQUIRE(compiled.policy_set != nullptr);
    return compiled.policy_set;
  }();
  return *set;
}

souple::Report Evaluate(const std::string& example, bool hostile) {
  std::string text = Slurp(fs::path(SOUPLE_SOURCE_DIR) / "examples" / example);
  if (hostile) {
    // The activity and one processor carry the hostile name.
    const std::string quoted = std::string("\"") + kHostile + "\"";
    ReplaceAll(text, "  name: Gestion des comptes clients et du support de la plateforme Agendo", "  name: " + quoted);
    ReplaceAll(text, "  - name: Mesurio\n", "  - name: " + quoted + "\n");
  }
  const auto loaded = souple::LoadActivity(Bundled(), {example, text});
  REQUIRE(loaded.activity != nullptr);
  return souple::Evaluate(Bundled(), *loaded.activity, {"2026-12-01"});
}

size_t Occurrences(const std::string& s, const std::string& what) {
  size_t n = 0;
  for (size_t at = s.find(what); at != std::string::npos; at = s.find(what, at + 1)) ++n;
  return n;
}

// Unescaped `|` of a Markdown line.
size_t Pipes(const std::string& line) {
  size_t n = 0;
  for (size_t i = 0; i < line.size(); ++i) n += line[i] == '|' && (i == 0 || line[i - 1] != '\\') ? 1 : 0;
  return n;
}

// `<` that Markdown would read as HTML: not escaped, and not the report's own anchors.
size_t RawTags(const std::string& md) {
  size_t n = 0;
  for (size_t i = 0; i < md.size(); ++i) {
    if (md[i] != '<' || (i > 0 && md[i - 1] == '\\')) continue;
    if (md.compare(i, 7, "<a id=\"") == 0 || md.compare(i, 4, "</a>") == 0) continue;
    ++n;
  }
  return n;
}

size_t AppliedOrAsked(const souple::Report& r) {
  size_t n = 0;
  for (const auto& p : r.policies) n += (p.applied || p.reason_code == "scope_unknown") ? 1 : 0;
  return n;
}

}  // namespace

TEST_CASE("the HTML report escapes a hostile activity name and keeps its structure", "[report][html]") {
  const souple::Report report = Evaluate("saas-processor-chain.yaml", true);
  REQUIRE(report.activity_name == kHostile);
  for (const auto lang : {souple::Language::kFrench, souple::Language::kEnglish}) {
    const std::string html = souple::RenderHtml(report, lang);
    CHECK(html.find("<b>") == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("Mesurio | Analytics &lt;b&gt;SAS&lt;/b&gt;&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
    // Tags balanced: the table rows and cells the report opens, it closes.
    CHECK(Occurrences(html, "<tr>") == Occurrences(html, "</tr>"));
    CHECK(Occurrences(html, "<table") == Occurrences(html, "</table>"));
    CHECK(Occurrences(html, "<section") == Occurrences(html, "</section>"));
    CHECK(Occurrences(html, "<article") == Occurrences(html, "</article>"));
    CHECK(html.find(lang == souple::Language::kFrench ? "<html lang=\"fr\">" : "<html lang=\"en\">") != std::string::npos);
    // Self-contained: no script, no external resource.
    CHECK(html.find("<link") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
  }
}

TEST_CASE("the HTML report puts the summary first and its counts equal Report::Count", "[report][html]") {
  const souple::Report report = Evaluate("saas-processor-chain.yaml", true);
  const std::string html = souple::RenderHtml(report, souple::Language::kFrench);
  const size_t summary = html.find("<section class=\"summary\"");
  const size_t first_text = html.find("<section class=\"text\"");
  REQUIRE(summary != std::string::npos);
  REQUIRE(first_text != std::string::npos);
  CHECK(summary < first_text);
  for (const char* status : {"not_met", "unknown", "applies", "exempted", "met"}) {
    const std::string cell = std::string("data-status=\"") + status + "\">" + std::to_string(report.Count(status)) + "<";
    CHECK(html.find(cell) != std::string::npos);
  }
  CHECK(Occurrences(html, "<section class=\"text\"") == AppliedOrAsked(report));
  CHECK(html.find("Revu par (DPO) :") != std::string::npos);
  CHECK(html.find("Textes non appliqués") != std::string::npos);
  // Headings in order: h1 once, then h2 sections; no h3 before the first h2.
  CHECK(Occurrences(html, "<h1") == 1);
  CHECK(html.find("<h2") < html.find("<h3"));
  // Met findings collapsed unless asked.
  CHECK(html.find("<details class=\"met\">") != std::string::npos);
  CHECK(html.find("<details class=\"met\" open>") == std::string::npos);
  souple::HtmlOptions show;
  show.show_met = true;
  CHECK(souple::RenderHtml(report, souple::Language::kFrench, show).find("<details class=\"met\" open>") != std::string::npos);
}

TEST_CASE("the Markdown report escapes table cells and headings", "[report][markdown]") {
  const souple::Report report = Evaluate("saas-processor-chain.yaml", true);
  const std::string md = souple::RenderMarkdown(report, souple::Language::kFrench);
  CHECK(md.find("<b>") == std::string::npos);
  CHECK(RawTags(md) == 0);
  CHECK(md.find("\\<script\\>alert(1)\\</script\\>") != std::string::npos);
  CHECK(md.find("# Activité AGENDO-CUST-2026 — Mesurio \\| Analytics \\<b\\>SAS\\</b\\>") != std::string::npos);
  // Every row of a table has as many unescaped pipes as its header.
  std::istringstream lines(md);
  std::string line;
  size_t header = 0, rows = 0;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] != '|') {
      header = 0;
      continue;
    }
    if (header == 0) {
      header = Pipes(line);
      continue;
    }
    ++rows;
    CHECK(Pipes(line) == header);
  }
  CHECK(rows > 5);
  CHECK(md.find("## Synthèse") < md.find("## " + std::string("Textes non appliqués")));
  CHECK(md.find("| **Total** | **" + std::to_string(report.Count("not_met")) + "** | **" +
                std::to_string(report.Count("unknown")) + "** |") != std::string::npos);
  // Met findings: counted; listed only with show_met.
  souple::MarkdownOptions show;
  show.show_met = true;
  const std::string all = souple::RenderMarkdown(report, souple::Language::kFrench, show);
  CHECK(all.size() > md.size());
}

TEST_CASE("values from a policy are escaped too, and only web addresses become links", "[report][html]") {
  souple::Report r;
  r.activity_id = "A-1";
  r.activity_name = kHostile;
  r.evaluation_date = "2026-12-01";
  souple::PolicyApplication p;
  p.id = "x.<i>";
  p.version = "1";
  p.applied = true;
  p.title_fr = "Titre <img src=x onerror=alert(1)>";
  r.policies.push_back(p);
  souple::Finding f;
  f.policy_id = p.id;
  f.policy_version = p.version;
  f.rule_id = "x.<i>.r";
  f.kind = "obligation";
  f.status = "not_met";
  f.message_fr = "Message \"quoted\" & 'single' | pipe";
  f.citations.push_back({"S", "CNIL", "T", "", "", "javascript:alert(1)", "final", "§ 1"});
  f.citations.push_back({"S2", "CNIL", "T2", "", "", "https://example.org/a\"b", "final", "§ 2"});
  f.facts.push_back({"retention[0].x", "<u>v</u>", "a.yaml:3:5"});
  r.findings.push_back(f);
  const std::string html = souple::RenderHtml(r, souple::Language::kFrench);
  CHECK(html.find("<img") == std::string::npos);
  CHECK(html.find("<i>") == std::string::npos);
  CHECK(html.find("<u>") == std::string::npos);
  CHECK(html.find("javascript:") == std::string::npos);
  CHECK(html.find("href=\"https://example.org/a&quot;b\"") != std::string::npos);
  CHECK(html.find("&#39;single&#39;") != std::string::npos);
  const std::string md = souple::RenderMarkdown(r, souple::Language::kFrench);
  CHECK(RawTags(md) == 0);
  CHECK(md.find("](javascript:") == std::string::npos);
  CHECK(md.find("## Titre \\<img src=x onerror=alert(1)\\>") != std::string::npos);
}

TEST_CASE("a register document lists its activities and links to each one's section", "[report][html]") {
  std::vector<souple::Report> reports = {Evaluate("saas-processor-chain.yaml", true),
                                         Evaluate("retention-findings.yaml", false)};
  const std::string html = souple::RenderHtml(reports, souple::Language::kEnglish);
  CHECK(html.find("<table class=\"activities\">") < html.find("<section class=\"summary\""));
  CHECK(html.find("href=\"#a1\"") != std::string::npos);
  CHECK(html.find("href=\"#a2\"") != std::string::npos);
  CHECK(html.find("<h2 id=\"a1\">") != std::string::npos);
  CHECK(html.find("<h2 id=\"a2\">") != std::string::npos);
  CHECK(Occurrences(html, "<h1") == 1);
  CHECK(html.find("<script") == std::string::npos);
  const std::string md = souple::RenderMarkdown(reports, souple::Language::kEnglish);
  CHECK(md.find("](#a1)") != std::string::npos);
  CHECK(md.find("<a id=\"a2\"></a>") != std::string::npos);
}
