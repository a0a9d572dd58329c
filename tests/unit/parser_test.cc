// SPDX-License-Identifier: Apache-2.0
// syntax/: ParsePolicyFile, the AST builder, syntax errors, limits and literals.
#include <catch2/catch.hpp>

#include <string>

#include "syntax/parser.h"
#include "test_support.h"

using namespace souple::internal;
using souple::Diagnostics;
using souple_test::OnlyDiag;
using souple_test::Where;

namespace {
std::optional<ast::File> Parse(const std::string& text, Diagnostics& diags,
                               const ParseOptions& options = {}) {
  return ParsePolicyFile("p.souple", text, diags, options);
}

const char* const kFullPolicy = R"(/// The policy.
policy cnil.test {
  title fr "Titre" en "Title"
  version "2021.1"
  status final
  effective 2022-04-10
  until 2030-12-31
  supersedes cnil.old @ "2016"
  import common.gdpr
  source R1 {
    publisher "CNIL"
    adopted 2021-09-23
    status final
  }
  def prospecting(p, q) = p == q
  def three = 3 years
  table ref (key id: text, d: duration?) {
    "A", 3 years;
    "B", none;
  }
  /// Doc of the rule.
  rule r1 {
    kind recommendation
    confidence confirmed
    covers "RT-02" "RC-1"
    for x in retention
    let a = 1
    let b = 2
    when true
    unless false because fr "parce que" en "because"
    unless true
    met when 13 months < 2 years
    cite R1 "Annexe, point 3"
    cite gdpr "Art. 5"
    see other.pol.r2
    note fr "note fr"
    note en "note en"
    fr "message fr"
    en "message en"
  }
}
module common.gdpr {
  source gdpr { publisher "EU" title "GDPR" }
}
)";
}  // namespace

TEST_CASE("ParsePolicyFile builds the AST of a complete policy", "[parser]") {
  Diagnostics diags;
  auto file = Parse(kFullPolicy, diags);
  INFO(diags.RenderText());
  REQUIRE(file.has_value());
  CHECK(diags.items().empty());
  CHECK(file->path == "p.souple");
  REQUIRE(file->units.size() == 2);
  const ast::Unit& p = file->units[0];
  CHECK_FALSE(p.is_module);
  CHECK(p.id == "cnil.test");
  CHECK(p.doc == "The policy.");
  CHECK(p.span.line == 2);
  CHECK(p.span.column == 8);
  CHECK(p.title.fr == "Titre");
  CHECK(p.title.en == "Title");
  CHECK(p.version == "2021.1");
  CHECK(p.status == "final");
  REQUIRE(p.effective.has_value());
  CHECK(FormatDate(*p.effective) == "2022-04-10");
  REQUIRE(p.until.has_value());
  CHECK(FormatDate(*p.until) == "2030-12-31");
  REQUIRE(p.supersedes.size() == 1);
  CHECK(p.supersedes[0].name == "cnil.old");
  CHECK(p.supersedes[0].version == "2016");
  REQUIRE(p.imports.size() == 1);
  CHECK(p.imports[0].name == "common.gdpr");
  REQUIRE(p.sources.size() == 1);
  CHECK(p.sources[0].id == "R1");
  REQUIRE(p.sources[0].Find("adopted") != nullptr);
  CHECK(p.sources[0].Find("adopted")->value == "2021-09-23");
  CHECK(p.sources[0].Find("status")->value == "final");
  REQUIRE(p.defs.size() == 2);
  CHECK(p.defs[0].name == "prospecting");
  CHECK(p.defs[0].params == std::vector<std::string>{"p", "q"});
  CHECK(p.defs[0].has_parens);
  CHECK_FALSE(p.defs[1].has_parens);
  CHECK(p.defs[1].body->kind == ast::ExprKind::kDuration);
  CHECK(p.defs[1].body->duration_value == Duration{36, 0});
  REQUIRE(p.tables.size() == 1);
  CHECK(p.tables[0].columns.size() == 2);
  CHECK(p.tables[0].columns[0].is_key);
  CHECK(p.tables[0].columns[1].optional);
  REQUIRE(p.tables[0].rows.size() == 2);
  CHECK(p.tables[0].rows[1][1].literal == nullptr);  // none

  REQUIRE(p.rules.size() == 1);
  const ast::RuleDecl& r = p.rules[0];
  CHECK(r.id == "r1");
  CHECK(r.doc == "Doc of the rule.");
  CHECK(r.kind == "recommendation");
  CHECK(r.confidence == "confirmed");
  CHECK(r.covers == std::vector<std::string>{"RT-02", "RC-1"});
  REQUIRE(r.fors.size() == 1);
  CHECK(r.fors[0].var == "x");
  REQUIRE(r.lets.size() == 2);
  CHECK(r.lets[1].name == "b");
  REQUIRE(r.when != nullptr);
  REQUIRE(r.exceptions.size() == 2);
  CHECK(r.exceptions[0].because.fr == "parce que");
  CHECK(r.exceptions[0].because.en == "because");
  CHECK_FALSE(r.exceptions[1].because.has_fr);
  REQUIRE(r.met != nullptr);
  CHECK(r.met->kind == ast::ExprKind::kBinary);
  CHECK(r.met->op == ast::BinaryOp::kLt);
  CHECK(r.met->kids[0]->duration_value == Duration{13, 0});
  CHECK(r.met->kids[1]->duration_value == Duration{24, 0});
  REQUIRE(r.citations.size() == 2);
  CHECK(r.citations[0].source == "R1");
  CHECK(r.citations[0].section == "Annexe, point 3");
  REQUIRE(r.see.size() == 1);
  CHECK(r.see[0].name == "other.pol.r2");
  CHECK(r.note.fr == "note fr");
  CHECK(r.note.en == "note en");
  CHECK(r.message.fr == "message fr");
  CHECK(r.message.en == "message en");
  CHECK(file->units[1].is_module);
  CHECK(file->units[1].id == "common.gdpr");
}

