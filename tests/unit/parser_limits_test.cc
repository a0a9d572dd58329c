// SPDX-License-Identifier: Apache-2.0
// syntax/: hostile and unusual input: limits, encodings, line endings, error recovery.
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

std::string Repeat(const std::string& s, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += s;
  return out;
}
}  // namespace

TEST_CASE("Syntax errors are capped per file with a closing note", "[parser]") {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "policy t" + std::to_string(i) + " { version 1 }\n";
  Diagnostics diags;
  ParseOptions options;
  options.max_syntax_errors = 5;
  CHECK_FALSE(Parse(text, diags, options).has_value());
  CHECK(diags.ErrorCount() == 5);
  REQUIRE(diags.items().size() == 6);
  CHECK(diags.items()[5].severity == souple::Severity::kNote);
  CHECK(diags.items()[5].message == "25 further syntax errors not shown");
}

TEST_CASE("Invalid UTF-8 gives E5002 with line and code-point column", "[parser]") {
  Diagnostics diags;
  auto file = Parse("policy t.p {\n  title fr \"\xC3\xA9\xFF\" en \"x\"\n}\n", diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E5002");
  CHECK(Where(d) == "p.souple:2:14");
}

TEST_CASE("A file over the size limit gives E5003 without parsing", "[parser]") {
  Diagnostics diags;
  ParseOptions options;
  options.max_bytes = 16;
  auto file = Parse("policy t.p { title fr \"x\" en \"y\" }", diags, options);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E5003");
  CHECK(d.location.line == 0);
  CHECK(d.location.file == "p.souple");
  // Exactly at the limit is accepted.
  Diagnostics ok;
  options.max_bytes = 12;
  CHECK(Parse("policy t.p {}", ok, options) == std::nullopt);  // 13 bytes: over
  Diagnostics ok2;
  CHECK(Parse("policy t.p{}", ok2, options).has_value());      // 12 bytes: at the limit
}

TEST_CASE("Deep nesting gives E1003 instead of exhausting the stack", "[parser]") {
  const std::string head = "policy t.p {\n  rule r {\n    when ";  // expression starts at 3:10
  SECTION("1000 nested parentheses") {
    Diagnostics diags;
    auto file = Parse(head + std::string(1000, '(') + "true" + std::string(1000, ')') + "\n  }\n}\n", diags);
    CHECK_FALSE(file.has_value());
    const auto& d = OnlyDiag(diags);
    CHECK(d.code == "E1003");
    CHECK(Where(d) == "p.souple:3:138");  // the 129th parenthesis
  }
  SECTION("1000 `not`") {
    std::string nots;
    for (int i = 0; i < 1000; ++i) nots += "not ";
    Diagnostics diags;
    auto file = Parse(head + nots + "true\n  }\n}\n", diags);
    CHECK_FALSE(file.has_value());
    const auto& d = OnlyDiag(diags);
    CHECK(d.code == "E1003");
    CHECK(Where(d) == "p.souple:3:522");  // the 129th `not`
  }
  SECTION("100000 nested brackets") {
    Diagnostics diags;
    auto file = Parse(head + std::string(100000, '[') + std::string(100000, ']') + "\n  }\n}\n", diags);
    CHECK_FALSE(file.has_value());
    CHECK(OnlyDiag(diags).code == "E1003");
  }
  SECTION("nesting at the limit is accepted") {
    Diagnostics diags;
    auto file = Parse(souple_test::Policy(souple_test::Rule(
                          "    when " + std::string(128, '(') + "true" + std::string(128, ')') + "\n")),
                      diags);
    INFO(diags.RenderText());
    CHECK(file.has_value());
  }
  SECTION("a lower limit is honoured") {
    Diagnostics diags;
    ParseOptions options;
    options.max_nesting = 3;
    auto file = Parse(head + "((((true))))\n  }\n}\n", diags, options);
    CHECK_FALSE(file.has_value());
    CHECK(Where(OnlyDiag(diags)) == "p.souple:3:13");
  }
}

TEST_CASE("Long left-nested chains hit the nesting limit without crashing", "[parser]") {
  const std::string head = "policy t.p {\n  rule r {\n    when ";
  const std::string tail = "\n  }\n}\n";
  SECTION("100000 `and`") {
    Diagnostics diags;
    CHECK_FALSE(Parse(head + "a" + Repeat(" and a", 100000) + tail, diags).has_value());
    CHECK(OnlyDiag(diags).code == "E1003");
  }
  SECTION("100000 field accesses") {
    Diagnostics diags;
    CHECK_FALSE(Parse(head + "a" + Repeat(".b", 100000) + tail, diags).has_value());
    CHECK(OnlyDiag(diags).code == "E1003");
  }
  SECTION("10000 chained `else if`") {
    Diagnostics diags;
    CHECK_FALSE(Parse(head + Repeat("if a then 1 else ", 10000) + "2" + tail, diags).has_value());
    CHECK(OnlyDiag(diags).code == "E1003");
  }
  SECTION("a chain of 100 `and` is fine") {
    Diagnostics diags;
    auto file = Parse(head + "a" + Repeat(" and a", 100) + tail, diags);
    INFO(diags.RenderText());
    CHECK(file.has_value());
  }
}

TEST_CASE("CRLF line endings give the same lines and columns", "[parser]") {
  Diagnostics diags;
  auto file = Parse("policy t.p {\r\n  title fr \"a\" en \"b\"\r\n  version 12\r\n}\r\n", diags);
  CHECK_FALSE(file.has_value());
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E1001");
  CHECK(Where(d) == "p.souple:3:11");
  CHECK(d.location.end_column == 12);
  Diagnostics ok;
  auto good = Parse(souple_test::Policy(souple_test::Rule("    when a\r\n")), ok);
  INFO(ok.RenderText());
  REQUIRE(good.has_value());
  CHECK(good->units[0].rules[0].when->span.line == 10);
}

TEST_CASE("Stray characters and unterminated strings are located syntax errors", "[parser]") {
  SECTION("a character outside the language") {
    Diagnostics diags;
    CHECK_FALSE(Parse("policy t.p {\n  version \"1\" # \n}\n", diags).has_value());
    REQUIRE_FALSE(diags.items().empty());
    CHECK(diags.items()[0].code == "E1001");
    CHECK(Where(diags.items()[0]) == "p.souple:2:15");
  }
  SECTION("an unterminated string") {
    Diagnostics diags;
    CHECK_FALSE(Parse("policy t.p {\n  version \"1\n}\n", diags).has_value());
    REQUIRE_FALSE(diags.items().empty());
    CHECK(diags.items()[0].code == "E1001");
    CHECK(diags.items()[0].location.line == 2);
  }
  SECTION("an unterminated block comment") {
    Diagnostics diags;
    CHECK_FALSE(Parse("policy t.p {\n  /* never closed\n}\n", diags).has_value());
    REQUIRE_FALSE(diags.items().empty());
    CHECK(diags.items()[0].code == "E1001");
  }
  SECTION("a missing closing brace") {
    Diagnostics diags;
    CHECK_FALSE(Parse("policy t.p {\n  version \"1\"\n", diags).has_value());
    REQUIRE_FALSE(diags.items().empty());
    CHECK(diags.items()[0].code == "E1001");
    // Located where the block opened, not at the end of the file.
    CHECK(Where(diags.items()[0]) == "p.souple:1:12");
    CHECK_THAT(diags.items()[0].message, Catch::Contains("policy `t.p` is never closed"));
  }
  SECTION("an empty file is an empty policy set") {
    Diagnostics diags;
    auto file = Parse("", diags);
    REQUIRE(file.has_value());
    CHECK(file->units.empty());
    CHECK(diags.items().empty());
  }
}

TEST_CASE("Unclosed brackets count across clauses: `;` does not reset the nesting limit", "[parser]") {
  // 200 x (100 `(` then `;`): each clause stays under the limit, but the parser's error
  // recovery nests on every unclosed bracket before it.
  Diagnostics diags;
  auto file = Parse("policy p { rule r { when " + Repeat(std::string(100, '(') + " ; ", 200) + " } }", diags);
  CHECK_FALSE(file.has_value());
  CHECK(OnlyDiag(diags).code == "E1003");
}
