// SPDX-License-Identifier: Apache-2.0
// ReadActivitySchema: a schema split into section files is assembled into one document.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

#include <unistd.h>

#include "souple/engine.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    path = fs::temp_directory_path() / ("souple-schema-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(path / "activity");
  }
  ~TempDir() { fs::remove_all(path); }
  void Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
  }
};

const char* const kEntry = R"({
  "type": "object", "additionalProperties": false,
  "properties": {"purposes": {"$ref": "activity/purposes.json", "description": "Why"}}
})";

const char* const kPurposes = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "type": "array", "items": {"$ref": "#/$defs/Purpose"},
  "$defs": {"Purpose": {"type": "object", "additionalProperties": false,
                         "properties": {"id": {"type": "string"},
                                        "consent": {"$ref": "consent.json"}}}}
})";

const char* const kConsent = R"({"type": "object", "additionalProperties": false,
  "properties": {"freely_given": {"type": "boolean"}}})";

std::string Errors(const souple::Diagnostics& d) { return d.RenderText(); }

}  // namespace

TEST_CASE("section files are inlined and their definitions merged", "[schema]") {
  TempDir dir;
  dir.Write("entry.json", kEntry);
  dir.Write("activity/purposes.json", kPurposes);
  dir.Write("activity/consent.json", kConsent);
  souple::Diagnostics diags;
  auto schema = souple::ReadActivitySchema((dir.path / "entry.json").string(), "entry.json", diags);
  REQUIRE(schema.has_value());
  CHECK(schema->path == "entry.json");
  CHECK(schema->text.find("activity/") == std::string::npos);
  CHECK(schema->text.find("\"$defs\"") != std::string::npos);
  CHECK(schema->text.find("\"description\": \"Why\"") != std::string::npos);  // the referrer's annotation
  const auto compiled = souple::CompileSchema(*schema);
  INFO(Errors(compiled.diagnostics));
  REQUIRE(compiled.schema != nullptr);
  // The field below the nested section is there.
  const auto policies = souple::CompilePolicies(*compiled.schema, {{"p.souple", R"(
policy t.p {
  title fr "T" en "T"
  version "1"
  status final
  effective 2020-01-01
  source s { title "S" publisher "P" }
  rule r {
    kind obligation
    confidence confirmed
    for p in purposes
    met when p.consent.freely_given
    cite s "1"
    fr "x" en "x"
  }
})"}});
  INFO(Errors(policies.diagnostics));
  CHECK(policies.policy_set != nullptr);
}

TEST_CASE("section file errors name the file", "[schema]") {
  TempDir dir;
  dir.Write("entry.json", kEntry);
  souple::Diagnostics diags;
  const std::string entry = (dir.path / "entry.json").string();

  SECTION("missing section file") {
    dir.Write("activity/purposes.json", kPurposes);
    CHECK_FALSE(souple::ReadActivitySchema(entry, "entry.json", diags).has_value());
    CHECK_THAT(Errors(diags), Catch::Contains("consent.json") && Catch::Contains("E5001"));
  }
  SECTION("a definition declared in two files") {
    dir.Write("activity/purposes.json", kPurposes);
    dir.Write("activity/consent.json", R"({"type": "boolean", "$defs": {"Purpose": {"type": "string"}}})");
    CHECK_FALSE(souple::ReadActivitySchema(entry, "entry.json", diags).has_value());
    CHECK_THAT(Errors(diags), Catch::Contains("E2020") && Catch::Contains("definition `Purpose` is also defined"));
  }
  SECTION("a reference outside the folder") {
    dir.Write("activity/purposes.json", R"({"type": "array", "items": {"$ref": "../../etc/x.json"}})");
    CHECK_FALSE(souple::ReadActivitySchema(entry, "entry.json", diags).has_value());
    CHECK_THAT(Errors(diags), Catch::Contains("must name a `.json` file below this file's folder"));
  }
  SECTION("a file that refers to itself") {
    dir.Write("activity/purposes.json", R"({"type": "array", "items": {"$ref": "purposes.json"}})");
    CHECK_FALSE(souple::ReadActivitySchema(entry, "entry.json", diags).has_value());
    CHECK_THAT(Errors(diags), Catch::Contains("refers to itself"));
  }
  SECTION("invalid JSON") {
    dir.Write("activity/purposes.json", "{\"type\": ");
    CHECK_FALSE(souple::ReadActivitySchema(entry, "entry.json", diags).has_value());
    CHECK_THAT(Errors(diags), Catch::Contains("purposes.json") && Catch::Contains("not valid JSON"));
  }
}

TEST_CASE("a French catalogue NAME.fr.json gives the French of NAME.json's descriptions", "[schema]") {
  TempDir dir;
  dir.Write("entry.json", kEntry);
  dir.Write("entry.fr.json", R"({"descriptions": {"/properties/purposes": "Pourquoi"}})");
  dir.Write("activity/purposes.json", kPurposes);
  dir.Write("activity/consent.json", R"({"type": "object", "additionalProperties": false,
    "properties": {"freely_given": {"type": "boolean", "description": "Whether consent is freely given."}}})");
  dir.Write("activity/consent.fr.json",
            R"({"descriptions": {"/properties/freely_given": "Indique si le consentement est libre."}})");
  souple::Diagnostics diags;
  auto schema = souple::ReadActivitySchema((dir.path / "entry.json").string(), "entry.json", diags);
  INFO(Errors(diags));
  REQUIRE(schema.has_value());
  CHECK(schema->text.find("\"x-description-fr\": \"Pourquoi\"") != std::string::npos);
  CHECK(schema->text.find("\"x-description-fr\": \"Indique si le consentement est libre.\"") != std::string::npos);
  // The assembled schema compiles, and a question about the field is asked in each language.
  const auto compiled = souple::CompilePolicies(*schema, {});
  INFO(compiled.diagnostics.RenderText());
  CHECK(compiled.policy_set != nullptr);
}

TEST_CASE("a French catalogue naming no described object is E2020", "[schema]") {
  TempDir dir;
  dir.Write("entry.json", kEntry);
  dir.Write("activity/purposes.json", kPurposes);
  dir.Write("activity/consent.json", kConsent);
  dir.Write("activity/consent.fr.json", R"({"descriptions": {"/properties/freely_givn": "Libre ?"}})");
  souple::Diagnostics diags;
  CHECK_FALSE(souple::ReadActivitySchema((dir.path / "entry.json").string(), "entry.json", diags).has_value());
  CHECK_THAT(Errors(diags), Catch::Contains("E2020") && Catch::Contains("`/properties/freely_givn` names no described object") &&
                                Catch::Contains("consent.fr.json"));
}
