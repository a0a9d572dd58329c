// SPDX-License-Identifier: Apache-2.0
// A rule that reads a fact in both schema forms (the v1 field and its v2 replacement) asks a
// v2 description only for the v2 fact: a v2 description may not state the v1 field (E4008).
#include <catch2/catch.hpp>

#include <algorithm>

#include "test_support.h"

using namespace souple_test;

namespace {

const char* const kSchemaV1V2 = R"({
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "activity": {
      "type": "object",
      "additionalProperties": false,
      "properties": {"id": {"type": "string"}, "schema_version": {"type": "string", "enum": ["1", "2"]}},
      "required": ["id"]
    },
    "old_measures": {"type": "array", "items": {"type": "string", "enum": ["backup", "mfa"]},
                     "x-souple-replaced-by": "security.measures"},
    "security": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "measures": {"type": "object", "additionalProperties": false,
                     "properties": {"backup": {"type": "boolean"}, "mfa": {"type": "boolean"}}}
      }
    }
  }
})";

// In place in either form; when neither is stated, both are missing.
const std::string kPolicy = Policy(Rule(
    "    met when security.measures.backup == true or \"backup\" in old_measures\n", "backups"));

std::vector<std::string> Missing(const std::string& activity) {
  const auto report = RunWith(kSchemaV1V2, kPolicy, activity, "2026-01-15");
  REQUIRE(report.findings.size() == 1);
  CHECK(report.findings[0].status == "unknown");
  std::vector<std::string> questions;
  for (const auto& q : report.questions) questions.push_back(q.field);
  std::vector<std::string> missing = report.findings[0].missing;
  std::sort(missing.begin(), missing.end());
  std::sort(questions.begin(), questions.end());
  CHECK(questions == missing);  // each missing fact is one question
  return missing;
}

}  // namespace

TEST_CASE("a v1 description is asked both forms", "[questions][schema]") {
  CHECK(Missing("activity: {id: A}\n") == std::vector<std::string>{"old_measures", "security.measures.backup"});
}

TEST_CASE("a v2 description is never asked the v1 field it may not state", "[questions][schema]") {
  CHECK(Missing("activity: {id: A, schema_version: \"2\"}\n") == std::vector<std::string>{"security.measures.backup"});
}