TEST_CASE("Operator precedence follows the grammar", "[parser]") {
  Diagnostics diags;
  auto file = Parse(souple_test::Policy(souple_test::Rule(
                        "    when not a or b and c implies d implies e\n"
                        "    met when 1 + 2 - 3 < 4 and x not in [1]\n")),
                    diags);
  INFO(diags.RenderText());
  REQUIRE(file.has_value());
  const ast::RuleDecl& r = file->units[0].rules[0];
  // ((not a) or (b and c)) implies (d implies e)
  const ast::Expr& w = *r.when;
  REQUIRE(w.kind == ast::ExprKind::kBinary);
  CHECK(w.op == ast::BinaryOp::kImplies);
  CHECK(w.kids[1]->op == ast::BinaryOp::kImplies);  // right associative
  const ast::Expr& lhs = *w.kids[0];
  CHECK(lhs.op == ast::BinaryOp::kOr);
  CHECK(lhs.kids[0]->kind == ast::ExprKind::kNot);
  CHECK(lhs.kids[1]->op == ast::BinaryOp::kAnd);
  // ((1 + 2) - 3 < 4) and (x not in [1])
  const ast::Expr& m = *r.met;
  CHECK(m.op == ast::BinaryOp::kAnd);
  CHECK(m.kids[0]->op == ast::BinaryOp::kLt);
  CHECK(m.kids[0]->kids[0]->op == ast::BinaryOp::kSub);
  CHECK(m.kids[0]->kids[0]->kids[0]->op == ast::BinaryOp::kAdd);
  CHECK(m.kids[1]->kind == ast::ExprKind::kIn);
  CHECK(m.kids[1]->bool_value);  // negated
}

