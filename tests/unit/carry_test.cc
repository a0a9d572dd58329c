// SPDX-License-Identifier: Apache-2.0
// LoadActivityWrittenFor: a schema v2 description read under a v1 schema (an older release)
// keeps what it says about the facts v2 restated.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

namespace {

const char* const kV2 = R"({
  "type": "object", "additionalProperties": false,
  "properties": {
    "activity": {"type": "object", "additionalProperties": false,
                 "properties": {"id": {"type": "string"}, "schema_version": {"type": "string", "enum": ["1", "2"]}},
                 "required": ["id"]},
    "security": {"type": "object", "additionalProperties": false, "properties": {
      "measures": {"type": "object", "additionalProperties": false,
                   "properties": {"backup": {"type": "boolean"}, "mfa": {"type": "boolean"}, "dlp": {"type": "boolean"}}},
      "passwords": {"type": "object", "additionalProperties": false,
                    "properties": {"min_length": {"type": "integer"}, "storage": {"type": "string"}}}}}
  }
})";

const char* const kV1 = R"({
  "type": "object", "additionalProperties": false,
  "properties": {
    "activity": {"type": "object", "additionalProperties": false,
                 "properties": {"id": {"type": "string"}}, "required": ["id"]},
    "security_measures": {"type": "array", "items": {"type": "string", "enum": ["backup", "mfa"]}},
    "password_policy": {"type": "object", "additionalProperties": false,
                        "properties": {"min_length": {"type": "integer"}, "hashed": {"type": "boolean"}}}
  }
})";

const char* const kDescription =
    "activity: {id: A, schema_version: \"2\"}\n"
    "security:\n"
    "  measures: {backup: true, mfa: false, dlp: true}\n"
    "  passwords: {min_length: 14, storage: bcrypt}\n";

}  // namespace

TEST_CASE("v1 texts see the v2 statement of security measures and password length", "[carry]") {
  const auto v2 = Compile("", kV2);
  const auto v1 = Compile(Policy(Rule("    met when \"backup\" in security_measures and not (\"mfa\" in security_measures)"
                                      " and password_policy.min_length >= 12\n")),
                          kV1);
  REQUIRE(v2.policy_set != nullptr);
  REQUIRE(v1.policy_set != nullptr);
  const souple::SourceFile source{"a.yaml", kDescription};
  const auto written = souple::LoadActivity(*v2.policy_set, source);
  INFO(written.diagnostics.RenderText());
  REQUIRE(written.activity != nullptr);

  // Read leniently only: the v2 sections are dropped, the v1 text cannot tell.
  souple::Limits lenient;
  lenient.ignore_unknown_fields = true;
  const auto plain = souple::LoadActivity(*v1.policy_set, source, lenient);
  REQUIRE(plain.activity != nullptr);
  CHECK(Only(souple::Evaluate(*v1.policy_set, *plain.activity, {"2026-01-15"})).status == "unknown");

  // Read as written for v2: backup listed, mfa (false) and dlp (unknown to v1) not, length 14.
  const auto carried = souple::LoadActivityWrittenFor(*v1.policy_set, source, *written.activity);
  INFO(carried.diagnostics.RenderText());
  REQUIRE(carried.activity != nullptr);
  const souple::Report r = souple::Evaluate(*v1.policy_set, *carried.activity, {"2026-01-15"});
  const souple::Finding& f = Only(r);
  CHECK(f.status == "met");
  // The facts point at the v2 lines they come from.
  bool located = false;
  for (const auto& fact : f.facts) {
    if (fact.path == "password_policy.min_length") {
      located = fact.value == "14";
      CHECK(fact.location.rfind("a.yaml:4:", 0) == 0);  // the v2 line it comes from
    }
  }
  CHECK(located);
}

TEST_CASE("a v1 description is read under a v1 schema as it is", "[carry]") {
  const auto v1 = Compile(Policy(Rule("    met when \"backup\" in security_measures\n")), kV1);
  REQUIRE(v1.policy_set != nullptr);
  const souple::SourceFile source{"a.yaml", "activity: {id: A}\nsecurity_measures: [mfa]\n"};
  const auto written = souple::LoadActivity(*v1.policy_set, source);
  REQUIRE(written.activity != nullptr);
  const auto again = souple::LoadActivityWrittenFor(*v1.policy_set, source, *written.activity);
  REQUIRE(again.activity != nullptr);
  CHECK(Only(souple::Evaluate(*v1.policy_set, *again.activity, {"2026-01-15"})).status == "not_met");
}
