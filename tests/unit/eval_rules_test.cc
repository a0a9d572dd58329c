// SPDX-License-Identifier: Apache-2.0
// eval/ and report/: rule outcomes, tables, defs, modules, `for`, messages, facts,
// questions, policy versions and determinism, through the public API.
#include <catch2/catch.hpp>

#include "report/selection.h"
#include "test_support.h"

using namespace souple_test;

namespace {
const std::string kRefTable =
    "  table ref (key id: text, d: duration?, start: text?) {\n"
    "    \"RC-1\", 3 years, \"last_contact\";\n"
    "    \"RC-4\", none, \"end_of_contract\";\n"
    "  }\n";

souple::Report RunFiles(const std::vector<souple::SourceFile>& files, const std::string& activity,
                        const std::string& date) {
  auto compiled = Compile(files);
  INFO(compiled.diagnostics.RenderText());
  REQUIRE(compiled.policy_set != nullptr);
  auto loaded = souple::LoadActivity(*compiled.policy_set, {"a.yaml", activity});
  INFO(loaded.diagnostics.RenderText());
  REQUIRE(loaded.activity != nullptr);
  return souple::Evaluate(*compiled.policy_set, *loaded.activity, {date});
}
}  // namespace

TEST_CASE("Table lookup reads a row's column", "[eval]") {
  const auto f = Only(Run(Policy(kRefTable + Rule("    met when span <= ref[\"RC-1\"].d\n")),
                          "span: P2Y\n"));
  CHECK(f.status == "met");
  bool table_fact = false;
  for (const auto& fact : f.facts) {
    if (fact.path == "ref[\"RC-1\"].d") {
      table_fact = true;
      CHECK(fact.value == "P3Y");
      CHECK(fact.location.empty());
    }
  }
  CHECK(table_fact);
  CHECK(Only(Run(Policy(kRefTable + Rule("    met when span <= ref[\"RC-1\"].d\n")), "span: P4Y\n"))
            .status == "not_met");
  CHECK(Only(Run(Policy(kRefTable + Rule("    met when ref[text_a].start == \"end_of_contract\"\n")),
                 "text_a: RC-4\n"))
            .status == "met");
}

TEST_CASE("A `none` cell and a missing row are unknown with a reason", "[eval]") {
  const auto none = Only(Run(Policy(kRefTable + Rule("    met when span <= ref[\"RC-4\"].d\n")),
                             "span: P2Y\n"));
  CHECK(none.status == "unknown");
  CHECK(none.missing.empty());
  CHECK(none.unknown_reason == "the reference table gives no figure for this case");
  const auto no_row = Only(Run(Policy(kRefTable + Rule("    met when span <= ref[text_a].d\n")),
                               "span: P2Y\ntext_a: RC-9\n"));
  CHECK(no_row.status == "unknown");
  CHECK(no_row.unknown_reason == "the reference table has no row for the value");
}

TEST_CASE("Definitions with and without parameters are expanded", "[eval]") {
  const std::string defs =
      "  def longer(d, limit) = d > limit\n"
      "  def three = 3 years\n"
      "  def is_customer(c) = c in [\"customer\"]\n";
  const std::string rule = Rule("    when is_customer(category)\n    met when not longer(span, three)\n");
  CHECK(Only(Run(Policy(defs + rule), "category: customer\nspan: P2Y\n")).status == "met");
  CHECK(Only(Run(Policy(defs + rule), "category: customer\nspan: P4Y\n")).status == "not_met");
  CHECK(Run(Policy(defs + rule), "category: prospect\nspan: P4Y\n").findings.empty());
}

TEST_CASE("Imported modules provide defs, tables and cited sources", "[eval]") {
  const std::string module =
      "module common.gdpr {\n"
      "  source gdpr { publisher \"EU\" title \"GDPR\" reference \"2016/679\" adopted 2016-04-27 url \"https://eur-lex.europa.eu\" status final }\n"
      "  def adult = count_a >= 18\n"
      "  table limits (key id: text, d: duration) {\n    \"L\", 1 year;\n  }\n"
      "}\n";
  const std::string items =
      "  rule r {\n    kind obligation\n    confidence secondary\n    when adult\n"
      "    met when span <= limits[\"L\"].d\n    cite gdpr \"Art. 5(1)(e)\"\n    cite S \"p. 2\"\n"
      "    fr \"m\"\n    en \"m\"\n  }\n";
  const auto report =
      RunFiles({{"m.souple", module},
                {"p.souple", Policy(items, "t.p", "1", "effective 2020-01-01\n  import common.gdpr")}},
               "count_a: 20\nspan: P6M\n", "2024-06-01");
  const auto& f = Only(report);
  CHECK(f.status == "met");
  CHECK(f.confidence == "secondary");
  REQUIRE(f.citations.size() == 2);
  CHECK(f.citations[0].source_id == "gdpr");
  CHECK(f.citations[0].publisher == "EU");
  CHECK(f.citations[0].title == "GDPR");
  CHECK(f.citations[0].reference == "2016/679");
  CHECK(f.citations[0].date == "2016-04-27");
  CHECK(f.citations[0].url == "https://eur-lex.europa.eu");
  CHECK(f.citations[0].status == "final");
  CHECK(f.citations[0].section == "Art. 5(1)(e)");
  CHECK(f.citations[1].source_id == "S");
  CHECK(f.citations[1].publisher == "CNIL");
  CHECK(f.citations[1].section == "p. 2");
}

