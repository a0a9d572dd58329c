// SPDX-License-Identifier: Apache-2.0
// sema/: name resolution, typing and the E2xxx diagnostics, through CompilePolicies.
// Policy() puts its items on line 7; Rule() puts its first clause on line 10.
#include <catch2/catch.hpp>

#include <set>

#include "test_support.h"

using namespace souple_test;

namespace {
/// Compiles and returns the diagnostics; the policy set must be null when any is an error.
souple::Diagnostics Errors(const std::string& policy) {
  auto r = Compile(policy);
  CHECK(r.policy_set == nullptr);
  return r.diagnostics;
}
souple::Diagnostic OnlyError(const std::string& policy) {
  const souple::Diagnostics diags = Errors(policy);
  return OnlyDiag(diags);
}
}  // namespace

TEST_CASE("A well-formed policy compiles and is summarised", "[checker]") {
  auto r = Compile(Policy(Rule("    when flag_a\n    met when count_a > 2\n"), "t.p", "2021.1",
                          "effective 2022-04-10\n  until 2030-12-31"));
  INFO(r.diagnostics.RenderText());
  REQUIRE(r.policy_set != nullptr);
  CHECK(r.diagnostics.items().empty());
  REQUIRE(r.policy_set->policies().size() == 1);
  const auto& info = r.policy_set->policies()[0];
  CHECK(info.id == "t.p");
  CHECK(info.version == "2021.1");
  CHECK(info.status == "final");
  CHECK(info.effective == "2022-04-10");
  CHECK(info.until == "2030-12-31");
  CHECK(info.file == "p.souple");
  CHECK(info.title_fr == "Titre");
  CHECK(info.title_en == "Title");
  CHECK(info.rule_count == 1);
  CHECK(info.content_hash.size() == 64);
  CHECK(r.policy_set->hash().size() == 64);
}

TEST_CASE("Unknown field: E2005 at the field name with a suggestion", "[checker]") {
  const auto& d = OnlyError(Policy(Rule("    met when activity.nme == \"x\"\n")));
  CHECK(d.code == "E2005");
  CHECK(Where(d) == "p.souple:10:23");
  CHECK(d.location.end_column == 25);
  CHECK(d.message == "unknown field `nme` in record `activity`");
  CHECK(d.help == std::vector<std::string>{"did you mean `name`?"});
}

TEST_CASE("Unknown field of a list element record", "[checker]") {
  const auto& d = OnlyError(Policy(Rule("    for r in retention\n    met when r.duraton > 1 year\n")));
  CHECK(d.code == "E2005");
  CHECK(Where(d) == "p.souple:11:16");
  CHECK(d.help == std::vector<std::string>{"did you mean `duration`?"});
}

TEST_CASE("Unknown enum value: E2007 at the literal with a suggestion", "[checker]") {
  SECTION("compared with ==") {
    const auto& d = OnlyError(Policy(Rule("    when category == \"prospec\"\n")));
    CHECK(d.code == "E2007");
    CHECK(Where(d) == "p.souple:10:22");
    CHECK(d.help == std::vector<std::string>{"did you mean `prospect`?"});
  }
  SECTION("literal on the left") {
    const auto& d = OnlyError(Policy(Rule("    when \"custmer\" != category\n")));
    CHECK(d.code == "E2007");
    CHECK(Where(d) == "p.souple:10:10");
    CHECK(d.help == std::vector<std::string>{"did you mean `customer`?"});
  }
  SECTION("in a list literal") {
    const auto& d = OnlyError(Policy(Rule("    when category in [\"prospect\", \"employe\"]\n")));
    CHECK(d.code == "E2007");
    CHECK(d.help == std::vector<std::string>{"did you mean `employee`?"});
  }
  SECTION("looked up in a list of enums") {
    const auto& d = OnlyError(Policy(Rule("    when \"prospekt\" in categories\n")));
    CHECK(d.code == "E2007");
    CHECK(d.help == std::vector<std::string>{"did you mean `prospect`?"});
  }
}

