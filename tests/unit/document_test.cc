// SPDX-License-Identifier: Apache-2.0
// document/: loading YAML and JSON activity descriptions against the schema.
#include <catch2/catch.hpp>

#include "document/document.h"
#include "schema/schema.h"
#include "test_support.h"

using namespace souple::internal;
using souple::Diagnostics;
using souple_test::OnlyDiag;
using souple_test::Where;

namespace {
const Schema& TestSchema() {
  static const std::unique_ptr<Schema> schema = [] {
    Diagnostics diags;
    auto s = Schema::Load("schema.json", souple_test::kSchema, diags);
    if (s == nullptr) FAIL(diags.RenderText());
    return s;
  }();
  return *schema;
}

std::unique_ptr<DocNode> Load(const std::string& path, const std::string& text, Diagnostics& diags,
                              const DocumentOptions& options = {}) {
  return LoadDocument(path, text, TestSchema().root(), diags, options);
}

/// Loads a document expected to fail with exactly one diagnostic and returns it.
souple::Diagnostic Fails(const std::string& path, const std::string& text) {
  Diagnostics diags;
  auto doc = Load(path, text, diags);
  CHECK(doc == nullptr);
  return OnlyDiag(diags);
}

const DocNode& Field(const DocNode& record, const char* name) {
  const int slot = record.type->FindField(name);
  REQUIRE(slot >= 0);
  return record.items[static_cast<size_t>(slot)];
}

const char* const kYaml =
    "activity:\n"             // 1
    "  id: A1\n"              // 2
    "  name: Test\n"          // 3
    "flag_a: true\n"          // 4
    "count_a: -12\n"          // 5
    "text_a: \"quoted\"\n"    // 6
    "category: customer\n"    // 7
    "start: 2024-02-29\n"     // 8
    "span: P1Y6M\n"           // 9
    "tags: [a, b]\n"          // 10
    "retention:\n"            // 11
    "  - id: R1\n"            // 12
    "    duration: P3Y\n"     // 13
    "  - id: R2\n"            // 14
    "    active: false\n";    // 15
}  // namespace

TEST_CASE("A YAML activity is loaded into a typed tree", "[document]") {
  Diagnostics diags;
  auto doc = Load("a.yaml", kYaml, diags);
  INFO(diags.RenderText());
  REQUIRE(doc != nullptr);
  CHECK(diags.items().empty());
  CHECK(doc->kind == DocNode::Kind::kRecord);
  CHECK(Field(Field(*doc, "activity"), "id").text == "A1");
  CHECK(Field(*doc, "flag_a").kind == DocNode::Kind::kBool);
  CHECK(Field(*doc, "flag_a").bool_value);
  CHECK(Field(*doc, "flag_b").kind == DocNode::Kind::kAbsent);
  CHECK_FALSE(Field(*doc, "flag_b").known());
  CHECK(Field(*doc, "count_a").int_value == -12);
  CHECK(Field(*doc, "text_a").text == "quoted");
  CHECK(Field(*doc, "category").text == "customer");
  CHECK(FormatDate(Field(*doc, "start").date_value) == "2024-02-29");
  CHECK(Field(*doc, "span").duration_value == Duration{18, 0});
  const DocNode& tags = Field(*doc, "tags");
  REQUIRE(tags.kind == DocNode::Kind::kList);
  REQUIRE(tags.items.size() == 2);
  CHECK(tags.items[1].text == "b");
  const DocNode& retention = Field(*doc, "retention");
  REQUIRE(retention.items.size() == 2);
  const DocNode& duration = Field(retention.items[0], "duration");
  CHECK(duration.duration_value == Duration{36, 0});
  CHECK(duration.line == 13);
  CHECK(duration.column == 15);
  CHECK(PathOf(&duration) == "retention[0].duration");
  CHECK(PathOf(&Field(retention.items[1], "duration")) == "retention[1].duration");
  CHECK(Field(retention.items[1], "duration").kind == DocNode::Kind::kAbsent);
  CHECK(PathOf(&tags.items[1]) == "tags[1]");
  CHECK(PathOf(doc.get()).empty());
}

