// SPDX-License-Identifier: Apache-2.0
// Public API: compiled schemas and policy sets are immutable, shared, and evaluated from several threads.
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "souple/engine.h"

namespace {

const char* kSchema = R"({
  "type": "object", "additionalProperties": false,
  "properties": {
    "items": {"type": "array", "items": {
      "type": "object", "additionalProperties": false,
      "properties": {"id": {"type": "string"}, "keep": {"type": "string", "format": "duration"}}}}
  }})";

const char* kPolicy = R"(policy t.threads {
  title fr "T" en "T"
  version "1"
  status final
  effective 2020-01-01
  source S { publisher "CNIL" title "T" }
  rule keep_short {
    kind recommendation
    confidence confirmed
    for i in items
    met when i.keep <= 3 years
    cite S "§ 1"
    fr "{i.id} : {i.keep}"
    en "{i.id}: {i.keep}"
  }
})";

}  // namespace

TEST_CASE("one compiled policy set evaluated from several threads gives identical reports",
          "[api][threads]") {
  auto compiled = souple::CompilePolicies({"schema.json", kSchema}, {{"t.souple", kPolicy}});
  REQUIRE(compiled.policy_set != nullptr);
  auto loaded = souple::LoadActivity(
      *compiled.policy_set,
      {"a.yaml", "items:\n  - {id: A, keep: P5Y}\n  - {id: B, keep: P2Y}\n  - {id: C}\n"});
  REQUIRE(loaded.activity != nullptr);
  const souple::EvalOptions options{"2026-01-01"};
  const std::string expected =
      souple::RenderJson(souple::Evaluate(*compiled.policy_set, *loaded.activity, options));
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 200; ++i) {
        results[t] = souple::RenderJson(souple::Evaluate(*compiled.policy_set, *loaded.activity, options));
      }
    });
  }
  for (auto& th : threads) th.join();
  for (const auto& r : results) CHECK(r == expected);
  const souple::Report report = souple::Evaluate(*compiled.policy_set, *loaded.activity, options);
  REQUIRE(report.findings.size() == 3);
  CHECK(report.findings[0].status == "not_met");
  CHECK(report.findings[0].message_en == "A: 5 years");
  CHECK(report.findings[1].status == "met");
  CHECK(report.findings[2].status == "unknown");
  CHECK(report.findings[2].missing == std::vector<std::string>{"items[2].keep"});
}

namespace {
std::string Slurp(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}
}  // namespace

TEST_CASE("the bundled set loads and evaluates every example from several threads at once",
          "[api][threads]") {
  namespace fs = std::filesystem;
  const fs::path root = SOUPLE_SOURCE_DIR;
  std::vector<fs::path> policy_paths, example_paths;
  for (const auto& e : fs::recursive_directory_iterator(root / "policies")) {
    if (e.path().extension() == ".souple") policy_paths.push_back(e.path());
  }
  for (const auto& e : fs::directory_iterator(root / "examples")) {
    if (e.path().extension() == ".yaml") example_paths.push_back(e.path());
  }
  std::sort(policy_paths.begin(), policy_paths.end());
  std::sort(example_paths.begin(), example_paths.end());
  std::vector<souple::SourceFile> policies;
  for (const auto& p : policy_paths) policies.push_back({p.string(), Slurp(p)});
  souple::Diagnostics schema_diags;
  const auto schema = souple::ReadActivitySchema((root / "schemas" / "activity.schema.json").string(),
                                                 "activity.schema.json", schema_diags);
  REQUIRE(schema.has_value());
  const auto compiled = souple::CompilePolicies(*schema, policies);
  REQUIRE(compiled.policy_set != nullptr);
  REQUIRE(example_paths.size() >= 5);

  // Each thread loads (yaml-cpp) and evaluates every example, in both languages.
  auto run_all = [&] {
    std::string out;
    for (const auto& p : example_paths) {
      const auto loaded = souple::LoadActivity(*compiled.policy_set, {p.string(), Slurp(p)});
      if (loaded.activity == nullptr) return std::string("load failed: ") + p.string();
      const auto report = souple::Evaluate(*compiled.policy_set, *loaded.activity, {"2025-06-01"});
      out += souple::RenderJson(report) + souple::RenderText(report, souple::Language::kFrench);
    }
    return out;
  };
  const std::string expected = run_all();
  REQUIRE(expected.find("load failed") == std::string::npos);
  std::vector<std::string> results(4);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < results.size(); ++t) threads.emplace_back([&, t] { results[t] = run_all(); });
  for (auto& th : threads) th.join();
  for (const auto& r : results) CHECK(r == expected);
}

TEST_CASE("a schema compiled once serves several policy sets", "[api]") {
  const auto schema = souple::CompileSchema({"schema.json", kSchema});
  REQUIRE(schema.schema != nullptr);
  const auto a = souple::CompilePolicies(*schema.schema, {{"t.souple", kPolicy}});
  const auto b = souple::CompilePolicies(*schema.schema, {{"t.souple", kPolicy}});
  REQUIRE(a.policy_set != nullptr);
  REQUIRE(b.policy_set != nullptr);
  // The same texts give the same set, whichever way the schema was read.
  const auto direct = souple::CompilePolicies({"schema.json", kSchema}, {{"t.souple", kPolicy}});
  REQUIRE(direct.policy_set != nullptr);
  CHECK(a.policy_set->hash() == direct.policy_set->hash());
  CHECK(b.policy_set->hash() == a.policy_set->hash());
  // An activity loaded by one set is evaluated by the other (same schema).
  const auto loaded = souple::LoadActivity(*a.policy_set, {"a.yaml", "items:\n  - {id: A, keep: P5Y}\n"});
  REQUIRE(loaded.activity != nullptr);
  CHECK(souple::Evaluate(*b.policy_set, *loaded.activity, {"2026-01-01"}).findings.size() == 1);

  const auto bad = souple::CompileSchema({"bad.json", R"({"type": "object", "properties": {"x": {"type": "bogus"}}})"});
  CHECK(bad.schema == nullptr);
  CHECK(bad.diagnostics.HasErrors());
}