TEST_CASE("let binds a value for later clauses and messages", "[eval]") {
  const std::string rule = Rule(
      "    let total = count_a + 1\n    let big = total > 3\n    when big\n    met when total == 5\n",
      "r", "total {total}", "total {total}");
  const auto f = Only(Run(Policy(rule), "count_a: 4\n"));
  CHECK(f.status == "met");
  CHECK(f.message_en == "total 5");
  CHECK(Run(Policy(rule), "count_a: 1\n").findings.empty());
}

TEST_CASE("for: one finding per element, with its path and a stable id", "[eval]") {
  const std::string rule = Rule("    for r in retention\n    met when r.duration <= 3 years\n", "r",
                                "{r.id}", "{r.id}");
  const auto report = Run(Policy(rule),
                          "retention:\n  - id: R1\n    duration: P2Y\n  - id: R2\n    duration: P5Y\n");
  REQUIRE(report.findings.size() == 2);
  CHECK(report.findings[0].element == "retention[0]");
  CHECK(report.findings[0].id == "t.p.r@retention[]{R1}");
  CHECK(report.findings[0].status == "met");
  CHECK(report.findings[0].message_fr == "R1");
  CHECK(report.findings[1].element == "retention[1]");
  CHECK(report.findings[1].id == "t.p.r@retention[]{R2}");
  CHECK(report.findings[1].status == "not_met");
  // Reordering the elements keeps each finding's id.
  const auto swapped = Run(Policy(rule),
                           "retention:\n  - id: R2\n    duration: P5Y\n  - id: R1\n    duration: P2Y\n");
  REQUIRE(swapped.findings.size() == 2);
  CHECK(swapped.findings[0].id == "t.p.r@retention[]{R2}");
  CHECK(swapped.findings[0].element == "retention[0]");
  CHECK(swapped.findings[0].status == "not_met");
  // Elements without an id are named by their path; an empty list gives no finding.
  const auto tags = Run(Policy(Rule("    for t in tags\n    met when t != \"x\"\n")), "tags: [a, x]\n");
  REQUIRE(tags.findings.size() == 2);
  CHECK(tags.findings[1].id == "t.p.r@tags[1]");
  CHECK(tags.findings[1].status == "not_met");
  CHECK(Run(Policy(rule), "retention: []\n").findings.empty());
  // An unstated list gives one undecided finding for the rule.
  const auto missing = Only(Run(Policy(rule), "{}"));
  CHECK(missing.status == "unknown");
  CHECK(missing.message_fr == "(non renseign\xC3\xA9)");
  CHECK(missing.message_en == "(not stated)");
  CHECK(missing.id == "t.p.r");
  CHECK(missing.missing == std::vector<std::string>{"retention"});
}

TEST_CASE("when false: the rule does not apply and gives no finding", "[eval]") {
  const auto report = Run(Policy(Rule("    when flag_a\n    met when false\n")), "flag_a: false\n");
  CHECK(report.findings.empty());
  CHECK(report.questions.empty());
}

TEST_CASE("when unknown: status unknown, missing lists the field", "[eval]") {
  const auto report = Run(Policy(Rule("    when flag_a\n    met when true\n")), "flag_b: true\n");
  const auto& f = Only(report);
  CHECK(f.status == "unknown");
  CHECK(f.missing == std::vector<std::string>{"flag_a"});
  CHECK(f.unknown_reason.empty());
  REQUIRE(report.questions.size() == 1);
  CHECK(report.questions[0].field == "flag_a");
  CHECK(report.questions[0].description == "First flag.");
  CHECK(report.questions[0].rule_ids == std::vector<std::string>{"t.p.r"});
}

