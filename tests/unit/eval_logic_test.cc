// SPDX-License-Identifier: Apache-2.0
// eval/: expression semantics, one construct per TEST_CASE, through the public API:
// each condition is evaluated as `met when <condition>` (see souple_test::Truth).
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {
// Kleene three-valued logic, straight from the spec, as the reference.
enum class K { T, F, U };
const char* Name(K k) { return k == K::T ? "true" : k == K::F ? "false" : "unknown"; }
K And(K a, K b) { return a == K::F || b == K::F ? K::F : a == K::U || b == K::U ? K::U : K::T; }
K Or(K a, K b) { return a == K::T || b == K::T ? K::T : a == K::U || b == K::U ? K::U : K::F; }
K Not(K a) { return a == K::T ? K::F : a == K::F ? K::T : K::U; }
K Implies(K a, K b) { return Or(Not(a), b); }

std::string Fact(const char* name, K k) {
  if (k == K::U) return "";
  return std::string(name) + ": " + (k == K::T ? "true" : "false") + "\n";
}
std::string Activity(K a, K b) {
  const std::string text = Fact("flag_a", a) + Fact("flag_b", b);
  return text.empty() ? "{}" : text;
}
const K kAll[] = {K::T, K::F, K::U};
}  // namespace

TEST_CASE("and / or / implies follow three-valued logic", "[eval]") {
  for (K a : kAll) {
    for (K b : kAll) {
      const std::string act = Activity(a, b);
      INFO("flag_a=" << Name(a) << " flag_b=" << Name(b));
      CHECK(Truth("flag_a and flag_b", act) == Name(And(a, b)));
      CHECK(Truth("flag_a or flag_b", act) == Name(Or(a, b)));
      CHECK(Truth("flag_a implies flag_b", act) == Name(Implies(a, b)));
    }
  }
}

TEST_CASE("not follows three-valued logic", "[eval]") {
  for (K a : kAll) {
    INFO("flag_a=" << Name(a));
    CHECK(Truth("not flag_a", Activity(a, K::U)) == Name(Not(a)));
    CHECK(Truth("not not flag_a", Activity(a, K::U)) == Name(a));
  }
}

TEST_CASE("An unknown result remembers every missing field it depends on", "[eval]") {
  const auto both = Only(Run(Policy(Rule("    met when flag_a and flag_b\n")), "{}"));
  CHECK(both.status == "unknown");
  CHECK(both.missing == std::vector<std::string>{"flag_a", "flag_b"});
  CHECK(both.unknown_reason.empty());
  // false wins: nothing is missing for a decided result.
  const auto decided = Only(Run(Policy(Rule("    met when flag_a and flag_b\n")), "flag_b: false\n"));
  CHECK(decided.status == "not_met");
  CHECK(decided.missing.empty());
}

TEST_CASE("Missing facts that did not affect a decided value are not listed", "[eval]") {
  // `flag_a or flag_b` is true whatever flag_a is: only count_a would decide the rule.
  const auto report = Run(Policy(Rule("    when flag_a or flag_b\n    met when count_a > 1\n")),
                          "flag_b: true\n");
  const auto& f = Only(report);
  CHECK(f.status == "unknown");
  CHECK(f.missing == std::vector<std::string>{"count_a"});
  REQUIRE(report.questions.size() == 1);
  CHECK(report.questions[0].field == "count_a");
  // `some` is true thanks to R2: R1's missing flag does not matter.
  const auto some = Only(Run(Policy(Rule("    met when (some r in retention satisfies r.active) and count_a > 1\n")),
                             "retention:\n  - {id: R1}\n  - {id: R2, active: true}\n"));
  CHECK(some.status == "unknown");
  CHECK(some.missing == std::vector<std::string>{"count_a"});
  // known() is never unknown and needs nothing.
  const auto known = Only(Run(Policy(Rule("    when not known(flag_a)\n    met when count_a > 1\n")), "{}"));
  CHECK(known.missing == std::vector<std::string>{"count_a"});
  // A `let` evaluated once still contributes its missing facts wherever it is undecided.
  const auto let = Only(Run(Policy(Rule("    let x = flag_a\n    when x or flag_b\n    met when x and count_a > 1\n")),
                            "flag_b: true\n"));
  CHECK(let.status == "unknown");
  CHECK(let.missing == std::vector<std::string>{"flag_a", "count_a"});
}

