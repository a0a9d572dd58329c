// SPDX-License-Identifier: Apache-2.0
// Nested `for` clauses, `for` over a list that is not stated, and missing facts named down
// to the field read below an absent object.
#include <catch2/catch.hpp>

#include "souple/engine.h"

namespace {

const char* kSchema = R"({
  "type": "object", "additionalProperties": false,
  "properties": {
    "scope": {"type": "boolean"},
    "org": {"type": "object", "additionalProperties": false, "properties": {
      "contract": {"type": "object", "additionalProperties": false, "properties": {
        "signed": {"type": "boolean", "description": "The contract is signed."}}}}},
    "processors": {"type": "array", "items": {"type": "object", "additionalProperties": false,
      "properties": {
        "name": {"type": "string"},
        "subs": {"type": "array", "items": {"type": "object", "additionalProperties": false,
          "properties": {"name": {"type": "string"}, "authorised": {"type": "boolean"}}}}}}}
  }})";

std::string Policy(const std::string& rule_body) {
  return "policy t.loops {\n  title fr \"T\" en \"T\"\n  version \"1\"\n  status final\n"
         "  effective 2020-01-01\n  source S { publisher \"CNIL\" title \"T\" }\n"
         "  rule r {\n    kind obligation\n    confidence confirmed\n" + rule_body +
         "    cite S \"§ 1\"\n    fr \"x\"\n    en \"x\"\n  }\n}\n";
}

souple::Report Run(const std::string& rule_body, const std::string& activity) {
  auto compiled = souple::CompilePolicies({"s.json", kSchema}, {{"p.souple", Policy(rule_body)}});
  INFO(compiled.diagnostics.RenderText());
  REQUIRE(compiled.policy_set != nullptr);
  auto loaded = souple::LoadActivity(*compiled.policy_set, {"a.yaml", activity});
  INFO(loaded.diagnostics.RenderText());
  REQUIRE(loaded.activity != nullptr);
  return souple::Evaluate(*compiled.policy_set, *loaded.activity, {"2024-01-01"});
}

const char* kSubsRule = "    for p in processors\n    for s in p.subs\n    met when s.authorised\n";

}  // namespace

TEST_CASE("nested for: one finding per inner element, named by it", "[eval][for]") {
  const auto r = Run(kSubsRule,
                     "processors:\n"
                     "  - {name: Host, subs: [{name: A, authorised: true}, {name: B, authorised: false}]}\n"
                     "  - {name: Crm, subs: [{name: C, authorised: true}]}\n");
  REQUIRE(r.findings.size() == 3);
  CHECK(r.findings[0].element == "processors[0].subs[0]");
  CHECK(r.findings[0].status == "met");
  CHECK(r.findings[1].element == "processors[0].subs[1]");
  CHECK(r.findings[1].status == "not_met");
  CHECK(r.findings[1].id == "t.loops.r@processors[].subs[]{B}");
  CHECK(r.findings[2].element == "processors[1].subs[0]");
}

TEST_CASE("nested for: an inner list not stated gives one unknown finding for that element", "[eval][for]") {
  const auto r = Run(kSubsRule, "processors:\n  - {name: Host}\n  - {name: Crm, subs: []}\n");
  REQUIRE(r.findings.size() == 1);  // Crm's empty list yields nothing
  CHECK(r.findings[0].status == "unknown");
  CHECK(r.findings[0].element == "processors[0]");
  CHECK(r.findings[0].missing == std::vector<std::string>{"processors[0].subs"});
}

TEST_CASE("for over a list not stated: no finding when `when` is false whatever its elements", "[eval][for]") {
  const std::string rule = "    for p in processors\n    when scope and p.name != \"\"\n    met when true\n";
  CHECK(Run(rule, "scope: false\n").findings.empty());
  const auto r = Run(rule, "scope: true\n");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].status == "unknown");
  CHECK(r.findings[0].missing == std::vector<std::string>{"processors"});
}

TEST_CASE("a field read below an absent object is the missing fact", "[eval][missing]") {
  const auto r = Run("    met when org.contract.signed\n", "scope: true\n");
  REQUIRE(r.findings.size() == 1);
  CHECK(r.findings[0].status == "unknown");
  CHECK(r.findings[0].missing == std::vector<std::string>{"org.contract.signed"});
  REQUIRE(r.questions.size() == 1);
  CHECK(r.questions[0].field == "org.contract.signed");
  CHECK(r.questions[0].description == "The contract is signed.");
  // With `org` present but `contract` absent, the path starts from the deepest stated object.
  const auto r2 = Run("    met when org.contract.signed\n", "org: {}\n");
  CHECK(r2.findings[0].missing == std::vector<std::string>{"org.contract.signed"});
}
