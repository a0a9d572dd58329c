// SPDX-License-Identifier: Apache-2.0
// `applies to`: a policy's scope decides whether its rules are evaluated at all.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {

// Two rules that would both ask about flag_b; the scope is about flag_a.
const std::string kScoped = Policy(
    "  applies to flag_a == true fr \"traitements marqués A\" en \"processing flagged A\"\n" +
    Rule("    met when flag_b\n", "r1") + Rule("    met when flag_b and count_a > 1\n", "r2", "m", "m", "recommendation"));

const souple::PolicyApplication& Listed(const souple::Report& r) {
  REQUIRE(r.policies.size() == 1);
  return r.policies[0];
}

}  // namespace

TEST_CASE("a scope that holds: the rules are evaluated as without one", "[scope]") {
  const auto r = Run(kScoped, "activity: {id: A}\nflag_a: true\nflag_b: false\ncount_a: 2\n");
  REQUIRE(r.findings.size() == 2);
  CHECK(r.findings[0].status == "not_met");
  CHECK(Listed(r).applied);
  CHECK(Listed(r).reason_code == "in_force");
}

TEST_CASE("a scope stated false: no finding, no question, listed as not applicable", "[scope]") {
  const auto r = Run(kScoped, "activity: {id: A}\nflag_a: false\n");
  CHECK(r.findings.empty());
  CHECK(r.questions.empty());
  CHECK_FALSE(Listed(r).applied);
  CHECK(Listed(r).reason_code == "not_applicable");
  CHECK(Listed(r).scope_en == "processing flagged A");
  CHECK_THAT(souple::RenderText(r, souple::Language::kFrench),
             Catch::Contains("sans objet pour cette activité (champ : traitements marqués A)"));
}

TEST_CASE("an undecided scope: one finding, one question about the scope only", "[scope]") {
  // flag_b is not stated either, but no rule runs: the DPO is asked about flag_a only.
  const auto r = Run(kScoped, "activity: {id: A}\n");
  const auto& f = Only(r);
  CHECK(f.rule_id == "t.p:scope");
  CHECK(f.status == "unknown");
  CHECK(f.kind == "obligation");  // the strongest kind among the policy's rules
  CHECK(f.missing == std::vector<std::string>{"flag_a"});
  REQUIRE(r.questions.size() == 1);
  CHECK(r.questions[0].field == "flag_a");
  CHECK(r.questions[0].rule_ids == std::vector<std::string>{"t.p:scope"});
  CHECK(Listed(r).reason_code == "scope_unknown");
  CHECK(souple::RenderJson(r).find("\"scope_unknown\"") != std::string::npos);
}

TEST_CASE("a scope reads definitions and quantifiers like any condition", "[scope]") {
  const std::string policy = Policy(
      "  def has_customers = some c in categories satisfies c == \"customer\"\n"
      "  applies to has_customers fr \"clients\" en \"customers\"\n" +
      Rule("    met when flag_b\n"));
  CHECK(Run(policy, "activity: {id: A}\ncategories: [prospect]\n").findings.empty());
  CHECK(Only(Run(policy, "activity: {id: A}\ncategories: [customer]\nflag_b: true\n")).status == "met");
}

TEST_CASE("applies to: checked like a condition, described in both languages, once", "[scope]") {
  SECTION("not a condition") {
    const auto c = Compile(Policy("  applies to count_a fr \"x\" en \"x\"\n" + Rule("")));
    CHECK(OnlyDiag(c.diagnostics).code == "E2006");  // type-mismatch
  }
  SECTION("no description") {
    const auto c = Compile(Policy("  applies to flag_a fr \"x\"\n" + Rule("")));
    const auto& d = OnlyDiag(c.diagnostics);
    CHECK(d.code == "E2008");
    CHECK(Where(d) == "p.souple:7:3");
  }
  SECTION("twice") {
    const auto c = Compile(Policy("  applies to flag_a fr \"x\" en \"x\"\n  applies to flag_b fr \"y\" en \"y\"\n" + Rule("")));
    CHECK(OnlyDiag(c.diagnostics).code == "E2010");
  }
  SECTION("in a module") {
    const auto c = Compile("module t.m {\n  applies to flag_a fr \"x\" en \"x\"\n}\n");
    CHECK_FALSE(c.diagnostics.items().empty());
  }
}
