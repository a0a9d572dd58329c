// SPDX-License-Identifier: Apache-2.0
// Schema v1 -> v2: `souple migrate` (MigrateActivity) and the loader's refusal of v1 fields in
// a v2 description; loader errors of the v2 sections, on the bundled schema.
#include <catch2/catch.hpp>

#include <filesystem>

#include "souple/engine.h"
#include "souple/migrate.h"

namespace {

const char* const kV1 =
    "# A v1 description.\n"
    "activity:\n"
    "  id: A-1   # the id\n"
    "  name: Test\n"
    "organisation: {role: controller}\n"
    "\n"
    "# Measures in place.\n"
    "security_measures:   # v1 list\n"
    "  - backup\n"
    "  # only what was audited\n"
    "  - logging\n"
    "\n"
    "password_policy:\n"
    "  min_length: 12\n"
    "  hashed: true\n"
    "dpia: {dpia_done: true}\n";

const souple::PolicySet& Bundled() {
  static const std::shared_ptr<const souple::PolicySet> set = [] {
    const std::filesystem::path root = SOUPLE_SOURCE_DIR;
    souple::Diagnostics diags;
    auto schema = souple::ReadActivitySchema((root / "schemas" / "activity.schema.json").string(), "s.json", diags);
    REQUIRE(schema.has_value());
    // No policy: only the activity schema matters here.
    auto compiled = souple::CompilePolicies(*schema, {{"p.souple", "module t.m { source s { publisher \"x\" title \"y\" } }\n"}});
    INFO(compiled.diagnostics.RenderText());
    REQUIRE(compiled.policy_set != nullptr);
    return compiled.policy_set;
  }();
  return *set;
}

std::string Load(const std::string& text, const std::string& path = "a.yaml") {
  auto r = souple::LoadActivity(Bundled(), {path, text});
  return r.activity != nullptr ? "" : r.diagnostics.RenderText();
}

}  // namespace

TEST_CASE("migrate: v1 sections become security.measures and security.passwords, comments kept", "[migrate]") {
  const auto r = souple::MigrateActivity({"a.yaml", kV1});
  INFO(r.diagnostics.RenderText());
  REQUIRE_FALSE(r.text.empty());
  CHECK(r.text ==
        "# A v1 description.\n"
        "activity:\n"
        "  schema_version: \"2\"\n"
        "  id: A-1   # the id\n"
        "  name: Test\n"
        "organisation: {role: controller}\n"
        "\n"
        "# Measures in place.\n"
        "  # v1 list\n"
        "  # only what was audited\n"
        "security:\n"
        "  measures:\n"
        "    backup: true\n"
        "    logging: true\n"
        "  passwords:\n"
        "    min_length: 12\n"
        "\n"
        "dpia: {dpia_done: true}\n");
  // `hashed` says nothing of the algorithm: asked, not guessed.
  REQUIRE(r.unmapped.size() == 1);
  CHECK_THAT(r.unmapped[0], Catch::Contains("password_policy.hashed") && Catch::Contains("security.passwords.storage"));
  CHECK(Load(r.text).empty());  // a valid v2 description
}

TEST_CASE("migrate: into an existing security block, a flow-style activity, JSON", "[migrate]") {
  SECTION("existing block") {
    const auto r = souple::MigrateActivity(
        {"a.yaml", "activity: {id: A, name: N}\norganisation: {role: controller}\nsecurity:\n  risk_analysis_done: true\nsecurity_measures: [backup]\n"});
    INFO(r.diagnostics.RenderText());
    CHECK(r.text ==
          "activity: {schema_version: \"2\", id: A, name: N}\n"
          "organisation: {role: controller}\n"
          "security:\n"
          "  measures:\n"
          "    backup: true\n"
          "  risk_analysis_done: true\n");
    CHECK(Load(r.text).empty());
  }
  SECTION("JSON") {
    const auto r = souple::MigrateActivity(
        {"a.json", R"({"activity": {"id": "A", "name": "N"}, "organisation": {"role": "controller"}, "security_measures": ["backup"]})"});
    INFO(r.diagnostics.RenderText());
    CHECK(r.text.find("\"schema_version\": \"2\"") != std::string::npos);
    CHECK(r.text.find("\"backup\": true") != std::string::npos);
    CHECK(r.text.find("security_measures") == std::string::npos);
    CHECK(Load(r.text, "a.json").empty());
  }
}

TEST_CASE("migrate refuses what it cannot do safely", "[migrate]") {
  SECTION("already v2") {
    const auto r = souple::MigrateActivity({"a.yaml", "activity: {id: A, schema_version: \"2\"}\n"});
    CHECK(r.text.empty());
    CHECK_THAT(r.diagnostics.RenderText(), Catch::Contains("already declares schema_version 2"));
  }
  SECTION("a v1 field and its v2 replacement both stated") {
    const auto r = souple::MigrateActivity(
        {"a.yaml", "activity: {id: A}\nsecurity:\n  measures: {backup: false}\nsecurity_measures: [backup]\n"});
    CHECK(r.text.empty());
    CHECK_THAT(r.diagnostics.RenderText(), Catch::Contains("merge them by hand") && Catch::Contains("a.yaml:4:1"));
  }
}

TEST_CASE("v2 descriptions: v1 fields refused with the migration hint; section errors located", "[migrate][schema]") {
  SECTION("a v1 field in a v2 description") {
    const std::string errors = Load("activity: {id: A, name: N, schema_version: \"2\"}\norganisation: {role: controller}\npassword_policy: {min_length: 8}\n");
    CHECK_THAT(errors, Catch::Contains("a.yaml:3:1") && Catch::Contains("E4008") &&
                           Catch::Contains("security.passwords") && Catch::Contains("souple migrate"));
  }
  SECTION("the same field in a v1 description is accepted") {
    CHECK(Load("activity: {id: A, name: N}\norganisation: {role: controller}\npassword_policy: {min_length: 8}\n").empty());
  }
  SECTION("a wrong enum value in a v2 section, with its suggestion") {
    const std::string errors =
        Load("activity: {id: A, name: N, schema_version: \"2\"}\norganisation: {role: controller}\nsecurity:\n  passwords: {storage: bcrypt2}\n");
    CHECK_THAT(errors, Catch::Contains("a.yaml:4:24") && Catch::Contains("E4004") && Catch::Contains("bcrypt"));
  }
  SECTION("a fact stated twice") {
    const std::string errors =
        Load("activity: {id: A, name: N}\norganisation: {role: controller}\nbreaches:\n  register_kept: true\n  register_kept: false\n");
    CHECK_THAT(errors, Catch::Contains("a.yaml:5:3") && Catch::Contains("E4007"));
  }
  SECTION("a misspelt field of a v2 section") {
    const std::string errors = Load("activity: {id: A, name: N}\norganisation: {role: controller}\nchildren:\n  likely_used_by_minor: true\n");
    CHECK_THAT(errors, Catch::Contains("E4002") && Catch::Contains("likely_used_by_minors"));
  }
}