TEST_CASE("unless true: the finding is exempted with the reason", "[eval]") {
  const std::string rule = Rule(
      "    when flag_a\n"
      "    unless count_a > 10 because fr \"beaucoup\" en \"many\"\n"
      "    unless flag_b because fr \"drapeau\" en \"flag\"\n"
      "    met when false\n");
  const auto f = Only(Run(Policy(rule), "flag_a: true\nflag_b: true\ncount_a: 1\n"));
  CHECK(f.status == "exempted");
  CHECK(f.exception_fr == "drapeau");
  CHECK(f.exception_en == "flag");
  // The first exception that holds is the one reported.
  const auto first = Only(Run(Policy(rule), "flag_a: true\nflag_b: true\ncount_a: 11\n"));
  CHECK(first.exception_en == "many");
  CHECK(Only(Run(Policy(rule), "flag_a: true\nflag_b: false\ncount_a: 1\n")).status == "not_met");
}

TEST_CASE("unless unknown: does not defeat the rule; its field is missing while the rule is not met", "[eval]") {
  const std::string rule = Rule(
      "    unless flag_b because fr \"raison\" en \"reason\"\n    met when count_a > 1\n");
  // Met anyway: the exception could not change anything, so nothing is asked.
  const auto met = Only(Run(Policy(rule), "count_a: 2\n"));
  CHECK(met.status == "met");
  CHECK(met.missing.empty());
  CHECK(met.exception_en.empty());
  CHECK(Run(Policy(rule), "count_a: 2\n").questions.empty());
  const auto not_met = Only(Run(Policy(rule), "count_a: 0\n"));
  CHECK(not_met.status == "not_met");
  CHECK(not_met.missing == std::vector<std::string>{"flag_b"});
  const auto unknown = Only(Run(Policy(rule), "{}"));
  CHECK(unknown.status == "unknown");
  CHECK(unknown.missing == std::vector<std::string>{"flag_b", "count_a"});
  // Not met: stating the exception's fact could exempt the rule, so it is asked.
  const auto report = Run(Policy(rule), "count_a: 0\n");
  REQUIRE(report.questions.size() == 1);
  CHECK(report.questions[0].field == "flag_b");
}

TEST_CASE("No `met when`: the rule applies", "[eval]") {
  const auto f = Only(Run(Policy(Rule("    when flag_a\n")), "flag_a: true\n"));
  CHECK(f.status == "applies");
  CHECK(f.missing.empty());
  CHECK(Only(Run(Policy(Rule("")), "{}")).status == "applies");
}

TEST_CASE("Message placeholders are rendered per language", "[eval]") {
  const std::string rule = Rule("",
                                "r",
                                "{span} ; {flag_a} ; {flag_b} ; {count_a} ; {start} ; {tags} ; {category} ; {activity.name} ; {{x}}",
                                "{span} ; {flag_a} ; {flag_b} ; {count_a} ; {start} ; {tags} ; {category} ; {activity.name} ; {{x}}");
  const auto f = Only(Run(Policy(rule),
                          "span: P3Y\nflag_a: true\nflag_b: false\nstart: 2024-02-29\ntags: [a, b]\n"
                          "category: prospect\nactivity: {id: A, name: Fichier}\n"));
  CHECK(f.message_fr == "3 ans ; oui ; non ; (non renseign\xC3\xA9) ; 29 février 2024 ; a, b ; prospect ; Fichier ; {x}");
  CHECK(f.message_en == "3 years ; yes ; no ; (not stated) ; 29 February 2024 ; a, b ; prospect ; Fichier ; {x}");
  const auto mixed = Only(Run(Policy(Rule("", "r", "{span}", "{span}")), "span: P1Y6M\n"));
  CHECK(mixed.message_fr == "1 an 6 mois");
  CHECK(mixed.message_en == "1 year 6 months");
  const auto empty = Only(Run(Policy(Rule("", "r", "{tags}", "{tags}")), "tags: []\n"));
  CHECK(empty.message_fr == "(aucun)");
  CHECK(empty.message_en == "(none)");
}

