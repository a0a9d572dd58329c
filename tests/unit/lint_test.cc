// SPDX-License-Identifier: Apache-2.0
// Lints (souple/lint.h): each lint on the smallest policy that shows it, the near misses
// it must stay silent on, and `lint: allow` comments.
#include <catch2/catch.hpp>

#include "souple/lint.h"
#include "test_support.h"

using namespace souple_test;

namespace {

souple::LintResult Lint(const std::string& policy) {
  return souple::LintPolicies({"schema.json", kSchema}, {{"p.souple", policy}});
}

// Codes of the lints, in order; fails when the policy does not compile.
std::vector<std::string> LintCodes(const std::string& policy) {
  const auto r = Lint(policy);
  INFO(r.diagnostics.RenderText());
  REQUIRE(r.compiled);
  CHECK(r.lints == r.diagnostics.items().size());
  return Codes(r.diagnostics);
}

using Codes_ = std::vector<std::string>;

}  // namespace

TEST_CASE("a policy that uses all it declares has no lint", "[lint]") {
  CHECK(LintCodes(Policy("  def a = flag_a == true\n" + Rule("    when a\n    met when flag_b\n"))).empty());
}

TEST_CASE("L001: a definition no rule, scope or definition reads", "[lint]") {
  const std::string policy = Policy("  def unused = flag_a and flag_b\n" + Rule("    met when flag_b\n"));
  const auto r = Lint(policy);
  const auto& d = OnlyDiag(r.diagnostics);
  CHECK(d.code == "L001");
  CHECK(d.severity == souple::Severity::kWarning);
  CHECK(Where(d) == "p.souple:7:7");
  CHECK_THAT(d.message, Catch::Contains("`unused`"));
}

TEST_CASE("L001: a definition read only by another definition is used", "[lint]") {
  CHECK(LintCodes(Policy("  def inner = flag_a\n  def outer = inner and flag_b\n" + Rule("    met when outer\n")))
            .empty());
}

TEST_CASE("L002: a table nobody reads", "[lint]") {
  const std::string table = "  table limits (key id: text, d: duration) {\n    \"x\", 1 years;\n  }\n";
  CHECK(LintCodes(Policy(table + Rule("    met when flag_a\n"))) == Codes_{"L002"});
  CHECK(LintCodes(Policy(table + Rule("    for r in retention\n    met when r.duration <= limits[\"x\"].d\n")))
            .empty());
}

TEST_CASE("L003: a source no rule cites", "[lint]") {
  const std::string policy =
      Policy("  source T { publisher \"CNIL\" title \"Autre\" }\n" + Rule("    met when flag_a\n"));
  const auto r = Lint(policy);
  const auto& d = OnlyDiag(r.diagnostics);
  CHECK(d.code == "L003");
  CHECK_THAT(d.message, Catch::Contains("`T`"));
}

TEST_CASE("L004: the two languages show different facts", "[lint]") {
  CHECK(LintCodes(Policy(Rule("    met when flag_a\n", "r", "valeur {count_a}", "value"))) == Codes_{"L004"});
  // The same facts in another order, or one label per language, are the same facts.
  CHECK(LintCodes(Policy(Rule("    met when flag_a\n", "r", "{count_a} {text_a}", "{text_a}: {count_a}"))).empty());
  CHECK(LintCodes(Policy(Rule("    let label_fr = \"oui\"\n    let label_en = \"yes\"\n    met when flag_a\n", "r",
                              "{label_fr}", "{label_en}")))
            .empty());
}

TEST_CASE("L005: an unverified rule without a note", "[lint]") {
  const auto unverified = [](const std::string& note) {
    return Policy("  rule r {\n    kind recommendation\n    confidence unverified\n    met when flag_a\n"
                  "    cite S \"art. 1\"\n" + note + "    fr \"m\"\n    en \"m\"\n  }\n");
  };
  CHECK(LintCodes(unverified("")) == Codes_{"L005"});
  CHECK(LintCodes(unverified("    note fr \"à vérifier\"\n    note en \"to check\"\n")).empty());
}

TEST_CASE("L006: a condition that reads no fact", "[lint]") {
  const auto r = Lint(Policy(Rule("    when 1 < 2\n    met when flag_a\n")));
  const auto& d = OnlyDiag(r.diagnostics);
  CHECK(d.code == "L006");
  CHECK_THAT(d.message, Catch::Contains("`when` of rule `r`"));
  CHECK(Where(d) == "p.souple:10:12");  // a binary condition is located at its operator
}

TEST_CASE("L007: two rules spell out the same long condition", "[lint]") {
  const std::string cond = "    when flag_a == true and count_a > 3 and text_a != \"x\"\n";
  const auto r = Lint(Policy(Rule(cond + "    met when flag_b\n", "r1") + Rule(cond + "    met when flag_b\n", "r2")));
  const auto& d = OnlyDiag(r.diagnostics);
  CHECK(d.code == "L007");
  CHECK_THAT(d.message, Catch::Contains("rule `r2` repeats a condition of rule `r1`"));
  // Short conditions are left alone: writing them out is clearer than a name.
  CHECK(LintCodes(Policy(Rule("    met when flag_a\n", "r1") + Rule("    met when flag_a\n", "r2"))).empty());
}

TEST_CASE("L007: the same words over different `let` values are different conditions", "[lint]") {
  const auto rule = [](const std::string& id, const std::string& limit) {
    return Rule("    for r in retention\n    let limit = " + limit + " years" +
                    "\n    met when r.category == \"customer\" and r.active == true and r.duration <= limit\n",
                id);
  };
  CHECK(LintCodes(Policy(rule("r1", "1") + rule("r2", "3"))).empty());
  CHECK(LintCodes(Policy(rule("r1", "1") + rule("r2", "1"))) == Codes_{"L007"});
}

TEST_CASE("L008: a rule the policy's own scope excludes", "[lint]") {
  const std::string scope = "  applies to category == \"prospect\" fr \"prospects\" en \"prospects\"\n";
  CHECK(LintCodes(Policy(scope + Rule("    when category == \"customer\"\n    met when flag_a\n"))) ==
        Codes_{"L008"});
  CHECK(LintCodes(Policy(scope + Rule("    when category == \"prospect\"\n    met when flag_a\n"))).empty());
}

TEST_CASE("lint: allow with a reason silences one lint; without a reason it is itself a lint", "[lint]") {
  const std::string rule = Rule("    met when flag_a\n");
  const auto with_reason = Lint(Policy("  // lint: allow L001 kept for the next version of the text\n"
                                       "  def spare = flag_b\n" + rule));
  CHECK(with_reason.diagnostics.items().empty());
  CHECK(with_reason.lints == 0);
  CHECK(with_reason.allowed == 1);

  const auto other_code = Lint(Policy("  // lint: allow L003 not this one\n  def spare = flag_b\n" + rule));
  CHECK(Codes(other_code.diagnostics) == Codes_{"L001"});

  const auto no_reason = Lint(Policy("  // lint: allow L001\n  def spare = flag_b\n" + rule));
  CHECK(Codes(no_reason.diagnostics) == Codes_{"L009", "L001"});
  CHECK(no_reason.lints == 2);
  CHECK(no_reason.allowed == 0);
}

TEST_CASE("lints run only on policies that compile", "[lint]") {
  const auto r = Lint(Policy(Rule("    met when no_such_field\n")));
  CHECK_FALSE(r.compiled);
  CHECK(r.lints == 0);
  REQUIRE_FALSE(r.diagnostics.items().empty());
  CHECK(r.diagnostics.items()[0].severity == souple::Severity::kError);
}
