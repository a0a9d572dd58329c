// SPDX-License-Identifier: Apache-2.0
// souple::Explain: the clause trees, the facts, which clause decided, and why not. The
// expected flips are worked out by hand from the rules' conditions (comments say how).
#include <filesystem>
#include <fstream>
#include <sstream>

#include "souple/bundle.h"
#include "souple/explain.h"
#include "test_support.h"

using namespace souple_test;
namespace fs = std::filesystem;

namespace {

struct Explained {
  std::shared_ptr<const souple::PolicySet> set;
  std::shared_ptr<const souple::Activity> activity;
  souple::ExplainResult result;
};

Explained ExplainOn(const std::string& policy, const std::string& activity, const std::string& rule,
                    const std::string& date = "2024-06-01") {
  Explained out;
  auto compiled = Compile(policy);
  INFO(compiled.diagnostics.RenderText());
  REQUIRE(compiled.policy_set != nullptr);
  out.set = compiled.policy_set;
  auto loaded = souple::LoadActivity(*out.set, {"a.yaml", activity});
  INFO(loaded.diagnostics.RenderText());
  REQUIRE(loaded.activity != nullptr);
  out.activity = loaded.activity;
  souple::ExplainOptions options;
  options.evaluation_date = date;
  options.rule = rule;
  out.result = souple::Explain(*out.set, *out.activity, options);
  return out;
}

// "path: from -> to => status" for each flip, facts joined by " + ".
std::vector<std::string> Flips(const souple::Explanation& x) {
  std::vector<std::string> out;
  REQUIRE(x.why_not.has_value());
  for (const auto& flip : x.why_not->flips) {
    std::string s;
    for (const auto& c : flip.facts) s += (s.empty() ? "" : " + ") + c.path + ": " + c.from + " -> " + c.to;
    out.push_back(s + " => " + flip.status);
  }
  return out;
}

const char* const kRetentionPolicy =
    "  def kept_too_long(x) = x.duration > 3 years\n";

std::string RetentionRule() {
  return Policy(std::string(kRetentionPolicy) +
                Rule("    for x in retention\n"
                     "    when x.category == \"prospect\"\n"
                     "    unless x.justification == \"legal\" because fr \"obligation légale\" en \"legal hold\"\n"
                     "    met when not kept_too_long(x)\n"));
}

const char* const kRetentionActivity =
    "activity: {id: A1}\n"
    "retention:\n"
    "  - {id: A, category: prospect, duration: P5Y}\n"      // line 3
    "  - {id: B, category: customer, duration: P1Y}\n"      // line 4
    "  - {id: C, category: prospect, duration: P2Y, justification: legal}\n";

}  // namespace

TEST_CASE("explain: a rule not met, its clauses, facts and the changes that would make it met", "[explain]") {
  const Explained e = ExplainOn(RetentionRule(), kRetentionActivity, "t.p.r@retention[]{A}");
  REQUIRE(e.result.explanations.size() == 1);
  const souple::Explanation& x = e.result.explanations[0];
  CHECK(x.finding_id == "t.p.r@retention[]{A}");
  CHECK(x.element == "retention[0]");
  CHECK(x.status == "not_met");
  CHECK(x.decided_by == "its `met when` is false");
  // when (true), the exception that could not be decided (justification not stated), met when (false).
  REQUIRE(x.clauses.size() == 3);
  CHECK(x.clauses[0].clause == "when");
  CHECK(x.clauses[0].expr.value == "true");
  CHECK(x.clauses[1].clause == "unless");
  CHECK(x.clauses[1].exception == 1);
  CHECK(x.clauses[1].because_en == "legal hold");
  CHECK(x.clauses[1].expr.value == "unknown");
  CHECK(x.clauses[1].expr.unknown_because == "retention[0].justification is not stated");
  const souple::ExplainedExpr& met = x.clauses[2].expr;
  CHECK(met.expression == "not (kept_too_long(x))");
  CHECK(met.value == "false");
  // The definition is named, its body given, and the fact read inside it located.
  REQUIRE(met.parts.size() == 1);
  const souple::ExplainedExpr& use = met.parts[0];
  CHECK(use.expression == "kept_too_long(x)");
  CHECK(use.definition == "x.duration > 3 years");
  CHECK(use.value == "true");
  REQUIRE(use.parts.size() == 1);  // the body; the argument `x` (a record) is not listed
  CHECK(use.parts[0].expression == "x.duration > 3 years");
  REQUIRE(use.parts[0].parts.size() == 1);  // the constant is written in its parent
  CHECK(use.parts[0].parts[0].fact == "retention[0].duration");
  CHECK(use.parts[0].parts[0].value == "P5Y");
  CHECK(use.parts[0].parts[0].fact_location == "a.yaml:3:43");  // the value P5Y
  CHECK(use.parts[0].location == "p.souple:7:37");  // the body's `>`, on the def's line 7
  REQUIRE(x.facts.size() == 2);
  CHECK(x.facts[0].path == "retention[0].category");
  CHECK(x.facts[1].path == "retention[0].duration");
  // Stating the justification could exempt it: the report asks it too.
  CHECK(x.missing == std::vector<std::string>{"retention[0].justification"});
  // By hand: met when duration <= 3 years: the limit and the month below it; other
  // outcomes once per fact: another category makes the rule not apply, a "legal"
  // justification exempts it. The month above the limit changes nothing.
  REQUIRE(x.why_not.has_value());
  CHECK(x.why_not->goal == "met");
  CHECK(Flips(x) == std::vector<std::string>{
                        "retention[0].duration: P5Y -> P3Y => met",
                        "retention[0].duration: P5Y -> P2Y11M => met",
                        "retention[0].category: prospect -> customer => not_applicable",
                        "retention[0].justification: (not stated) -> legal => exempted",
                    });
}