TEST_CASE("Facts give the path, canonical value and file:line:column", "[eval]") {
  const auto f = Only(Run(Policy(Rule("    when flag_a\n    met when span <= 3 years and \"a\" in tags\n")),
                          "flag_a: true\nspan: P24M\ntags: [a, b]\n"));
  CHECK(f.status == "met");
  REQUIRE(f.facts.size() == 3);
  CHECK(f.facts[0].path == "flag_a");
  CHECK(f.facts[0].value == "true");
  CHECK(f.facts[0].location == "a.yaml:1:9");
  CHECK(f.facts[1].path == "span");
  CHECK(f.facts[1].value == "P2Y");
  CHECK(f.facts[1].location == "a.yaml:2:7");
  CHECK(f.facts[2].path == "tags");
  CHECK(f.facts[2].value == "[a, b]");
  CHECK(f.facts[2].location == "a.yaml:3:7");
  const auto element = Run(Policy(Rule("    for r in retention\n    met when r.duration <= 3 years\n")),
                           "retention:\n  - id: R1\n    duration: P30D\n");
  const auto& ef = Only(element);
  REQUIRE(ef.facts.size() == 1);
  CHECK(ef.facts[0].path == "retention[0].duration");
  CHECK(ef.facts[0].value == "P30D");
  CHECK(ef.facts[0].location == "a.yaml:3:15");
}

TEST_CASE("Questions are aggregated by generic path across elements and rules", "[eval]") {
  const std::string rules =
      Rule("    for r in retention\n    met when r.duration <= 3 years\n", "a") +
      Rule("    for r in retention\n    met when r.duration >= 1 month\n", "b") +
      Rule("    when flag_a\n", "c");
  const auto report = Run(Policy(rules), "retention:\n  - id: R1\n  - id: R2\n    duration: P1Y\n  - id: R3\n");
  CHECK(report.findings.size() == 7);
  REQUIRE(report.questions.size() == 2);
  // Ranked by the findings each would decide: the duration decides a and b for R1 and R3
  // (4 findings), flag_a decides c (1).
  CHECK(report.questions[0].field == "retention[].duration");
  CHECK(report.questions[0].description == "How long data are kept.");
  CHECK(report.questions[0].rule_ids == std::vector<std::string>{"t.p.a", "t.p.b"});
  CHECK(report.questions[0].findings == 4);
  CHECK(report.questions[0].section == "retention");
  CHECK(report.questions[1].field == "flag_a");
  CHECK(report.questions[1].rule_ids == std::vector<std::string>{"t.p.c"});
  CHECK(report.questions[1].findings == 1);
  CHECK(report.questions[1].section == "flag_a");
  CHECK(report.findings[0].missing == std::vector<std::string>{"retention[0].duration"});
  CHECK(report.findings[2].missing == std::vector<std::string>{"retention[2].duration"});
  CHECK(report.Count("unknown") == 5);
  CHECK(report.Count("met") == 2);
}

TEST_CASE("Questions deciding as many findings are ranked by the strongest kind, then by field", "[eval]") {
  // Each fact decides one finding: flag_b an obligation, count_a a recommendation, text_a and
  // start good practices (by field: start before text_a).
  const std::string rules = Rule("    when text_a == \"x\"\n", "g1", "m", "m", "good_practice") +
                            Rule("    when count_a > 1\n", "rec", "m", "m", "recommendation") +
                            Rule("    when start < 2020-01-01\n", "g2", "m", "m", "good_practice") +
                            Rule("    when flag_b\n", "o", "m", "m", "obligation");
  const auto report = Run(Policy(rules), "{}");
  REQUIRE(report.questions.size() == 4);
  CHECK(report.questions[0].field == "flag_b");
  CHECK(report.questions[0].strongest_kind == "obligation");
  CHECK(report.questions[1].field == "count_a");
  CHECK(report.questions[2].field == "start");
  CHECK(report.questions[3].field == "text_a");
  const std::string text = souple::RenderText(report, souple::Language::kEnglish);
  CHECK(text.find("Questions to answer:\n  [flag_b]\n  - flag_b\n    (decides 1 finding: t.p.o)\n") !=
        std::string::npos);
}

TEST_CASE("Findings are grouped by policy with obligations first", "[eval]") {
  const std::string rules = Rule("", "g", "m", "m", "good_practice") + Rule("", "rec", "m", "m", "recommendation") +
                            Rule("", "o", "m", "m", "obligation") + Rule("", "f", "m", "m", "formality");
  const auto report = Run(Policy(rules), "{}");
  REQUIRE(report.findings.size() == 4);
  CHECK(report.findings[0].rule_id == "t.p.o");
  CHECK(report.findings[1].rule_id == "t.p.f");
  CHECK(report.findings[2].rule_id == "t.p.rec");
  CHECK(report.findings[3].rule_id == "t.p.g");
}

