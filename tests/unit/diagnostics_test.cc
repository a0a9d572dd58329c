// SPDX-License-Identifier: Apache-2.0
// base/diagnostics and base/diag_codes: collection, sorting, text and JSON rendering.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "base/diag_codes.h"
#include "souple/diagnostic.h"

using souple::Diagnostic;
using souple::Diagnostics;
using souple::Location;
using souple::Severity;
using namespace souple::internal;

TEST_CASE("Diagnostic codes and names are stable", "[diagnostics]") {
  CHECK(std::string(CodeString(DiagCode::kSyntaxError)) == "E1001");
  CHECK(std::string(CodeName(DiagCode::kSyntaxError)) == "syntax-error");
  CHECK(std::string(CodeString(DiagCode::kNestingTooDeep)) == "E1003");
  CHECK(std::string(CodeString(DiagCode::kUnknownField)) == "E2005");
  CHECK(std::string(CodeName(DiagCode::kUnknownField)) == "unknown-field");
  CHECK(std::string(CodeString(DiagCode::kClauseOrder)) == "E2019");
  CHECK(std::string(CodeString(DiagCode::kInvalidDates)) == "E2021");
  CHECK(std::string(CodeString(DiagCode::kDocDuplicateKey)) == "E4007");
  CHECK(std::string(CodeName(DiagCode::kDocMissingRequired)) == "missing-required-field");
  CHECK(std::string(CodeString(DiagCode::kFileTooLarge)) == "E5003");

  const Diagnostic d = MakeError(DiagCode::kUnknownName, "unknown name `x`",
                                 Location{"f", 1, 2, 3}, {"help"});
  CHECK(d.severity == Severity::kError);
  CHECK(d.code == "E2004");
  CHECK(d.name == "unknown-name");
  CHECK(d.message == "unknown name `x`");
  CHECK(d.help == std::vector<std::string>{"help"});
}

TEST_CASE("RenderText: GNU header, snippet with caret and tildes, help lines", "[diagnostics]") {
  Diagnostics diags;
  diags.AddSourceText("p.souple", "first line\n  bad thing\nthird\n");
  diags.Add(MakeError(DiagCode::kUnknownName, "unknown name `bad`", Location{"p.souple", 2, 3, 5},
                      {"did you mean `bat`?"}));
  CHECK(diags.RenderText() ==
        "p.souple:2:3: error: unknown name `bad` [E2004]\n"
        " 2 |   bad thing\n"
        "   |   ^~~\n"
        "help: did you mean `bat`?\n");
}

TEST_CASE("RenderText: a single-column caret and a wide line number gutter", "[diagnostics]") {
  std::string text;
  for (int i = 1; i < 12; ++i) text += "line " + std::to_string(i) + "\n";
  Diagnostics diags;
  diags.AddSourceText("f.souple", text);
  diags.Add(MakeError(DiagCode::kSyntaxError, "oops", Location{"f.souple", 11, 6, 0}));
  CHECK(diags.RenderText() ==
        "f.souple:11:6: error: oops [E1001]\n"
        " 11 | line 11\n"
        "    |      ^\n");
}

TEST_CASE("RenderText: caret columns count code points and keep tabs", "[diagnostics]") {
  Diagnostics diags;
  diags.AddSourceText("u.souple", "\xC3\xA9t\xC3\xA9 x\n\tkey\r\n");
  diags.Add(MakeError(DiagCode::kSyntaxError, "at x", Location{"u.souple", 1, 5, 0}));
  diags.Add(MakeError(DiagCode::kSyntaxError, "at key", Location{"u.souple", 2, 2, 4}));
  CHECK(diags.RenderText() ==
        "u.souple:1:5: error: at x [E1001]\n"
        " 1 | \xC3\xA9t\xC3\xA9 x\n"
        "   |     ^\n"
        "u.souple:2:2: error: at key [E1001]\n"
        " 2 | \tkey\n"  // the \r of a CRLF line is not echoed
        "   | \t^~~\n");
}

TEST_CASE("RenderText: whole-file diagnostics and unknown sources have no snippet",
          "[diagnostics]") {
  Diagnostics diags;
  diags.Add(MakeError(DiagCode::kFileTooLarge, "file is too large", Location{"big.souple", 0, 0, 0}));
  diags.Add(MakeError(DiagCode::kUnknownName, "no text", Location{"other.souple", 3, 1, 0}));
  Diagnostic note = MakeError(DiagCode::kSyntaxError, "more errors", Location{"big.souple", 0, 0, 0});
  note.severity = Severity::kNote;
  diags.Add(note);
  Diagnostic warning = MakeError(DiagCode::kSyntaxError, "careful", Location{"w", 1, 1, 0});
  warning.severity = Severity::kWarning;
  diags.Add(warning);
  CHECK(diags.RenderText() ==
        "big.souple: error: file is too large [E5003]\n"
        "other.souple:3:1: error: no text [E2004]\n"
        "big.souple: note: more errors [E1001]\n"
        "w:1:1: warning: careful [E1001]\n");
  CHECK(diags.ErrorCount() == 2);
  CHECK(diags.HasErrors());
}

