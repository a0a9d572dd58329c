// SPDX-License-Identifier: Apache-2.0
// Dated doctrine: a rule, an exception or a citation with its own `effective` / `until`
// inside its policy's period (policy effective 2020-01-01 in these tests).
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {

const std::string kLaterSource = "  source L { publisher \"CNIL\" title \"Décision\" adopted 2022-03-01 }\n";

std::string RuleWith(const std::string& head, const std::string& body, const std::string& cites) {
  return "  rule r {\n    kind obligation\n    confidence confirmed\n" + head + body + cites +
         "    fr \"m\" en \"m\"\n  }\n";
}

}  // namespace

TEST_CASE("a dated rule applies only in its period", "[dated]") {
  const std::string policy = Policy(RuleWith("    effective 2022-03-01 until 2024-01-01\n", "    met when flag_a\n",
                                             "    cite S \"art. 1\"\n"));
  const std::string activity = "activity: {id: A}\nflag_a: false\n";
  CHECK(Run(policy, activity, "2022-02-28").findings.empty());
  CHECK(Only(Run(policy, activity, "2022-03-01")).status == "not_met");
  CHECK(Only(Run(policy, activity, "2023-12-31")).status == "not_met");
  CHECK(Run(policy, activity, "2024-01-01").findings.empty());
}

TEST_CASE("a dated exception defeats the rule only from its date", "[dated]") {
  const std::string policy = Policy(RuleWith(
      "", "    unless flag_b because fr \"b\" en \"b\" effective 2022-03-01\n    met when flag_a\n",
      "    cite S \"art. 1\"\n"));
  const std::string activity = "activity: {id: A}\nflag_a: false\nflag_b: true\n";
  CHECK(Only(Run(policy, activity, "2021-06-01")).status == "not_met");
  CHECK(Only(Run(policy, activity, "2022-06-01")).status == "exempted");
}

TEST_CASE("a dated citation is shown only in its period", "[dated]") {
  const std::string policy = Policy(kLaterSource + RuleWith("", "    met when flag_a\n",
                                                            "    cite S \"art. 1\"\n    cite L \"motif 12\" effective 2022-03-01\n"));
  const std::string activity = "activity: {id: A}\nflag_a: true\n";
  CHECK(Only(Run(policy, activity, "2021-06-01")).citations.size() == 1);
  const auto later = Run(policy, activity, "2022-06-01");
  REQUIRE(Only(later).citations.size() == 2);
  CHECK(Only(later).citations[1].section == "motif 12");
}

TEST_CASE("the checker keeps dated pieces consistent", "[dated]") {
  SECTION("a citation of a text dated after the rule takes effect is a warning with the fix") {
    const auto c = Compile(Policy(kLaterSource + RuleWith("", "", "    cite S \"art. 1\"\n    cite L \"motif 12\"\n")));
    const auto& d = OnlyDiag(c.diagnostics);
    CHECK(d.code == "W2002");
    CHECK(Where(d) == "p.souple:12:10");  // line 7 the source, 8 the rule, 12 `cite L`
    REQUIRE(d.help.size() == 1);
    CHECK_THAT(d.help[0], Catch::Contains("cite L \"motif 12\" effective 2022-03-01"));
    CHECK(c.policy_set != nullptr);  // a warning
  }
  SECTION("dating the citation, or the rule, removes it") {
    CHECK(Compile(Policy(kLaterSource + RuleWith("", "", "    cite S \"art. 1\"\n    cite L \"m\" effective 2022-03-01\n")))
              .diagnostics.items().empty());
    CHECK(Compile(Policy(kLaterSource + RuleWith("    effective 2022-03-01\n", "", "    cite L \"m\"\n")))
              .diagnostics.items().empty());
  }
  SECTION("a rule citing only later texts must be dated") {
    const auto c = Compile(Policy(kLaterSource + RuleWith("", "", "    cite L \"m\" effective 2022-03-01\n")));
    CHECK(Codes(c.diagnostics) == std::vector<std::string>{"E2021"});
  }
  SECTION("a rule dated before its policy, or after it ends") {
    CHECK(Codes(Compile(Policy(RuleWith("    effective 2019-01-01\n", "", "    cite S \"a\"\n"))).diagnostics) ==
          std::vector<std::string>{"E2021"});
    CHECK(Codes(Compile(Policy(RuleWith("    effective 2031-01-01\n", "", "    cite S \"a\"\n"), "t.p", "1",
                               "effective 2020-01-01\n  until 2030-01-01"))
                    .diagnostics) == std::vector<std::string>{"E2021"});
  }
  SECTION("until before effective") {
    CHECK(Codes(Compile(Policy(RuleWith("    effective 2022-01-01 until 2021-01-01\n", "", "    cite S \"a\"\n"))).diagnostics)
              .front() == "E2021");
  }
  SECTION("the rule's dates come before its conditions") {
    CHECK(Codes(Compile(Policy(RuleWith("", "    met when flag_a\n    effective 2022-01-01\n", "    cite S \"a\"\n"))).diagnostics) ==
          std::vector<std::string>{"E2019"});
  }
}