TEST_CASE("A JSON activity is loaded the same way, with JSON positions", "[document]") {
  Diagnostics diags;
  auto doc = Load("a.json",
                  "{\n"
                  "  \"flag_a\": false,\n"
                  "  \"count_a\": 7,\n"
                  "  \"retention\": [{\"id\": \"R1\", \"duration\": \"P30D\"}]\n"
                  "}\n",
                  diags);
  INFO(diags.RenderText());
  REQUIRE(doc != nullptr);
  CHECK(Field(*doc, "flag_a").kind == DocNode::Kind::kBool);
  CHECK_FALSE(Field(*doc, "flag_a").bool_value);
  CHECK(Field(*doc, "count_a").int_value == 7);
  CHECK(Field(*doc, "count_a").line == 3);
  CHECK(Field(*doc, "count_a").column == 14);
  const DocNode& r0 = Field(*doc, "retention").items[0];
  CHECK(Field(r0, "duration").duration_value == Duration{0, 30});
}

TEST_CASE("Unknown field: E4002 at the key, with a suggestion", "[document]") {
  const auto root = Fails("a.yaml", "flag_a: true\nflag_bb: false\n");
  CHECK(root.code == "E4002");
  CHECK(Where(root) == "a.yaml:2:1");
  CHECK(root.help == std::vector<std::string>{"did you mean `flag_b`?"});

  const auto nested = Fails("a.yaml", "activity:\n  id: x\n  nam: y\n");
  CHECK(nested.code == "E4002");
  CHECK(Where(nested) == "a.yaml:3:3");
  CHECK(nested.message == "unknown field `nam` in record `activity`");
  CHECK(nested.help == std::vector<std::string>{"did you mean `name`?"});

  const auto element = Fails("a.json", "{\"retention\": [\n  {\"id\": \"R1\", \"duraton\": \"P3Y\"}]}");
  CHECK(element.code == "E4002");
  CHECK(Where(element) == "a.json:2:16");
  CHECK(element.help == std::vector<std::string>{"did you mean `duration`?"});
}

TEST_CASE("Wrong type: E4003", "[document]") {
  const auto quoted = Fails("a.yaml", "count_a: \"12\"\n");
  CHECK(quoted.code == "E4003");
  CHECK(Where(quoted) == "a.yaml:1:10");
  CHECK(Fails("a.yaml", "count_a: 1.5\n").code == "E4003");
  CHECK(Fails("a.yaml", "flag_a: yes\n").code == "E4003");
  CHECK(Fails("a.json", "{\"flag_a\": \"true\"}").code == "E4003");
  const auto list = Fails("a.yaml", "flag_a: true\ntags: x\n");
  CHECK(list.code == "E4003");
  CHECK(Where(list) == "a.yaml:2:7");
  CHECK(list.message == "expected a list (list of text), found `x`");
  CHECK(Fails("a.yaml", "activity: 3\n").code == "E4003");
  CHECK(Fails("a.yaml", "text_a: [a]\n").code == "E4003");
  CHECK(Fails("a.yaml", "- 1\n- 2\n").code == "E4003");  // the root must be an object
}

TEST_CASE("Unknown enum value: E4004 with a suggestion", "[document]") {
  const auto d = Fails("a.yaml", "flag_a: true\ncategory: prospekt\n");
  CHECK(d.code == "E4004");
  CHECK(Where(d) == "a.yaml:2:11");
  CHECK(d.help == std::vector<std::string>{"did you mean `prospect`?"});
  CHECK(Fails("a.yaml", "categories: [customer, employe]\n").code == "E4004");
}

TEST_CASE("Missing required field: E4005 at the object", "[document]") {
  const auto d = Fails("a.yaml", "flag_a: true\nactivity:\n  name: x\n");
  CHECK(d.code == "E4005");
  CHECK(Where(d) == "a.yaml:3:3");
  CHECK(d.message == "missing required field `id` in record `activity`");
  const auto element = Fails("a.yaml", "retention:\n  - duration: P3Y\n");
  CHECK(element.code == "E4005");
  CHECK(Where(element) == "a.yaml:2:5");
}