TEST_CASE("explain: every element of a rule, not applicable and exempted ones included", "[explain]") {
  const Explained e = ExplainOn(RetentionRule(), kRetentionActivity, "t.p.r");
  REQUIRE(e.result.explanations.size() == 3);
  const souple::Explanation& b = e.result.explanations[1];
  CHECK(b.finding_id == "t.p.r@retention[]{B}");
  CHECK(b.status == "not_applicable");
  REQUIRE(b.clauses.size() == 1);
  CHECK(b.clauses[0].clause == "when");
  CHECK(b.clauses[0].expr.value == "false");
  // A prospect's one year is within the limit, and nothing exempts it: met.
  CHECK(b.why_not->goal == "applies");
  CHECK(Flips(b) == std::vector<std::string>{"retention[1].category: customer -> prospect => met"});
  const souple::Explanation& c = e.result.explanations[2];
  CHECK(c.status == "exempted");
  CHECK(c.decided_by == "exception 1 (`unless`) holds: legal hold");
  CHECK(c.decided_by_fr == "l'exception 1 (`unless`) est établie : obligation légale");
  REQUIRE(c.clauses.size() == 2);  // met when is never evaluated
  CHECK(c.why_not->goal == "not_exempted");
  CHECK(Flips(c) == std::vector<std::string>{"retention[2].category: prospect -> customer => not_applicable"});
  // The element can also be named by its path.
  const Explained by_path = ExplainOn(RetentionRule(), kRetentionActivity, "t.p.r@retention[2]");
  REQUIRE(by_path.result.explanations.size() == 1);
  CHECK(by_path.result.explanations[0].status == "exempted");
}

TEST_CASE("explain: an undecided rule needs two facts to be met", "[explain]") {
  const Explained e = ExplainOn(Policy(Rule("    met when flag_a and flag_b\n")), "activity: {id: A1}\n", "t.p.r");
  REQUIRE(e.result.explanations.size() == 1);
  const souple::Explanation& x = e.result.explanations[0];
  CHECK(x.status == "unknown");
  CHECK(x.missing == std::vector<std::string>{"flag_a", "flag_b"});
  // By hand: either fact false decides it (not met); it is met only when both are true, a
  // pair, found because no single change gives "met".
  CHECK(x.why_not->goal == "decided");
  CHECK(Flips(x) == std::vector<std::string>{
                        "flag_a: (not stated) -> true + flag_b: (not stated) -> true => met",
                        "flag_a: (not stated) -> false => not_met",
                        "flag_b: (not stated) -> false => not_met",
                    });
  CHECK(x.why_not->exhaustive);
}

TEST_CASE("explain: a policy out of scope is explained by its scope", "[explain]") {
  const std::string policy = Policy("  applies to category == \"employee\" fr \"salariés\" en \"employees\"\n" +
                                    Rule("    met when flag_a\n"));
  const Explained e = ExplainOn(policy, "activity: {id: A1}\ncategory: prospect\nflag_a: true\n", "t.p.r");
  REQUIRE(e.result.explanations.size() == 1);
  const souple::Explanation& x = e.result.explanations[0];
  CHECK(x.status == "out_of_scope");
  CHECK(x.decided_by == "its policy does not apply to this activity (scope: employees)");
  REQUIRE(x.clauses.size() == 1);
  CHECK(x.clauses[0].clause == "applies_to");
  CHECK(x.why_not->goal == "in_scope");
  CHECK(Flips(x) == std::vector<std::string>{"category: prospect -> employee => in_scope"});
  // In scope, the explanation starts with the scope, then the rule's own clauses.
  const Explained in = ExplainOn(policy, "activity: {id: A1}\ncategory: employee\nflag_a: true\n", "t.p.r");
  REQUIRE(in.result.explanations.size() == 1);
  CHECK(in.result.explanations[0].status == "met");
  REQUIRE(in.result.explanations[0].clauses.size() == 2);
  CHECK(in.result.explanations[0].clauses[0].clause == "applies_to");
  CHECK(in.result.explanations[0].clauses[1].clause == "met_when");
}

