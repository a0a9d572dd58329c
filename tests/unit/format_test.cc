// SPDX-License-Identifier: Apache-2.0
// The formatter (souple/format.h): the whole corpus keeps its tokens and comments and is a
// fixed point once formatted; small layouts rule by rule; refusals; the unified diff. The
// tricky layouts of whole files are golden tests (tests/golden/cases/fmt-*).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "souple/format.h"
#include "syntax/layout_tokens.h"

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::string Format(const std::string& text) {
  const souple::FormatResult r = souple::FormatSource({"p.souple", text});
  INFO(r.diagnostics.RenderText());
  REQUIRE(r.status == souple::FormatStatus::kFormatted);
  return r.text;
}

// The tokens of a text without their layout: type and text, comments without trailing blanks.
std::vector<std::pair<size_t, std::string>> Tokens(const std::string& text) {
  const auto tokens = souple::internal::LexForLayout(text);
  REQUIRE(tokens);
  std::vector<std::pair<size_t, std::string>> out;
  for (const auto& t : *tokens) {
    std::string s = t.text;
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.pop_back();
    out.emplace_back(t.type, s);
  }
  return out;
}

const char* const kRule = "policy p {\n  rule r {\n    when a\n    fr \"x\"\n  }\n}\n";

}  // namespace

TEST_CASE("fmt: every corpus file keeps its tokens and is a fixed point", "[fmt]") {
  size_t files = 0;
  for (const char* folder : {"policies", "examples"}) {
    for (const auto& e : fs::recursive_directory_iterator(fs::path(SOUPLE_SOURCE_DIR) / folder)) {
      if (!e.is_regular_file() || e.path().extension() != ".souple") continue;
      ++files;
      INFO("file: " << e.path().string());
      const std::string text = Slurp(e.path());
      const std::string once = Format(text);
      CHECK(Tokens(once) == Tokens(text));
      CHECK(Format(once) == once);
    }
  }
  CHECK(files > 80);
}

TEST_CASE("fmt: indentation comes from the braces, continuations one level in", "[fmt]") {
  CHECK(Format("policy p {\nrule r {\nwhen a\nand b\nfr \"x\"\n}\n}") ==
        "policy p {\n  rule r {\n    when a\n      and b\n    fr \"x\"\n  }\n}\n");
  // One more level per bracket open at the start of the line; a closing one goes back.
  CHECK(Format("policy p {\n rule r {\n when (a\n or (b\n and c\n)\n)\n fr \"x\"\n }\n}\n") ==
        "policy p {\n  rule r {\n    when (a\n        or (b\n          and c\n        )\n      )\n"
        "    fr \"x\"\n  }\n}\n");
}

TEST_CASE("fmt: statements, blocks and doc comments begin their own lines", "[fmt]") {
  CHECK(Format("/// Doc.\npolicy p { rule r { when a fr \"x\" } }") ==
        "/// Doc.\npolicy p {\n  rule r {\n    when a\n    fr \"x\"\n  }\n}\n");
}

TEST_CASE("fmt: spaces inside a line", "[fmt]") {
  CHECK(Format("policy p {\n  def  f( x ,y )=x+ - 1\n  rule r {\n    when f ( a [ 0 ] . b , [ ] )"
               " and a . b in [ 1 , 2 ]\n    fr \"x\"\n  }\n}\n") ==
        "policy p {\n  def f(x, y) = x + -1\n  rule r {\n    when f(a[0].b, []) and a.b in [1, 2]\n"
        "    fr \"x\"\n  }\n}\n");
  // `applies to (`: a condition in brackets, not a call of `to`.
  CHECK(Format("policy p {\n  applies to(a)\n}\n") == "policy p {\n  applies to (a)\n}\n");
  CHECK(Format("policy p {\n  table t(key id:text,d:duration?) {\n    \"a\",none;\"b\",2  years;\n  }\n}\n") ==
        "policy p {\n  table t (key id: text, d: duration?) {\n    \"a\", none;\n    \"b\", 2 years;\n  }\n}\n");
}