TEST_CASE("Type mismatches: E2006", "[checker]") {
  SECTION("int == text, at the operator") {
    const auto& d = OnlyError(Policy(Rule("    when count_a == \"x\"\n")));
    CHECK(d.code == "E2006");
    CHECK(Where(d) == "p.souple:10:18");
    CHECK(d.message == "cannot apply `==` to int and text");
  }
  SECTION("a non-bool condition") {
    const auto& d = OnlyError(Policy(Rule("    when count_a\n")));
    CHECK(d.code == "E2006");
    CHECK(Where(d) == "p.souple:10:10");
    CHECK(d.message == "`when` must be a condition (bool), found int");
  }
  SECTION("ordering texts") {
    CHECK(OnlyError(Policy(Rule("    when text_a < \"b\"\n"))).code == "E2006");
  }
  SECTION("duration compared with int") {
    CHECK(OnlyError(Policy(Rule("    met when span > 3\n"))).code == "E2006");
  }
  SECTION("date + int") {
    CHECK(OnlyError(Policy(Rule("    met when start + 1 > start\n"))).code == "E2006");
  }
  SECTION("a field of a list") {
    const auto& d = OnlyError(Policy(Rule("    met when retention.duration > 1 year\n")));
    CHECK(d.code == "E2006");
    CHECK(d.help.size() == 1);
  }
  SECTION("mixed list literal") {
    CHECK(OnlyError(Policy(Rule("    when count_a in [1, \"a\"]\n"))).code == "E2006");
  }
  SECTION("`for` over a non-list") {
    const auto& d = OnlyError(Policy(Rule("    for x in count_a\n")));
    CHECK(d.code == "E2006");
    CHECK(d.message == "`for` must range over a list, found int");
  }
  SECTION("if branches differ") {
    CHECK(OnlyError(Policy(Rule("    met when (if flag_a then 1 else \"x\") == 1\n"))).code == "E2006");
  }
}

TEST_CASE("Unknown names and functions: E2004", "[checker]") {
  SECTION("a root name with a suggestion") {
    const auto& d = OnlyError(Policy(Rule("    when flag_c\n")));
    CHECK(d.code == "E2004");
    CHECK(Where(d) == "p.souple:10:10");
    CHECK(d.message == "unknown name `flag_c`");
    CHECK(d.help == std::vector<std::string>{"did you mean `flag_a`?"});
  }
  SECTION("nothing close") {
    const auto& d = OnlyError(Policy(Rule("    when zzzzzzzz\n")));
    CHECK(d.code == "E2004");
    // No guess: the help lists the root names an expression can start from.
    REQUIRE(d.help.size() == 1);
    CHECK_THAT(d.help[0], Catch::StartsWith("an expression starts from a root field of the activity ("));
    CHECK_THAT(d.help[0], Catch::Contains("`flag_a`"));
  }
  SECTION("an unknown function") {
    const auto& d = OnlyError(Policy(Rule("    when knwn(flag_a)\n")));
    CHECK(d.code == "E2004");
    CHECK(d.help == std::vector<std::string>{"did you mean `known`?"});
  }
  SECTION("a placeholder naming nothing") {
    const auto& d = OnlyError(Policy(Rule("", "r", "valeur {nope}")));
    CHECK(d.code == "E2004");
    CHECK(d.location.line == 11);
  }
  SECTION("a loop variable out of its scope") {
    CHECK(OnlyError(Policy(Rule("    when some x in tags satisfies x == \"a\"\n    met when x == \"a\"\n")))
              .code == "E2004");
  }
}

TEST_CASE("Sources and citations", "[checker]") {
  const std::string items =
      "  source T { publsher \"X\" title \"Y\" status finale }\n"         // 7
      "  source U { title \"no publisher\" }\n"                          // 8
      "  rule r {\n"                                                     // 9
      "    kind obligation\n"
      "    confidence confirmed\n"
      "    cite Q \"x\"\n"                                               // 12
      "    cite S\n"                                                     // 13
      "    fr \"m\"\n"
      "    en \"m\"\n"
      "  }\n";
  const auto diags = Errors(Policy(items));
  std::set<std::string> got;
  for (const auto& d : diags.items()) got.insert(d.code + " " + Where(d));
  CHECK(got == std::set<std::string>{
                   "E2009 p.souple:7:14",  // unknown source field `publsher`
                   "E2008 p.souple:7:10",  // ... so T has no publisher
                   "E2009 p.souple:7:37",  // status finale
                   "E2008 p.souple:8:10",  // U has no publisher
                   "E2011 p.souple:12:10", // unknown source Q
                   "E2008 p.souple:13:10", // citation without a section
               });
  for (const auto& d : diags.items()) {
    if (d.code == "E2009" && d.location.column == 14) {
      CHECK(d.help == std::vector<std::string>{"did you mean `publisher`?"});
    }
    if (d.code == "E2011") CHECK(d.message == "unknown source `Q`");
  }
}