TEST_CASE("A syntax error gives E1001 at the offending token", "[parser]") {
  Diagnostics diags;
  auto file = Parse("policy t.p {\n  version 12\n}\n", diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E1001");
  CHECK(d.name == "syntax-error");
  CHECK(Where(d) == "p.souple:2:11");
  CHECK(d.location.end_column == 12);
}

TEST_CASE("Syntax error columns count code points", "[parser]") {
  Diagnostics diags;
  auto file = Parse("policy t.p {\n  title fr \"\xC3\xA9t\xC3\xA9\" en \"x\" $\n}\n", diags);
  CHECK_FALSE(file.has_value());
  REQUIRE_FALSE(diags.items().empty());
  CHECK(diags.items()[0].code == "E1001");
  CHECK(Where(diags.items()[0]) == "p.souple:2:25");
}

TEST_CASE("A duplicate clause gives E2010 at the second clause", "[parser]") {
  Diagnostics diags;
  auto file = Parse(
      "policy t.p {\n"
      "  rule r {\n"
      "    kind obligation\n"
      "    kind formality\n"
      "  }\n"
      "}\n",
      diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E2010");
  CHECK(Where(d) == "p.souple:4:5");
  CHECK(d.message == "duplicate `kind` clause");
}

TEST_CASE("Duplicate header items and messages give E2010", "[parser]") {
  Diagnostics diags;
  auto file = Parse(
      "policy t.p {\n"
      "  version \"1\"\n"
      "  version \"2\"\n"
      "  rule r {\n"
      "    fr \"a\"\n"
      "    fr \"b\"\n"
      "  }\n"
      "}\n",
      diags);
  CHECK_FALSE(file.has_value());
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code == "E2010");
  CHECK(Where(diags.items()[0]) == "p.souple:3:3");
  CHECK(diags.items()[1].code == "E2010");
  CHECK(Where(diags.items()[1]) == "p.souple:6:5");
}

TEST_CASE("A clause out of order gives E2019 with the expected order", "[parser]") {
  Diagnostics diags;
  auto file = Parse(
      "policy t.p {\n"
      "  rule r {\n"
      "    kind obligation\n"
      "    met when true\n"
      "    when true\n"
      "  }\n"
      "}\n",
      diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E2019");
  CHECK(Where(d) == "p.souple:5:5");
  REQUIRE(d.help.size() == 1);
  CHECK(d.help[0].find("kind, confidence, covers, effective/until, for, let, when, unless, met when") !=
        std::string::npos);
}

TEST_CASE("An impossible date literal gives E1002", "[parser]") {
  SECTION("in the header") {
    Diagnostics diags;
    auto file = Parse("policy t.p {\n  effective 2023-02-30\n}\n", diags);
    CHECK_FALSE(file.has_value());
    const auto& d = OnlyDiag(diags);
    CHECK(d.code == "E1002");
    CHECK(Where(d) == "p.souple:2:13");
    CHECK(d.message == "`2023-02-30` is not a calendar date");
  }
  SECTION("in an expression") {
    Diagnostics diags;
    auto file = Parse("policy t.p {\n  rule r {\n    when start < 2023-02-29\n  }\n}\n", diags);
    CHECK_FALSE(file.has_value());
    const auto& d = OnlyDiag(diags);
    CHECK(d.code == "E1002");
    CHECK(Where(d) == "p.souple:3:18");
  }
  SECTION("in a source field") {
    Diagnostics diags;
    auto file = Parse("policy t.p {\n  source S { adopted 2021-13-01 }\n}\n", diags);
    CHECK_FALSE(file.has_value());
    CHECK(OnlyDiag(diags).code == "E1002");
  }
}

TEST_CASE("Oversized literals give E1002", "[parser]") {
  Diagnostics diags;
  auto file = Parse(souple_test::Policy(souple_test::Rule(
                        "    when 1234567890123456789 > 100001 years\n")),
                    diags);
  CHECK_FALSE(file.has_value());
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code == "E1002");
  CHECK(diags.items()[1].code == "E1002");
}

TEST_CASE("String escapes are decoded", "[parser]") {
  Diagnostics diags;
  auto file = Parse(
      "policy t.p {\n"
      "  title fr \"caf\\u00e9 \\\"q\\\" \\\\ \\/ a\\tb\\nc\" en \"\\u20AC\"\n"
      "}\n",
      diags);
  INFO(diags.RenderText());
  REQUIRE(file.has_value());
  CHECK(file->units[0].title.fr == "caf\xC3\xA9 \"q\" \\ / a\tb\nc");
  CHECK(file->units[0].title.en == "\xE2\x82\xAC");
}

TEST_CASE("A \\u escape of a surrogate is rejected with E1002", "[parser]") {
  Diagnostics diags;
  auto file = Parse("policy t.p {\n  title fr \"\\ud800\" en \"x\"\n}\n", diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E1002");
  CHECK(Where(d) == "p.souple:2:12");
}

TEST_CASE("Comments and soft keywords as names", "[parser]") {
  Diagnostics diags;
  auto file = Parse(
      "// line comment\n"
      "/* block\n comment */ policy t.p {\n"
      "  def status_ok(kind) = kind.status == \"x\" // trailing\n"
      "}\n",
      diags);
  INFO(diags.RenderText());
  REQUIRE(file.has_value());
  REQUIRE(file->units[0].defs.size() == 1);
  CHECK(file->units[0].defs[0].params == std::vector<std::string>{"kind"});
  CHECK(file->units[0].span.line == 3);
}

TEST_CASE("A module cannot declare a rule or header items", "[parser]") {
  Diagnostics diags;
  auto file = Parse("module m {\n  version \"1\"\n  rule r { }\n}\n", diags);
  CHECK_FALSE(file.has_value());
  REQUIRE(diags.items().size() == 2);
  CHECK(diags.items()[0].code == "E2009");
  CHECK(diags.items()[0].location.line == 2);
  CHECK(diags.items()[1].code == "E2009");
  CHECK(diags.items()[1].location.line == 3);
}
