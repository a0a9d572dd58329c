// SPDX-License-Identifier: Apache-2.0
// Bounds on what one evaluation keeps: elements per activity list (loader), facts and
// missing facts listed per finding (report), facts recorded per finding (evaluator).
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {
std::string Retention(int n, const std::string& fields) {
  std::string out = "retention:\n";
  for (int i = 0; i < n; ++i) out += "  - {id: R" + std::to_string(i) + fields + "}\n";
  return out;
}
}  // namespace

TEST_CASE("An activity list holds at most 100 elements (E4006)", "[limits]") {
  const auto compiled = Compile(Policy(Rule("    met when count(retention) > 0\n")));
  REQUIRE(compiled.policy_set != nullptr);
  SECTION("100 elements: loaded") {
    const auto loaded = souple::LoadActivity(*compiled.policy_set, {"a.yaml", Retention(100, "")});
    CHECK(loaded.activity != nullptr);
  }
  SECTION("101 elements: refused, at the list") {
    const auto loaded = souple::LoadActivity(*compiled.policy_set, {"a.yaml", Retention(101, "")});
    CHECK(loaded.activity == nullptr);
    const auto& d = OnlyDiag(loaded.diagnostics);
    CHECK(d.code == "E4006");
    CHECK(Where(d) == "a.yaml:2:3");
    CHECK(d.message ==
          "list of 101 elements; an activity may have at most 100 per list: describe distinct "
          "processings as distinct activities");
  }
  SECTION("the bound is a setting of the library") {
    souple::Limits limits;
    limits.max_activity_list_items = 200;
    const auto loaded =
        souple::LoadActivity(*compiled.policy_set, {"a.yaml", Retention(150, "")}, limits);
    CHECK(loaded.activity != nullptr);
  }
}

TEST_CASE("A finding lists at most 32 facts and counts the others", "[limits]") {
  const std::string policy = Policy(Rule("    met when some r in retention satisfies r.active\n"));
  SECTION("32 distinct facts: all listed") {
    const auto report = Run(policy, Retention(32, ", active: false"));
    const auto& f = Only(report);
    CHECK(f.status == "not_met");
    CHECK(f.facts.size() == 32);
    CHECK(f.facts_not_listed == 0);
    CHECK_FALSE(f.more_not_counted);
  }
  SECTION("40: 32 listed, in the order read, 8 counted") {
    const auto report = Run(policy, Retention(40, ", active: false"));
    const auto& f = Only(report);
    REQUIRE(f.facts.size() == 32);
    CHECK(f.facts.front().path == "retention[0].active");
    CHECK(f.facts.back().path == "retention[31].active");
    CHECK(f.facts_not_listed == 8);
    CHECK_FALSE(f.more_not_counted);
    CHECK(souple::RenderText(report, souple::Language::kEnglish)
              .find("retention[31].active = no; and 8 more\n") != std::string::npos);
    CHECK(souple::RenderText(report, souple::Language::kFrench)
              .find("retention[31].active = non ; et 8 de plus\n") != std::string::npos);
    CHECK(souple::RenderJson(report).find("\"facts_not_listed\": 8,") != std::string::npos);
  }
  SECTION("missing facts: 32 listed, the others counted") {
    const auto report = Run(policy, Retention(50, ""));
    const auto& f = Only(report);
    CHECK(f.status == "unknown");
    CHECK(f.missing.size() == 32);
    CHECK(f.missing_not_listed == 18);
  }
}

TEST_CASE("Past 256 reads a finding's counts are lower bounds", "[limits]") {
  // 100 elements x 3 fields read = 300 reads, more than the evaluator records.
  const std::string policy = Policy(Rule(
      "    met when some r in retention satisfies (r.active or r.justification == \"z\" or "
      "r.category == \"employee\")\n"));
  const auto report = Run(policy, Retention(100, ", active: false, justification: j, category: prospect"));
  const auto& f = Only(report);
  CHECK(f.status == "not_met");
  CHECK(f.facts.size() == 32);
  // The first of the 256 reads recorded is the list itself, which is not a fact.
  CHECK(f.facts_not_listed == 255 - 32);
  CHECK(f.more_not_counted);
  CHECK(souple::RenderText(report, souple::Language::kEnglish).find("; and at least 223 more\n") !=
        std::string::npos);
  CHECK(souple::RenderJson(report).find("\"not_listed_at_least\": true") != std::string::npos);
}
