// SPDX-License-Identifier: Apache-2.0
// The policy-test runner (souple/testing.h): a regulator's example asserts the kind.
#include <catch2/catch.hpp>

#include "souple/testing.h"
#include "test_support.h"

using namespace souple_test;

namespace {

// A recommendation: the regulator's example below would call it an obligation.
const std::string kPolicy = Policy(Rule("    met when flag_a\n", "r", "m", "m", "recommendation"));

souple::TestRun RunTests(const std::string& expect) {
  auto compiled = Compile(kPolicy);
  REQUIRE(compiled.policy_set != nullptr);
  const std::string file =
      "policy: t.p\n"
      "as_of: 2024-06-01\n"
      "cases:\n"
      "  - name: the regulator's worked example\n"
      "    origin: regulator\n"
      "    source: \"Guidelines, example 3\"\n"
      "    activity: {activity: {id: A}, flag_a: false}\n"
      "    expect:\n" +
      expect;
  return souple::RunPolicyTests(*compiled.policy_set, {{"t.test.yaml", file}});
}

}  // namespace

TEST_CASE("a regulator example without the finding's kind is refused, located at the item", "[policy-tests]") {
  const auto run = RunTests("      - {rule: r, status: not_met}\n");
  const auto& d = OnlyDiag(run.diagnostics);
  CHECK(d.code == "E4005");
  CHECK(Where(d) == "t.test.yaml:9:9");
  CHECK_THAT(d.message, Catch::Contains("regulator example must state its `kind`"));
}

TEST_CASE("a regulator example fails when the rule's kind is not the one the text gives", "[policy-tests]") {
  const auto wrong = RunTests("      - {rule: r, status: not_met, kind: obligation}\n");
  CHECK_FALSE(wrong.diagnostics.HasErrors());
  REQUIRE(wrong.cases.size() == 1);
  CHECK_FALSE(wrong.cases[0].passed);
  const auto right = RunTests("      - {rule: r, status: not_met, kind: recommendation}\n");
  REQUIRE(right.cases.size() == 1);
  CHECK(right.cases[0].passed);
}

TEST_CASE("a regulator example expecting no finding needs no kind", "[policy-tests]") {
  const auto run = RunTests("      - {rule: r, status: none}\n");
  INFO(run.diagnostics.RenderText());
  CHECK_FALSE(run.diagnostics.HasErrors());
}

TEST_CASE("an expectation without a status is refused, not run as checking nothing", "[policy-tests]") {
  const auto run = RunTests("      - {rule: r, kind: recommendation}\n");
  const auto& d = OnlyDiag(run.diagnostics);
  CHECK(d.code == "E4005");
  CHECK(Where(d) == "t.test.yaml:9:9");
  CHECK_THAT(d.message, Catch::Contains("must state its `status`"));
  CHECK(run.cases.empty());
}

TEST_CASE("an unknown rule in a test file gets the close rule of its policy", "[policy-tests]") {
  const auto run = RunTests("      - {rule: rr, status: not_met, kind: recommendation}\n");
  const auto& d = OnlyDiag(run.diagnostics);
  CHECK(d.code == "E2018");
  CHECK(d.message == "no rule `t.p.rr` in the policy set");
  CHECK(d.help == std::vector<std::string>{"did you mean `r`?"});
}
