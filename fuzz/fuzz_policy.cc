// SPDX-License-Identifier: Apache-2.0
// Fuzzes the policy compiler (parse, check, compile) against the bundled schema; a policy
// that compiles is evaluated on a fixed activity, so fuzzed expressions reach the evaluator.
// Every input that parses is also formatted (souple fmt): the layout must pass its own token
// check (an internal error aborts) and be a fixed point.
#include <cstdlib>

#include "fuzz_support.h"
#include "souple/format.h"

namespace {

void CheckFormatter(const std::string& text) {
  const souple::FormatResult once = souple::FormatSource({"fuzz.souple", text});
  if (once.status == souple::FormatStatus::kInternalError) std::abort();
  if (once.status != souple::FormatStatus::kFormatted) return;
  const souple::FormatResult twice = souple::FormatSource({"fuzz.souple", once.text});
  if (twice.status != souple::FormatStatus::kFormatted || twice.changed) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = souple_fuzz::Text(data, size);
  CheckFormatter(text);
  const auto compiled = souple::CompilePolicies(souple_fuzz::CompiledSchema(), {{"fuzz.souple", text}});
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
