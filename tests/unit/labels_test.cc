// SPDX-License-Identifier: Apache-2.0
// What a reader is shown of a value: enum values by their schema labels (`x-labels`),
// durations and dates in words, oui/non — in messages and in the facts of the text, HTML and
// Markdown reports; the JSON keeps the canonical value.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {

const char* const kLabelled = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "activity": {"type": "object", "additionalProperties": false,
                 "properties": {"id": {"type": "string"}}, "required": ["id"]},
    "start": {"type": "string", "enum": ["collection", "last_contact"],
              "x-labels": {"fr": {"collection": "la collecte", "last_contact": "le dernier contact"},
                           "en": {"collection": "collection", "last_contact": "the last contact"}}},
    "basis": {"type": "string", "enum": ["consent", "contract"],
              "x-labels": {"fr": {"consent": "consentement"}}},
    "span": {"type": "string", "format": "duration"},
    "since": {"type": "string", "format": "date"},
    "flag": {"type": "boolean", "description": "Whether the flag is raised.",
             "x-description-fr": "Indique si le drapeau est levé."}
  }
})";

souple::Report Evaluate(const std::string& policy, const std::string& activity) {
  return RunWith(kLabelled, policy, activity, "2026-01-15");
}

}  // namespace

TEST_CASE("messages and facts show enum labels, durations and dates in words", "[labels]") {
  const std::string policy = Policy(Rule("    met when flag\n", "r", "Depuis {start} ({basis}), {span}, le {since}.",
                                          "From {start} ({basis}), {span}, on {since}."));
  const auto r = Evaluate(policy,
                          "activity: {id: A}\nstart: collection\nbasis: contract\nspan: P5Y\nsince: 2026-03-01\nflag: false\n");
  REQUIRE(r.findings.size() == 1);
  const souple::Finding& f = r.findings[0];
  // `contract` has no French label: the value itself, never an empty string.
  CHECK(f.message_fr == "Depuis la collecte (contract), 5 ans, le 1er mars 2026.");
  CHECK(f.message_en == "From collection (contract), 5 years, on 1 March 2026.");
  REQUIRE(f.facts.size() == 1);
  CHECK(f.facts[0].value == "false");
  CHECK(f.facts[0].Text(true) == "non");
  CHECK(f.facts[0].Text(false) == "no");
  CHECK_THAT(souple::RenderText(r, souple::Language::kFrench), Catch::Contains("flag = non"));
  CHECK_THAT(souple::RenderJson(r), Catch::Contains("\"value\": \"false\""));
}

TEST_CASE("a fact's enum value by its label; the JSON keeps the value", "[labels]") {
  const std::string policy = Policy(Rule("    met when start == \"last_contact\" or span <= 3 years\n"));
  const auto r = Evaluate(policy, "activity: {id: A}\nstart: collection\nspan: P5Y\n");
  REQUIRE(r.findings.size() == 1);
  REQUIRE(r.findings[0].facts.size() == 2);
  const auto& start = r.findings[0].facts[0].path == "start" ? r.findings[0].facts[0] : r.findings[0].facts[1];
  const auto& span = r.findings[0].facts[0].path == "span" ? r.findings[0].facts[0] : r.findings[0].facts[1];
  CHECK(start.value == "collection");
  CHECK(start.Text(true) == "la collecte");
  CHECK(start.Text(false) == "collection");
  CHECK(span.value == "P5Y");
  CHECK(span.Text(true) == "5 ans");
  const std::string html = souple::RenderHtml(r, souple::Language::kFrench);
  CHECK_THAT(html, Catch::Contains("la collecte") && Catch::Contains("5 ans"));
  CHECK_THAT(souple::RenderMarkdown(r, souple::Language::kEnglish), Catch::Contains("5 years"));
  CHECK_THAT(souple::RenderJson(r), Catch::Contains("\"value\": \"collection\"") && Catch::Contains("\"value\": \"P5Y\""));
}

TEST_CASE("x-labels must label values of the enum, in fr and en", "[labels][schema]") {
  std::string bad = kLabelled;
  bad.replace(bad.find("\"last_contact\": \"le dernier contact\""), 36, "\"last_kontact\": \"le dernier contact\"");
  const auto compiled = Compile("", bad);
  CHECK(compiled.policy_set == nullptr);
  CHECK_THAT(compiled.diagnostics.RenderText(),
             Catch::Contains("E2020") && Catch::Contains("`last_kontact`, which is not a value of the enum"));
  std::string lang = kLabelled;
  lang.replace(lang.find("\"en\": {\"collection\""), 5, "\"de\":");
  const auto compiled2 = Compile("", lang);
  CHECK_THAT(compiled2.diagnostics.RenderText(), Catch::Contains("languages `fr` and `en`, not `de`"));
}

TEST_CASE("questions are asked in the report's language", "[labels]") {
  const auto r = Evaluate(Policy(Rule("    met when flag\n")), "activity: {id: A}\n");
  REQUIRE(r.questions.size() == 1);
  CHECK(r.questions[0].description == "Whether the flag is raised.");
  CHECK(r.questions[0].Description(true) == "Indique si le drapeau est levé.");
  CHECK_THAT(souple::RenderText(r, souple::Language::kFrench), Catch::Contains("flag — Indique si le drapeau est levé."));
  CHECK_THAT(souple::RenderText(r, souple::Language::kEnglish), Catch::Contains("flag — Whether the flag is raised."));
  CHECK_THAT(souple::RenderJson(r), Catch::Contains("\"description_fr\": \"Indique si le drapeau est levé.\""));
}