TEST_CASE("RenderJson gives every field of every diagnostic", "[diagnostics]") {
  Diagnostics diags;
  diags.Add(MakeError(DiagCode::kUnknownField, "unknown field `nme`", Location{"p.souple", 4, 9, 11},
                      {"did you mean `name`?"}));
  diags.Add(MakeError(DiagCode::kFileTooLarge, "too big", Location{"q.souple", 0, 0, 0}));
  const auto j = nlohmann::json::parse(diags.RenderJson());
  REQUIRE(j.is_array());
  REQUIRE(j.size() == 2);
  CHECK(j[0]["severity"] == "error");
  CHECK(j[0]["code"] == "E2005");
  CHECK(j[0]["name"] == "unknown-field");
  CHECK(j[0]["message"] == "unknown field `nme`");
  CHECK(j[0]["location"]["file"] == "p.souple");
  CHECK(j[0]["location"]["line"] == 4);
  CHECK(j[0]["location"]["column"] == 9);
  CHECK(j[0]["location"]["end_column"] == 11);
  CHECK(j[0]["help"] == nlohmann::json::array({"did you mean `name`?"}));
  CHECK(j[1]["code"] == "E5003");
  CHECK(j[1]["location"]["line"] == 0);
  CHECK(j[1]["location"]["end_column"] == 0);
  CHECK(j[1]["help"] == nlohmann::json::array());
  // A zero end column is reported as the start column.
  Diagnostics one;
  one.Add(MakeError(DiagCode::kSyntaxError, "x", Location{"f", 2, 7, 0}));
  CHECK(nlohmann::json::parse(one.RenderJson())[0]["location"]["end_column"] == 7);
  CHECK(Diagnostics().RenderJson() == "[]\n");
}

TEST_CASE("Sort orders by file, line, column, code and drops exact duplicates",
          "[diagnostics]") {
  Diagnostics diags;
  diags.Add(MakeError(DiagCode::kUnknownName, "b", Location{"b.souple", 1, 1, 0}));
  diags.Add(MakeError(DiagCode::kUnknownName, "late", Location{"a.souple", 3, 2, 0}));
  diags.Add(MakeError(DiagCode::kTypeMismatch, "same place", Location{"a.souple", 3, 1, 0}));
  diags.Add(MakeError(DiagCode::kUnknownName, "same place", Location{"a.souple", 3, 1, 0}));
  diags.Add(MakeError(DiagCode::kUnknownName, "same place", Location{"a.souple", 3, 1, 0}));
  diags.Add(MakeError(DiagCode::kUnknownName, "early", Location{"a.souple", 1, 9, 0}));
  diags.Sort();
  REQUIRE(diags.items().size() == 5);
  CHECK(diags.items()[0].message == "early");
  CHECK(diags.items()[1].code == "E2004");
  CHECK(diags.items()[1].location.column == 1);
  CHECK(diags.items()[2].code == "E2006");
  CHECK(diags.items()[3].message == "late");
  CHECK(diags.items()[4].location.file == "b.souple");
}

TEST_CASE("Append merges diagnostics and their source texts", "[diagnostics]") {
  Diagnostics a, b;
  b.AddSourceText("x.souple", "hello world\n");
  b.Add(MakeError(DiagCode::kUnknownName, "w", Location{"x.souple", 1, 7, 11}));
  a.Append(b);
  REQUIRE(a.items().size() == 1);
  CHECK(a.RenderText() ==
        "x.souple:1:7: error: w [E2004]\n"
        " 1 | hello world\n"
        "   |       ^~~~~\n");
}

TEST_CASE("At most 100 diagnostics are kept; the rest are counted in a closing note", "[diagnostics]") {
  auto fill = [](size_t errors, size_t warnings) {
    Diagnostics diags;
    for (size_t i = 0; i < warnings; ++i) {
      diags.Add(MakeWarning(DiagCode::kDanglingSee, "w", Location{"p.souple", 1, 1, 1}));
    }
    for (size_t i = 0; i < errors; ++i) {
      diags.Add(MakeError(DiagCode::kUnknownName, "e" + std::to_string(i),
                          Location{"p.souple", static_cast<uint32_t>(i + 1), 1, 1}));
    }
    return diags;
  };
  SECTION("at the limit: all kept, no note") {
    const Diagnostics d = fill(100, 0);
    CHECK(d.items().size() == 100);
    CHECK(d.omitted() == 0);
    CHECK(d.Full());
    CHECK(d.RenderText().find("E5005") == std::string::npos);
    CHECK(nlohmann::json::parse(d.RenderJson()).size() == 100);
  }
  SECTION("one past it: the first 100 kept, one counted") {
    const Diagnostics d = fill(101, 0);
    CHECK(d.items().size() == 100);
    CHECK(d.items().back().message == "e99");
    CHECK(d.omitted() == 1);
    CHECK(d.ErrorCount() == 101);
    CHECK(d.RenderText().find("souple: note: 1 more diagnostic not shown (1 of them errors): at most "
                              "100 are kept; fix these and run again [E5005]\n") != std::string::npos);
    const auto json = nlohmann::json::parse(d.RenderJson());
    REQUIRE(json.size() == 101);
    CHECK(json.back()["severity"] == "note");
    CHECK(json.back()["code"] == "E5005");
    CHECK(json.back()["name"] == "too-many-diagnostics");
  }
  SECTION("errors dropped after warnings still make the collection fail") {
    const Diagnostics d = fill(3, 100);
    CHECK(d.items().size() == 100);
    CHECK(d.HasErrors());
    CHECK(d.ErrorCount() == 3);
  }
  SECTION("Append keeps the cap and the counts") {
    Diagnostics a = fill(60, 0);
    a.Append(fill(60, 0));
    CHECK(a.items().size() == 100);
    CHECK(a.omitted() == 20);
    CHECK(a.ErrorCount() == 120);
  }
}