TEST_CASE("explain: a rule not in force on the date says when it is", "[explain]") {
  const Explained e = ExplainOn(Policy(Rule("    effective 2025-01-01\n    met when flag_a\n")),
                                "activity: {id: A1}\nflag_a: true\n", "t.p.r");
  REQUIRE(e.result.explanations.size() == 1);
  CHECK(e.result.explanations[0].status == "not_in_force");
  CHECK(e.result.explanations[0].decided_by == "the rule is in force from 2025-01-01, not on 2024-06-01");
  CHECK(e.result.explanations[0].clauses.empty());
}

TEST_CASE("explain: an unknown rule or element is a coded error with a suggestion", "[explain]") {
  const Explained rule = ExplainOn(RetentionRule(), kRetentionActivity, "t.p.rr");
  CHECK(rule.result.explanations.empty());
  const souple::Diagnostic& d = OnlyDiag(rule.result.diagnostics);
  CHECK(d.code == "E3001");
  CHECK(d.help == std::vector<std::string>{"did you mean `t.p.r`?"});
  const Explained element = ExplainOn(RetentionRule(), kRetentionActivity, "t.p.r@retention[]{Z}");
  CHECK(element.result.explanations.empty());
  const souple::Diagnostic& d2 = OnlyDiag(element.result.diagnostics);
  CHECK(d2.code == "E3002");
  CHECK(d2.location.file == "a.yaml");
  CHECK(d2.help == std::vector<std::string>{"did you mean `retention[]{A}`?"});
}

TEST_CASE("explain: a quantifier's bodies are listed up to the bound, the rest counted", "[explain]") {
  std::string activity = "activity: {id: A1}\ntags:\n";
  for (int i = 0; i < 30; ++i) activity += "  - t" + std::to_string(i) + "\n";
  const Explained e = ExplainOn(Policy(Rule("    met when some t in tags satisfies t == \"zz\"\n")), activity, "t.p.r");
  const souple::ExplainedExpr& some = e.result.explanations.at(0).clauses.at(0).expr;
  CHECK(some.value == "false");
  // The list itself, then 25 bodies (kMaxIterations) for t0 ... t24; five more counted.
  REQUIRE(some.parts.size() == 26);
  CHECK(some.parts[0].fact == "tags");
  CHECK(some.parts[1].element == "tags[0]");
  CHECK(some.parts[25].element == "tags[24]");
  CHECK(some.omitted == 5);
}

// The explanation decides as the evaluation does: on every bundled example, every finding's
// status is the one Explain gives for its id (the scope's finding: scope_unknown).
TEST_CASE("explain agrees with Evaluate on every finding of the bundled examples", "[explain]") {
  souple::LoadOptions load;
  load.data_root = SOUPLE_SOURCE_DIR;
  const souple::CompileResult compiled = souple::LoadBundled(load);
  REQUIRE(compiled.policy_set != nullptr);
  size_t checked = 0;
  for (const auto& entry : fs::directory_iterator(fs::path(SOUPLE_SOURCE_DIR) / "examples")) {
    if (entry.path().extension() != ".yaml") continue;
    std::ifstream in(entry.path());
    std::stringstream text;
    text << in.rdbuf();
    const auto loaded = souple::LoadActivity(*compiled.policy_set, {entry.path().filename().string(), text.str()});
    INFO(entry.path());
    REQUIRE(loaded.activity != nullptr);
    const souple::Report report = souple::Evaluate(*compiled.policy_set, *loaded.activity, {"2026-06-01"});
    for (const auto& f : report.findings) {
      souple::ExplainOptions options;
      options.evaluation_date = "2026-06-01";
      const bool scope = f.id.size() > 6 && f.id.compare(f.id.size() - 6, 6, ":scope") == 0;
      // A scope's finding is named after the policy: explain its first rule.
      if (scope) {
        for (const auto& p : compiled.policy_set->policies()) {
          if (p.id == f.policy_id && p.version == f.policy_version && !p.rules.empty()) options.rule = p.rules[0].id;
        }
      } else {
        options.rule = f.id;
      }
      options.why_not = false;
      const souple::ExplainResult x = souple::Explain(*compiled.policy_set, *loaded.activity, options);
      INFO(f.id);
      REQUIRE(x.explanations.size() == 1);
      CHECK(x.explanations[0].status == (scope ? "scope_unknown" : f.status));
      ++checked;
    }
  }
  CHECK(checked > 1000);
}