TEST_CASE("Invalid durations and dates: E4006", "[document]") {
  const auto span = Fails("a.yaml", "span: 3 years\n");
  CHECK(span.code == "E4006");
  CHECK(Where(span) == "a.yaml:1:7");
  CHECK(span.message == "`3 years` is not an ISO 8601 duration such as P3Y, P13M or P30D");
  CHECK(Fails("a.yaml", "span: PT1H\n").code == "E4006");
  CHECK(Fails("a.yaml", "span: P1M1Y\n").code == "E4006");
  const auto date = Fails("a.yaml", "start: 2023-02-29\n");
  CHECK(date.code == "E4006");
  CHECK(Where(date) == "a.yaml:1:8");
  CHECK(Fails("a.json", "{\"start\": \"2024-1-01\"}").code == "E4006");
}

TEST_CASE("Duplicate keys: E4007 at the second key", "[document]") {
  const auto yaml = Fails("a.yaml", "flag_a: true\nflag_a: false\n");
  CHECK(yaml.code == "E4007");
  CHECK(Where(yaml) == "a.yaml:2:1");
  const auto json = Fails("a.json", "{\"flag_a\": true, \"flag_a\": false}");
  CHECK(json.code == "E4007");
  CHECK(Where(json) == "a.json:1:18");
}

TEST_CASE("Malformed YAML: E4001 at the offending character", "[document]") {
  const auto flow = Fails("a.yaml", "flag_a: true\nflag_b: [a, b]]\n");
  CHECK(flow.code == "E4001");
  CHECK(Where(flow) == "a.yaml:2:15");
  const auto token = Fails("a.yaml", "flag_a: true\nflag_b: @x\n");
  CHECK(token.code == "E4001");
  CHECK(token.location.line == 2);
  const auto empty = Fails("a.yaml", "# nothing\n");
  CHECK(empty.code == "E4001");
  CHECK(empty.message == "the document is empty");
}

TEST_CASE("Malformed JSON: E4001 with line and column", "[document]") {
  const auto trailing = Fails("a.json", "{\n  \"flag_a\": true,\n}\n");
  CHECK(trailing.code == "E4001");
  CHECK(Where(trailing) == "a.json:3:1");
  const auto stray = Fails("a.json", "{\n  \"flag_a\": true\n  ]\n");
  CHECK(stray.code == "E4001");
  CHECK(Where(stray) == "a.json:3:3");
  // YAML syntax is not accepted in a .json file.
  const auto yaml = Fails("a.json", "flag_a: true\n");
  CHECK(yaml.code == "E4001");
  CHECK(yaml.location.line == 1);
}

TEST_CASE("Invalid UTF-8 in an activity: E5002 with line and column", "[document]") {
  const auto d = Fails("a.yaml", "flag_a: true\ntext_a: \"\xC3\xA9\xFF\"\n");
  CHECK(d.code == "E5002");
  CHECK(Where(d) == "a.yaml:2:11");
  CHECK(Fails("a.json", "{\"text_a\": \"\xED\xA0\x80\"}").code == "E5002");
}

TEST_CASE("An activity over the size limit: E5003", "[document]") {
  Diagnostics diags;
  DocumentOptions options;
  options.max_bytes = 8;
  CHECK(Load("a.yaml", "flag_a: true\n", diags, options) == nullptr);
  CHECK(OnlyDiag(diags).code == "E5003");
}

TEST_CASE("Very deep nesting is rejected without crashing", "[document]") {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  SECTION("YAML") {
    const auto d = Fails("a.yaml", deep);
    CHECK(d.code == "E4001");
    CHECK(d.message == "nesting exceeds the limit of 64");
  }
  SECTION("YAML, inside a field") {
    const auto d = Fails("a.yaml", "tags: " + deep + "\n");
    CHECK(d.code == "E4001");
  }
  SECTION("JSON") {
    const auto d = Fails("a.json", deep);
    CHECK(d.code == "E4001");
    CHECK(d.message == "nesting exceeds the limit of 64");
    CHECK(Where(d) == "a.json:1:65");
  }
  SECTION("JSON objects") {
    std::string objects;
    for (int i = 0; i < 100000; ++i) objects += "{\"a\":";
    CHECK(Fails("a.json", objects).code == "E4001");
  }
  SECTION("nesting at the limit is a type question, not a crash") {
    const auto d = Fails("a.json", "{\"tags\": [[[\"x\"]]]}");
    CHECK(d.code == "E4003");
  }
}