TEST_CASE("fmt: localized texts line up under the language tag above", "[fmt]") {
  CHECK(Format("policy p {\n  title fr \"a\"\n en \"b\"\n  applies to x\n fr \"c\"\n    en \"d\"\n}\n") ==
        "policy p {\n  title fr \"a\"\n        en \"b\"\n  applies to x\n    fr \"c\"\n    en \"d\"\n}\n");
}

TEST_CASE("fmt: blank lines, line ends, tabs and trailing blanks", "[fmt]") {
  CHECK(Format("\n\npolicy p {\r\n\r\n\trule r {   \r\n\r\n\r\n\t\twhen a\r\n\r\n\r\n\t\tfr \"x\"\r\n\r\n  }\r\n}") ==
        "policy p {\n  rule r {\n    when a\n\n    fr \"x\"\n  }\n}\n");
  CHECK(Format("policy p {\r  rule r {\r    when a // c\r    fr \"x\"\r  }\r}\r") ==
        "policy p {\n  rule r {\n    when a  // c\n    fr \"x\"\n  }\n}\n");
  CHECK(Format("") == "");
}

TEST_CASE("fmt: comments stay where they are, re-indented", "[fmt]") {
  CHECK(Format("policy p {\n rule r {\n      // before when\n when a   // trailing   \n"
               "        // inside the condition\n   or b\n fr \"x\" /* block */\n  // last\n }\n}\n") ==
        "policy p {\n  rule r {\n    // before when\n    when a  // trailing\n      // inside the condition\n"
        "      or b\n    fr \"x\"  /* block */\n    // last\n  }\n}\n");
  // A block comment's later lines are kept as written (without trailing blanks).
  CHECK(Format("policy p {\n/* one\n     two   \n*/\n  rule r {\n    when a\n    fr \"x\"\n  }\n}\n") ==
        "policy p {\n  /* one\n     two\n*/\n  rule r {\n    when a\n    fr \"x\"\n  }\n}\n");
}

TEST_CASE("fmt: a formatted file is unchanged", "[fmt]") {
  const souple::FormatResult r = souple::FormatSource({"p.souple", kRule});
  CHECK(r.status == souple::FormatStatus::kFormatted);
  CHECK_FALSE(r.changed);
  CHECK(r.text == kRule);
}

TEST_CASE("fmt: a file that does not parse is refused with the parser's diagnostics", "[fmt]") {
  const souple::FormatResult r = souple::FormatSource({"bad.souple", "policy p {\n  rule r {\n    when\n"});
  CHECK(r.status == souple::FormatStatus::kInvalidInput);
  CHECK(r.text.empty());
  REQUIRE_FALSE(r.diagnostics.items().empty());
  CHECK(r.diagnostics.items().front().code == "E1001");
  CHECK(r.diagnostics.items().front().location.file == "bad.souple");
  const souple::FormatResult nul = souple::FormatSource({"bad.souple", std::string("policy p {\n}\n\xff")});
  CHECK(nul.status == souple::FormatStatus::kInvalidInput);
  CHECK(nul.diagnostics.items().front().code == "E5002");
}

TEST_CASE("fmt: unified diff", "[fmt]") {
  CHECK(souple::UnifiedDiff("a", "b", "x\n", "x\n").empty());
  CHECK(souple::UnifiedDiff("f", "f", "1\n2\n3\n4\n5\n6\n7\n8\n9\n", "1\n2\n3\n4\nfive\n6\n7\n8\n9\n") ==
        "--- f\n+++ f\n@@ -2,7 +2,7 @@\n 2\n 3\n 4\n-5\n+five\n 6\n 7\n 8\n");
  CHECK(souple::UnifiedDiff("f", "f", "a\nb", "a\nb\n") ==
        "--- f\n+++ f\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n");
  CHECK(souple::UnifiedDiff("f", "f", "", "a\n") == "--- f\n+++ f\n@@ -0,0 +1 @@\n+a\n");
}