TEST_CASE("Comparisons of ints, texts, enums, dates and durations", "[eval]") {
  const std::string act =
      "count_a: 3\ntext_a: abc\ncategory: customer\nstart: 2024-01-31\nspan: P1Y6M\n";
  CHECK(Truth("count_a == 3", act) == "true");
  CHECK(Truth("count_a != 3", act) == "false");
  CHECK(Truth("count_a < 3", act) == "false");
  CHECK(Truth("count_a <= 3", act) == "true");
  CHECK(Truth("count_a > 2", act) == "true");
  CHECK(Truth("count_a >= 4", act) == "false");
  CHECK(Truth("-count_a < 0", act) == "true");
  CHECK(Truth("count_a + 2 == 5", act) == "true");
  CHECK(Truth("count_a - 5 == -2", act) == "true");
  CHECK(Truth("text_a == \"abc\"", act) == "true");
  CHECK(Truth("text_a != \"abd\"", act) == "true");
  CHECK(Truth("category == \"customer\"", act) == "true");
  CHECK(Truth("category != \"prospect\"", act) == "true");
  CHECK(Truth("start < 2024-02-01", act) == "true");
  CHECK(Truth("start >= 2024-02-01", act) == "false");
  CHECK(Truth("start == 2024-01-31", act) == "true");
  CHECK(Truth("span == 18 months", act) == "true");
  CHECK(Truth("span > 1 year", act) == "true");
  CHECK(Truth("span < 2 years", act) == "true");
  // 1 year 6 months lasts 533 to 552 days.
  CHECK(Truth("span > 532 days", act) == "true");
  CHECK(Truth("span < 553 days", act) == "true");
  CHECK(Truth("span > 600 days", act) == "false");
  CHECK(Truth("span < 540 days", act) == "unknown");
}

TEST_CASE("Comparisons with a missing operand are unknown", "[eval]") {
  CHECK(Truth("count_a > 2", "{}") == "unknown");
  CHECK(Truth("text_a == \"x\"", "{}") == "unknown");
  CHECK(Truth("text_a != \"x\"", "{}") == "unknown");
  CHECK(Truth("start < 2024-01-01", "end: null\n") == "unknown");
  CHECK(Truth("end == start", "start: 2024-01-01\nend: null\n") == "unknown");
}

TEST_CASE("in and not in, with list literals and list fields", "[eval]") {
  const std::string act = "category: customer\ntext_a: b\ntags: [a, b]\ncategories: [prospect]\n";
  CHECK(Truth("category in [\"prospect\", \"customer\"]", act) == "true");
  CHECK(Truth("category not in [\"prospect\", \"customer\"]", act) == "false");
  CHECK(Truth("category in [\"prospect\"]", act) == "false");
  CHECK(Truth("category not in [\"prospect\"]", act) == "true");
  CHECK(Truth("\"a\" in tags", act) == "true");
  CHECK(Truth("text_a in tags", act) == "true");
  CHECK(Truth("\"z\" in tags", act) == "false");
  CHECK(Truth("\"z\" not in tags", act) == "true");
  CHECK(Truth("\"prospect\" in categories", act) == "true");
  CHECK(Truth("3 in [1, 2, 3]", act) == "true");
  CHECK(Truth("\"a\" in tags", "tags: []\n") == "false");
  // Unknown needle, unknown list, unknown element.
  CHECK(Truth("category in [\"prospect\"]", "{}") == "unknown");
  CHECK(Truth("\"a\" in tags", "{}") == "unknown");
  CHECK(Truth("\"a\" not in tags", "{}") == "unknown");
  CHECK(Truth("\"z\" in tags", "tags: [a, null]\n") == "unknown");
  CHECK(Truth("\"a\" in tags", "tags: [a, null]\n") == "true");
}

TEST_CASE("some / every over elements with unknown values", "[eval]") {
  const std::string some = "some r in retention satisfies r.active";
  const std::string every = "every r in retention satisfies r.active";
  const std::string false_unknown = "retention:\n  - {id: R1, active: false}\n  - {id: R2}\n";
  const std::string true_unknown = "retention:\n  - {id: R1, active: true}\n  - {id: R2}\n";
  const std::string all_true = "retention:\n  - {id: R1, active: true}\n  - {id: R2, active: true}\n";
  const std::string all_false = "retention:\n  - {id: R1, active: false}\n  - {id: R2, active: false}\n";
  CHECK(Truth(some, false_unknown) == "unknown");
  CHECK(Truth(some, true_unknown) == "true");
  CHECK(Truth(some, all_false) == "false");
  CHECK(Truth(some, "retention: []\n") == "false");
  CHECK(Truth(some, "{}") == "unknown");
  CHECK(Truth(every, false_unknown) == "false");
  CHECK(Truth(every, true_unknown) == "unknown");
  CHECK(Truth(every, all_true) == "true");
  CHECK(Truth(every, "retention: []\n") == "true");
  CHECK(Truth("some t in tags satisfies starts_with(t, \"ab\")", "tags: [x, abc]\n") == "true");
  const auto f = Only(Run(Policy(Rule("    met when " + some + "\n")), false_unknown));
  CHECK(f.missing == std::vector<std::string>{"retention[1].active"});
}

TEST_CASE("count x in L where c, and count(L)", "[eval]") {
  const std::string act = "retention:\n  - {id: R1, active: true}\n  - {id: R2, active: false}\n"
                          "  - {id: R3, active: true}\ntags: [a, b]\n";
  CHECK(Truth("(count r in retention where r.active) == 2", act) == "true");
  CHECK(Truth("(count r in retention where not r.active) == 1", act) == "true");
  CHECK(Truth("(count r in retention where r.id == \"none\") == 0", act) == "true");
  CHECK(Truth("count(retention) == 3", act) == "true");
  CHECK(Truth("count(tags) == 2", act) == "true");
  CHECK(Truth("count(tags) == 0", "tags: []\n") == "true");
  CHECK(Truth("(count r in retention where r.active) >= 1",
              "retention:\n  - {id: R1, active: true}\n  - {id: R2}\n") == "unknown");
  CHECK(Truth("count(tags) > 0", "{}") == "unknown");
}

