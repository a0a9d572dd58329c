// SPDX-License-Identifier: Apache-2.0
// EvalOptions::Detail::kVerdicts: the same findings as a full evaluation (same ids, rules,
// kinds, statuses, elements, in the same order), without their explanations; on the
// bundled policies and every bundled example.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "souple/engine.h"

namespace fs = std::filesystem;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

const souple::PolicySet& Bundled() {
  static const std::shared_ptr<const souple::PolicySet> set = [] {
    souple::Diagnostics diags;
    const auto schema = souple::ReadActivitySchema(SOUPLE_SOURCE_DIR "/schemas/activity.schema.json", "schema", diags);
    REQUIRE(schema.has_value());
    std::vector<souple::SourceFile> files;
    for (const auto& e : fs::recursive_directory_iterator(SOUPLE_SOURCE_DIR "/policies")) {
      if (e.path().extension() == ".souple") files.push_back({e.path().string(), Slurp(e.path())});
    }
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
    auto compiled = souple::CompilePolicies(*schema, files);
    INFO(compiled.diagnostics.RenderText());
    REQUIRE(compiled.policy_set != nullptr);
    return compiled.policy_set;
  }();
  return *set;
}

}  // namespace

TEST_CASE("verdicts are the full evaluation's findings without their explanations", "[verdicts]") {
  size_t examples = 0, findings = 0;
  for (const auto& e : fs::directory_iterator(SOUPLE_SOURCE_DIR "/examples")) {
    if (e.path().extension() != ".yaml") continue;
    INFO(e.path().filename().string());
    auto loaded = souple::LoadActivity(Bundled(), {e.path().string(), Slurp(e.path())});
    REQUIRE(loaded.activity != nullptr);
    souple::EvalOptions full{"2026-12-01"}, verdicts{"2026-12-01"};
    verdicts.detail = souple::EvalOptions::Detail::kVerdicts;
    const auto a = souple::Evaluate(Bundled(), *loaded.activity, full);
    const auto b = souple::Evaluate(Bundled(), *loaded.activity, verdicts);
    REQUIRE(a.findings.size() == b.findings.size());
    for (size_t i = 0; i < a.findings.size(); ++i) {
      const auto &x = a.findings[i], &y = b.findings[i];
      INFO("finding " << i << ": " << x.id);
      CHECK(x.id == y.id);
      CHECK(x.rule_id == y.rule_id);
      CHECK(x.policy_id == y.policy_id);
      CHECK(x.policy_version == y.policy_version);
      CHECK(x.kind == y.kind);
      CHECK(x.confidence == y.confidence);
      CHECK(x.status == y.status);
      CHECK(x.element == y.element);
      CHECK(y.message_en.empty());
      CHECK(y.citations.empty());
    }
    CHECK(b.questions.empty());
    ++examples;
    findings += a.findings.size();
  }
  CHECK(examples >= 15);
  CHECK(findings > 500);
}