TEST_CASE("Missing rule clauses: E2008 for kind, confidence, cite and messages", "[checker]") {
  const auto diags = Errors(Policy("  rule bare {\n  }\n"));
  std::set<std::string> messages;
  for (const auto& d : diags.items()) {
    CHECK(d.code == "E2008");
    CHECK(Where(d) == "p.souple:7:8");
    messages.insert(d.message);
  }
  CHECK(messages == std::set<std::string>{"rule `bare` has no `kind`",
                                          "rule `bare` has no `confidence`",
                                          "rule `bare` cites no source",
                                          "rule `bare` has no French message"});
  const auto& en = OnlyError(Policy(
      "  rule r {\n    kind obligation\n    confidence confirmed\n    cite S \"1\"\n    fr \"m\"\n  }\n"));
  CHECK(en.code == "E2008");
  CHECK(en.message == "rule `r` has no English message");
}

TEST_CASE("Invalid kind and confidence: E2009 with a suggestion", "[checker]") {
  const auto& k = OnlyError(Policy(Rule("", "r", "m", "m", "obligaton")));
  CHECK(k.code == "E2009");
  CHECK(Where(k) == "p.souple:8:10");
  CHECK(k.help == std::vector<std::string>{"did you mean `obligation`?"});
  const auto& c = OnlyError(Policy(
      "  rule r {\n    kind formality\n    confidence confirmd\n    cite S \"1\"\n    fr \"m\"\n    en \"m\"\n  }\n"));
  CHECK(c.code == "E2009");
  CHECK(Where(c) == "p.souple:9:16");
  CHECK(c.help == std::vector<std::string>{"did you mean `confirmed`?"});
}

TEST_CASE("Duplicate rule E2002 and duplicate policy E2001", "[checker]") {
  const auto& d = OnlyError(Policy(Rule("") + Rule("")));
  CHECK(d.code == "E2002");
  CHECK(Where(d) == "p.souple:14:8");

  auto r = Compile({{"a.souple", Policy(Rule(""))}, {"b.souple", Policy(Rule(""))}});
  CHECK(r.policy_set == nullptr);
  const auto& p = OnlyDiag(r.diagnostics);
  CHECK(p.code == "E2001");
  CHECK(Where(p) == "b.souple:1:8");

  // Two versions of one policy are distinct policies ...
  auto ok = Compile({{"a.souple", Policy(Rule(""))},
                     {"b.souple", Policy(Rule(""), "t.p", "2", "effective 2021-01-01")}});
  INFO(ok.diagnostics.RenderText());
  CHECK(ok.policy_set != nullptr);
  // ... but not when both take effect the same day: nothing would say which applies.
  auto same_day = Compile({{"a.souple", Policy(Rule(""))}, {"b.souple", Policy(Rule(""), "t.p", "2")}});
  CHECK(same_day.policy_set == nullptr);
  CHECK(OnlyDiag(same_day.diagnostics).code == "E2021");
  CHECK(OnlyDiag(same_day.diagnostics).message == "versions `1` and `2` of `t.p` take effect on the same date");
}

TEST_CASE("Unused definitions are checked too", "[checker]") {
  auto r = Compile(Policy("  def unused(x) = x.nothing and nosuchname\n" + Rule("")));
  CHECK(r.policy_set == nullptr);
  const auto& d = OnlyDiag(r.diagnostics);
  CHECK(d.code == "E2004");
  CHECK(d.message == "unknown name `nosuchname`");
}