TEST_CASE("The policy version in force on the evaluation date is applied", "[eval]") {
  const std::vector<souple::SourceFile> files = {
      {"v1.souple", Policy(Rule(""), "t.v", "1", "effective 2020-01-01\n  until 2023-01-01")},
      {"v2.souple", Policy(Rule(""), "t.v", "2", "effective 2023-01-01\n  until 2025-01-01")},
  };
  auto applied = [](const souple::Report& r) {
    std::string out;
    for (const auto& p : r.policies) out += p.version + (p.applied ? "+ " : "- ");
    return out;
  };
  const auto before = RunFiles(files, "{}", "2019-12-31");
  CHECK(applied(before) == "1- 2- ");
  CHECK(before.findings.empty());
  CHECK(before.policies[0].reason == "not yet in force (effective 2020-01-01)");

  const auto v1 = RunFiles(files, "{}", "2022-12-31");
  CHECK(applied(v1) == "1+ 2- ");
  CHECK(v1.policies[0].reason == "in force on the evaluation date");
  CHECK(v1.policies[1].reason == "not yet in force (effective 2023-01-01)");
  CHECK(Only(v1).policy_version == "1");

  const auto v2 = RunFiles(files, "{}", "2023-06-01");
  CHECK(applied(v2) == "1- 2+ ");
  CHECK(v2.policies[0].reason == "no longer in force (until 2023-01-01)");
  CHECK(v2.policies[1].until == "2025-01-01");
  CHECK(Only(v2).policy_version == "2");

  const auto after = RunFiles(files, "{}", "2025-06-01");
  CHECK(applied(after) == "1- 2- ");
  CHECK(after.policies[1].reason == "no longer in force (until 2025-01-01)");
  CHECK(after.findings.empty());
}

TEST_CASE("A newer version supersedes an older one still in force", "[eval]") {
  const std::vector<souple::SourceFile> files = {
      {"v1.souple", Policy(Rule(""), "t.v", "1", "effective 2020-01-01")},
      {"v2.souple", Policy(Rule(""), "t.v", "2", "effective 2023-01-01")},
  };
  const auto r = RunFiles(files, "{}", "2024-06-01");
  REQUIRE(r.policies.size() == 2);
  CHECK_FALSE(r.policies[0].applied);
  CHECK(r.policies[0].reason.find("version 2") != std::string::npos);
  CHECK(r.policies[1].applied);
  CHECK(Only(r).policy_version == "2");
}

TEST_CASE("Evaluation is deterministic", "[eval]") {
  const std::string policy =
      Policy(kRefTable + Rule("    for r in retention\n    unless flag_b because fr \"a\" en \"b\"\n"
                              "    met when r.duration <= ref[\"RC-1\"].d\n", "a", "{r.duration}", "{r.duration}") +
             Rule("    when flag_a\n", "b"));
  const std::string activity = "activity: {id: A1, name: N}\nretention:\n  - id: R1\n    duration: P2Y\n  - id: R2\n";
  const auto first = Run(policy, activity);
  const auto second = Run(policy, activity);
  const std::string json = souple::RenderJson(first);
  CHECK(json == souple::RenderJson(first));
  CHECK(json == souple::RenderJson(second));
  CHECK(souple::RenderText(first, souple::Language::kFrench) ==
        souple::RenderText(second, souple::Language::kFrench));
  CHECK(first.activity_id == "A1");
  CHECK(first.activity_name == "N");
  CHECK(first.evaluation_date == "2024-06-01");
  CHECK(first.policy_set_hash == second.policy_set_hash);
  CHECK(json.find("\"format_version\": \"1.0\"") != std::string::npos);
}

TEST_CASE("Policy id patterns: `*` any run, `?` one character", "[eval]") {
  using souple::internal::MatchesPattern;
  CHECK(MatchesPattern("cnil.retention.hr", "cnil.retention.*"));
  CHECK(MatchesPattern("cnil.retention.hr", "*"));
  CHECK(MatchesPattern("cnil.retention.hr", "cnil.*.hr"));
  CHECK(MatchesPattern("cnil.retention.hr", "cnil.retention.h?"));
  CHECK(MatchesPattern("cnil.retention.hr", "cnil.retention.hr"));
  CHECK_FALSE(MatchesPattern("cnil.retention.hr", "cnil.retention"));
  CHECK_FALSE(MatchesPattern("cnil.retention.hr", "cnil.retention.?"));
  CHECK_FALSE(MatchesPattern("edpb.ai_models", "cnil.*"));
  CHECK(MatchesPattern("a.b.c", "*.*.*"));
  CHECK_FALSE(MatchesPattern("a.b", "*.*.*"));
}