TEST_CASE("first x in L where c: the element, unknown when none matches", "[eval]") {
  const std::string act = "retention:\n  - {id: R1, active: false}\n  - {id: R2, active: true}\n"
                          "  - {id: R3, active: true}\n";
  CHECK(Truth("(first r in retention where r.active).id == \"R2\"", act) == "true");
  CHECK(Truth("(first r in retention where r.id == \"R3\").active", act) == "true");
  const auto none = Only(Run(
      Policy(Rule("    met when (first r in retention where r.id == \"R9\").active\n")), act));
  CHECK(none.status == "unknown");
  CHECK(none.missing.empty());
  CHECK(none.unknown_reason ==
        "no list element matches a `first ... where` lookup (check identifiers that refer to each other)");
  // An undecided element before the match leaves "the first" undecided.
  CHECK(Truth("(first r in retention where r.active).id == \"R2\"",
              "retention:\n  - {id: R1}\n  - {id: R2, active: true}\n") == "unknown");
}

TEST_CASE("if then else", "[eval]") {
  CHECK(Truth("(if flag_a then count_a else 0) == 5", "flag_a: true\ncount_a: 5\n") == "true");
  CHECK(Truth("(if flag_a then count_a else 0) == 0", "flag_a: false\n") == "true");
  CHECK(Truth("(if flag_a then 1 else 2) == 1", "{}") == "unknown");
  CHECK(Truth("if flag_a then flag_b else true", "flag_a: false\n") == "true");
  CHECK(Truth("if flag_a then flag_b else true", "flag_a: true\n") == "unknown");
}

TEST_CASE("Date and duration arithmetic follows the calendar", "[eval]") {
  CHECK(Truth("start + 1 month == 2024-02-29", "start: 2024-01-31\n") == "true");
  CHECK(Truth("start + 1 month == 2023-02-28", "start: 2023-01-31\n") == "true");
  CHECK(Truth("start + 1 year == 2025-02-28", "start: 2024-02-29\n") == "true");
  CHECK(Truth("start - 1 month == 2024-02-29", "start: 2024-03-31\n") == "true");
  CHECK(Truth("start + span == 2027-01-31", "start: 2024-01-31\nspan: P3Y\n") == "true");
  CHECK(Truth("start + 30 days == 2024-03-01", "start: 2024-01-31\n") == "true");
  CHECK(Truth("2024-03-01 - start == 29 days", "start: 2024-02-01\n") == "true");
  CHECK(Truth("span + 6 months == 2 years", "span: P18M\n") == "true");
  CHECK(Truth("start + span < evaluation_date()", "start: 2020-01-01\nspan: P3Y\n") == "true");
  CHECK(Truth("evaluation_date() == 2024-06-01", "{}") == "true");
  CHECK(Truth("start + 1 month > 2024-01-01", "{}") == "unknown");
}

TEST_CASE("Undecidable duration comparisons are unknown with a reason", "[eval]") {
  const auto f = Only(Run(Policy(Rule("    met when span <= 30 days\n")), "span: P1M\n"));
  CHECK(f.status == "unknown");
  CHECK(f.missing.empty());
  CHECK(f.unknown_reason == "a month-based and a day-based duration cannot be compared exactly");
  CHECK(Truth("span < 32 days", "span: P1M\n") == "true");
  CHECK(Truth("span > 360 days", "span: P1Y\n") == "true");
  CHECK(Truth("span == 36 months", "span: P3Y\n") == "true");
  CHECK(Truth("span <= 3 years", "span: P36M\n") == "true");
  CHECK(Truth("span >= 365 days", "span: P1Y\n") == "unknown");
}

TEST_CASE("known(), starts_with(), contains()", "[eval]") {
  CHECK(Truth("known(flag_a)", "{}") == "false");
  CHECK(Truth("known(flag_a)", "flag_a: null\n") == "false");
  CHECK(Truth("known(flag_a)", "flag_a: false\n") == "true");
  CHECK(Truth("known(retention)", "retention: []\n") == "true");
  CHECK(Truth("starts_with(text_a, \"ab\")", "text_a: abc\n") == "true");
  CHECK(Truth("starts_with(text_a, \"bc\")", "text_a: abc\n") == "false");
  CHECK(Truth("contains(text_a, \"bc\")", "text_a: abc\n") == "true");
  CHECK(Truth("contains(text_a, \"x\")", "text_a: abc\n") == "false");
  CHECK(Truth("contains(text_a, \"x\")", "{}") == "unknown");
  CHECK(Truth("starts_with(category, \"cust\")", "category: customer\n") == "true");
}