TEST_CASE("Imports: unknown module E2012, clashes E2003, imported sources", "[checker]") {
  const std::string module = "module common.gdpr {\n  source gdpr { publisher \"EU\" title \"GDPR\" }\n"
                             "  def adult = count_a >= 18\n}\n";
  SECTION("unknown module") {
    auto r = Compile({{"m.souple", module}, {"p.souple", Policy(Rule(""), "t.p", "1",
                                                                "effective 2020-01-01\n  import common.gdrp")}});
    const auto& d = OnlyDiag(r.diagnostics);
    CHECK(d.code == "E2012");
    CHECK(Where(d) == "p.souple:6:10");
    CHECK(d.help == std::vector<std::string>{"did you mean `common.gdpr`?"});
  }
  SECTION("imported source and def resolve") {
    const std::string items =
        "  rule r {\n    kind obligation\n    confidence confirmed\n    when adult\n"
        "    cite gdpr \"Art. 5\"\n    fr \"m\"\n    en \"m\"\n  }\n";
    auto r = Compile({{"m.souple", module}, {"p.souple", Policy(items, "t.p", "1",
                                                                "effective 2020-01-01\n  import common.gdpr")}});
    INFO(r.diagnostics.RenderText());
    CHECK(r.policy_set != nullptr);
  }
  SECTION("a clash with an own definition") {
    auto r = Compile({{"m.souple", module},
                      {"p.souple", Policy("  def adult = true\n" + Rule(""), "t.p", "1",
                                          "effective 2020-01-01\n  import common.gdpr")}});
    CHECK(OnlyDiag(r.diagnostics).code == "E2003");
  }
  SECTION("duplicate definitions") {
    CHECK(OnlyError(Policy("  def x = 1\n  def x = 2\n" + Rule(""))).code == "E2003");
  }
}

TEST_CASE("Arity mismatches: E2013", "[checker]") {
  const std::string defs = "  def same(a, b) = a == b\n";
  const auto& two = OnlyError(Policy(defs + Rule("    when same(1)\n", "r")));
  CHECK(two.code == "E2013");
  CHECK(two.message == "`same` takes 2 argument(s), given 1");
  CHECK(Where(two) == "p.souple:11:10");
  CHECK(OnlyError(Policy(defs + Rule("    when same\n"))).code == "E2013");
  CHECK(OnlyError(Policy(Rule("    when contains(text_a)\n"))).code == "E2013");
  CHECK(OnlyError(Policy(Rule("    when evaluation_date(1) > start\n"))).code == "E2013");
}

TEST_CASE("Recursive definitions: E2014", "[checker]") {
  auto has = [](const souple::Diagnostics& d, const std::string& code) {
    for (const auto& x : d.items()) {
      if (x.code == code) return true;
    }
    return false;
  };
  const auto mutual = Errors(Policy("  def a = b\n  def b = not a\n" + Rule("    when a\n")));
  CHECK(has(mutual, "E2014"));
  const auto self = Errors(Policy("  def loop(x) = loop(x)\n" + Rule("    when loop(1)\n")));
  CHECK(has(self, "E2014"));
}

TEST_CASE("Table errors: E2015", "[checker]") {
  const std::string bad_table =
      "  table t (key id: text, d: duration, n: int?) {\n"  // 7
      "    \"A\", 3 years, 1;\n"                             // 8 ok
      "    \"B\", 3 years, 1, 2;\n"                          // 9 row arity
      "    \"C\", \"x\", 1;\n"                               // 10 cell type
      "    \"D\", none, 1;\n"                                // 11 none in required column
      "    \"A\", 1 year, none;\n"                           // 12 duplicate key
      "  }\n";
  const auto diags = Errors(Policy(bad_table + Rule("")));
  std::set<std::string> got;
  for (const auto& d : diags.items()) got.insert(d.code + " " + Where(d));
  CHECK(got == std::set<std::string>{"E2015 p.souple:9:5", "E2015 p.souple:10:10",
                                     "E2015 p.souple:11:10", "E2015 p.souple:12:5"});

  const std::string table = "  table ref (key id: text, d: duration?) {\n    \"RC-1\", 3 years;\n  }\n";
  const auto& key = OnlyError(Policy(table + Rule("    met when span <= ref[\"RC-2\"].d\n", "r")));
  CHECK(key.code == "E2015");
  CHECK(key.message == "table `ref` has no row `RC-2`");
  CHECK(Where(key) == "p.souple:13:26");
  CHECK(key.help == std::vector<std::string>{"did you mean `RC-1`?"});

  CHECK(OnlyError(Policy("  table k (id: text) {\n  }\n" + Rule(""))).code == "E2015");
  const auto& type = OnlyError(Policy("  table k (key id: text, label: txt) {\n  }\n" + Rule("")));
  CHECK(type.code == "E2015");
  CHECK(type.help == std::vector<std::string>{"did you mean `text`?"});
  CHECK(OnlyError(Policy(table + Rule("    met when span <= ref.d\n"))).code == "E2006");
}