TEST_CASE("null, ~ and empty values are stated as unknown", "[document]") {
  Diagnostics diags;
  auto doc = Load("a.yaml", "flag_a: null\nflag_b: ~\nend: null\ncount_a:\ntext_a: \"null\"\n", diags);
  INFO(diags.RenderText());
  REQUIRE(doc != nullptr);
  for (const char* name : {"flag_a", "flag_b", "end", "count_a"}) {
    INFO(name);
    CHECK(Field(*doc, name).kind == DocNode::Kind::kNull);
    CHECK_FALSE(Field(*doc, name).known());
  }
  CHECK(Field(*doc, "text_a").text == "null");  // a quoted "null" is text
  Diagnostics json_diags;
  auto json = Load("a.json", "{\"flag_a\": null, \"category\": null}", json_diags);
  REQUIRE(json != nullptr);
  CHECK(Field(*json, "flag_a").kind == DocNode::Kind::kNull);
  CHECK(Field(*json, "category").kind == DocNode::Kind::kNull);
}

TEST_CASE("Tab-indented JSON is accepted with correct positions", "[document]") {
  Diagnostics diags;
  auto doc = Load("a.json", "{\n\t\"flag_a\": true,\n\t\t\"text_a\": \"a\\tb\"\n}\n", diags);
  INFO(diags.RenderText());
  REQUIRE(doc != nullptr);
  CHECK(Field(*doc, "flag_a").bool_value);
  CHECK(Field(*doc, "flag_a").line == 2);
  CHECK(Field(*doc, "flag_a").column == 12);
  CHECK(Field(*doc, "text_a").text == "a\tb");
}

TEST_CASE("Errors are capped but all of them are reported up to the cap", "[document]") {
  std::string text;
  for (int i = 0; i < 3; ++i) text += "unknown_" + std::to_string(i) + ": 1\n";
  text += "count_a: x\n";
  Diagnostics diags;
  CHECK(Load("a.yaml", text, diags) == nullptr);
  CHECK(souple_test::Codes(diags) == std::vector<std::string>{"E4002", "E4002", "E4002", "E4003"});

  std::string many;
  for (int i = 0; i < 80; ++i) many += "unknown_" + std::to_string(i) + ": 1\n";
  Diagnostics capped;
  CHECK(Load("a.yaml", many, capped) == nullptr);
  CHECK(capped.items().size() == 50);
}

TEST_CASE("LoadActivity picks JSON by extension and YAML otherwise", "[document]") {
  auto compiled = souple_test::Compile(souple_test::Policy(souple_test::Rule("")));
  REQUIRE(compiled.policy_set != nullptr);
  auto yaml = souple::LoadActivity(*compiled.policy_set, {"x.yml", "flag_a: true\n"});
  CHECK(yaml.activity != nullptr);
  CHECK(yaml.activity->path() == "x.yml");
  auto json = souple::LoadActivity(*compiled.policy_set, {"x.json", "flag_a: true\n"});
  CHECK(json.activity == nullptr);
  CHECK(OnlyDiag(json.diagnostics).code == "E4001");
  souple::Limits limits;
  limits.max_activity_depth = 1;
  auto shallow = souple::LoadActivity(*compiled.policy_set,
                                      {"x.yaml", "activity:\n  id: a\n"}, limits);
  CHECK(shallow.activity == nullptr);
  CHECK(OnlyDiag(shallow.diagnostics).code == "E4001");
}

TEST_CASE("Content after the first JSON value or YAML document is an error, not ignored", "[document]") {
  const auto json = Fails("a.json", "{\"flag_a\": true}\n{\"flag_a\": false}\n");
  CHECK(json.code == "E4001");
  CHECK(Where(json) == "a.json:2:1");  // the second value

  const auto yaml = Fails("a.yaml", "flag_a: true\n---\nflag_a: false\n");
  CHECK(yaml.code == "E4001");
  CHECK(yaml.message == "a second YAML document starts here; an activity file holds exactly one");
  CHECK(Where(yaml) == "a.yaml:3:1");

  // Regression (fuzz_activity_yaml): yaml-cpp's LoadAll never returns on a leading comma.
  const auto comma = Fails("a.yaml", ",contentspe ");
  CHECK(comma.code == "E4001");
  CHECK(comma.message == "malformed YAML: unexpected character");
  CHECK(Where(comma) == "a.yaml:1:1");

  const auto garbage = Fails("a.yaml", "flag_a: true\n...\n]] not yaml [[\n");
  CHECK(garbage.code == "E4001");
}
