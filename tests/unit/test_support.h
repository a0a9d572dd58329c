// SPDX-License-Identifier: Apache-2.0
// Shared helpers for the unit tests: a small activity schema, policy skeletons, and
// shortcuts to compile, load and evaluate through the public API.
#pragma once

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "souple/engine.h"

namespace souple_test {

/// A small activity schema covering every type the engine knows.
inline const char* const kSchema = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "Unit-test activity",
  "type": "object",
  "additionalProperties": false,
  "properties": {
    "activity": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "name": {"type": "string"}
      },
      "required": ["id"]
    },
    "flag_a": {"type": "boolean", "description": "First flag."},
    "flag_b": {"type": "boolean"},
    "count_a": {"type": "integer"},
    "text_a": {"type": "string"},
    "category": {"type": "string", "enum": ["prospect", "customer", "employee"]},
    "start": {"type": "string", "format": "date"},
    "end": {"type": ["string", "null"], "format": "date"},
    "span": {"type": "string", "format": "duration", "description": "A duration."},
    "tags": {"type": "array", "items": {"type": "string"}},
    "categories": {"type": "array", "items": {"type": "string", "enum": ["prospect", "customer", "employee"]}},
    "retention": {"type": "array", "items": {"$ref": "#/$defs/Retention"}}
  },
  "$defs": {
    "Retention": {
      "type": "object",
      "additionalProperties": false,
      "properties": {
        "id": {"type": "string"},
        "category": {"type": "string", "enum": ["prospect", "customer", "employee"]},
        "duration": {"type": "string", "format": "duration", "description": "How long data are kept."},
        "active": {"type": "boolean"},
        "justification": {"type": "string"}
      },
      "required": ["id"]
    }
  }
})";

/// A policy with a complete header and one source `S`; `items` go after the source.
/// Lines 1-6 are the header; `items` start on line 7.
inline std::string Policy(const std::string& items, const std::string& id = "t.p",
                          const std::string& version = "1",
                          const std::string& dates = "effective 2020-01-01") {
  return "policy " + id + " {\n"                                  // 1
         "  title fr \"Titre\" en \"Title\"\n"                    // 2
         "  version \"" + version + "\"\n"                        // 3
         "  status final\n"                                       // 4
         "  " + dates + "\n"                                      // 5
         "  source S { publisher \"CNIL\" title \"Texte\" }\n"    // 6
         + items + "}\n";
}

/// A rule `id` with kind, confidence, the given clauses (for/let/when/unless/met),
/// a citation of `S` and the two messages.
inline std::string Rule(const std::string& clauses, const std::string& id = "r",
                        const std::string& fr = "m", const std::string& en = "m",
                        const std::string& kind = "obligation") {
  return "  rule " + id + " {\n"
         "    kind " + kind + "\n"
         "    confidence confirmed\n" +
         clauses +
         "    cite S \"art. 1\"\n"
         "    fr \"" + fr + "\"\n"
         "    en \"" + en + "\"\n"
         "  }\n";
}

inline souple::CompileResult Compile(const std::vector<souple::SourceFile>& files,
                                     const std::string& schema = kSchema) {
  return souple::CompilePolicies({"schema.json", schema}, files);
}

inline souple::CompileResult Compile(const std::string& policy,
                                     const std::string& schema = kSchema) {
  return Compile(std::vector<souple::SourceFile>{{"p.souple", policy}}, schema);
}

/// Codes of the diagnostics, in order, e.g. {"E2004", "E2005"}.
inline std::vector<std::string> Codes(const souple::Diagnostics& d) {
  std::vector<std::string> out;
  for (const auto& x : d.items()) out.push_back(x.code);
  return out;
}

/// The only diagnostic (fails the test when there is not exactly one).
inline const souple::Diagnostic& OnlyDiag(const souple::Diagnostics& d) {
  INFO(d.RenderText());
  REQUIRE(d.items().size() == 1);
  return d.items()[0];
}

/// `file:line:col` of a diagnostic.
inline std::string Where(const souple::Diagnostic& d) {
  return d.location.file + ":" + std::to_string(d.location.line) + ":" +
         std::to_string(d.location.column);
}

/// Compiles `policy` against `schema`, loads `activity` (YAML unless `activity_path` ends in
/// .json) and evaluates on `date`. Fails the test on any compile or load error.
inline souple::Report RunWith(const std::string& schema, const std::string& policy, const std::string& activity,
                              const std::string& date = "2024-06-01", const std::string& activity_path = "a.yaml") {
  auto compiled = Compile(policy, schema);
  INFO(compiled.diagnostics.RenderText());
  REQUIRE(compiled.policy_set != nullptr);
  auto loaded = souple::LoadActivity(*compiled.policy_set, {activity_path, activity});
  INFO(loaded.diagnostics.RenderText());
  REQUIRE(loaded.activity != nullptr);
  return souple::Evaluate(*compiled.policy_set, *loaded.activity, {date});
}

/// The same against the small schema above.
inline souple::Report Run(const std::string& policy, const std::string& activity,
                          const std::string& date = "2024-06-01",
                          const std::string& activity_path = "a.yaml") {
  return RunWith(kSchema, policy, activity, date, activity_path);
}

/// The only finding of a report.
inline const souple::Finding& Only(const souple::Report& r) {
  INFO(souple::RenderText(r, souple::Language::kEnglish));
  REQUIRE(r.findings.size() == 1);
  return r.findings[0];
}

/// Truth value of a condition on an activity: evaluates `met when <condition>` and maps
/// met/not_met/unknown to "true"/"false"/"unknown".
inline std::string Truth(const std::string& condition, const std::string& activity) {
  const souple::Report r = Run(Policy(Rule("    met when " + condition + "\n")), activity);
  const std::string status = Only(r).status;
  if (status == "met") return "true";
  if (status == "not_met") return "false";
  return status;
}

}  // namespace souple_test