TEST_CASE("Invalid placeholders: E2017", "[checker]") {
  for (const char* bad : {"a {1x} b", "a {r.} b", "a {} b", "a {abc", "a {x y}"}) {
    INFO(bad);
    const auto& d = OnlyError(Policy(Rule("", "r", bad)));
    CHECK(d.code == "E2017");
    CHECK(Where(d) == "p.souple:11:11");  // the `{` of the placeholder: `    fr "a {`
  }
  // Doubled braces are literal braces.
  auto ok = Compile(Policy(Rule("", "r", "{{literal}}")));
  INFO(ok.diagnostics.RenderText());
  CHECK(ok.policy_set != nullptr);
}

TEST_CASE("Unknown `see` reference: warning W2001, the set stays valid", "[checker]") {
  const auto result = Compile(Policy(
      "  rule r {\n    kind obligation\n    confidence confirmed\n    cite S \"1\"\n"
      "    see t.p.rr\n    fr \"m\"\n    en \"m\"\n  }\n"));
  REQUIRE(result.policy_set != nullptr);
  REQUIRE(result.diagnostics.items().size() == 1);
  const auto& d = result.diagnostics.items()[0];
  CHECK(d.severity == souple::Severity::kWarning);
  CHECK(d.code == "W2001");
  CHECK(Where(d) == "p.souple:11:9");
  CHECK(d.message == "`see` names no rule of the policy set: `t.p.rr`");
  CHECK(d.help == std::vector<std::string>{"did you mean `t.p.r`?"});
}

TEST_CASE("`until` not after `effective`: E2021", "[checker]") {
  const auto& d = OnlyError(Policy(Rule(""), "t.p", "1", "effective 2024-01-01 until 2023-01-01"));
  CHECK(d.code == "E2021");
  CHECK(Where(d) == "p.souple:5:30");
  CHECK(OnlyError(Policy(Rule(""), "t.p", "1", "effective 2024-01-01 until 2024-01-01")).code ==
        "E2021");
}

TEST_CASE("Missing header items: E2016", "[checker]") {
  const auto diags = Errors("policy t.bare {\n}\n");
  std::set<std::string> messages;
  for (const auto& d : diags.items()) {
    CHECK(d.code == "E2016");
    CHECK(Where(d) == "p.souple:1:8");
    messages.insert(d.message);
  }
  CHECK(messages == std::set<std::string>{
                        "policy `t.bare` needs `title fr \"...\" en \"...\"`",
                        "policy `t.bare` has no `version`",
                        "policy `t.bare` has no `status` (draft or final)",
                        "policy `t.bare` has no `effective` date",
                        "policy `t.bare` declares no `source`"});
  const std::string bad_status = "policy t.p {\n  title fr \"a\" en \"b\"\n  version \"1\"\n  status finale\n"
                                 "  effective 2020-01-01\n  source S { publisher \"p\" title \"t\" }\n}\n";
  const auto& s = OnlyError(bad_status);
  CHECK(s.code == "E2009");
  CHECK(s.help == std::vector<std::string>{"did you mean `final`?"});
}

TEST_CASE("Every error is reported, not only the first", "[checker]") {
  const auto diags = Errors(Policy(Rule("    when flag_c\n", "a") +                  // 10
                                   Rule("    when count_a == \"x\"\n", "b") +        // 18
                                   Rule("    met when activity.nme == \"x\"\n", "c")));  // 26
  REQUIRE(diags.items().size() == 3);
  CHECK(diags.items()[0].code == "E2004");
  CHECK(diags.items()[0].location.line == 10);
  CHECK(diags.items()[1].code == "E2006");
  CHECK(diags.items()[1].location.line == 18);
  CHECK(diags.items()[2].code == "E2005");
  CHECK(diags.items()[2].location.line == 26);
}

TEST_CASE("Schema errors: E2020", "[checker]") {
  auto bad = [](const std::string& schema) {
    auto r = Compile(Policy(Rule("")), schema);
    CHECK(r.policy_set == nullptr);
    return OnlyDiag(r.diagnostics);
  };
  const auto kw = bad(R"({"type": "object", "additionalProperties": false,
                          "properties": {"x": {"type": "integer", "minimum": 0}}})");
  CHECK(kw.code == "E2020");
  CHECK(kw.message == "unsupported JSON Schema keyword `minimum` (at `/properties/x/minimum`)");
  CHECK(bad(R"({"type": "object", "properties": {}})").code == "E2020");
  CHECK(bad(R"({"type": "object", "additionalProperties": false,
                "properties": {"x": {"$ref": "#/$defs/Nope"}}})").code == "E2020");
  CHECK(bad("{ not json").code == "E2020");
  CHECK(bad(R"({"type": "string"})").code == "E2020");
}
