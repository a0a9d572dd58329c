// SPDX-License-Identifier: Apache-2.0
// Fuzzes the policy compiler (parse, check, compile) against the bundled schema; a policy
// that compiles is evaluated on a fixed activity, so fuzzed expressions reach the evaluator.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto compiled =
      souple::CompilePolicies(souple_fuzz::CompiledSchema(), {{"fuzz.souple", souple_fuzz::Text(data, size)}});
  (void)compiled.diagnostics.RenderText();
  (void)compiled.diagnostics.RenderJson();
  if (compiled.policy_set == nullptr) return 0;
  static const std::string activity = souple_fuzz::ReadFile(
      std::filesystem::path(SOUPLE_SOURCE_DIR) / "tests" / "reliability" / "repro" / "base-activity.yaml");
  const auto loaded = souple::LoadActivity(*compiled.policy_set, {"a.yaml", activity});
  if (loaded.activity == nullptr) return 0;
  const auto report = souple::Evaluate(*compiled.policy_set, *loaded.activity, {"2025-06-01"});
  (void)souple::RenderText(report, souple::Language::kFrench);
  (void)souple::RenderJson(report);
  return 0;
}
