// SPDX-License-Identifier: Apache-2.0
// Fuzzes load + evaluate: a YAML activity evaluated by the bundled set on two dates, with
// full explanations and verdicts only, rendered in every format.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const souple::PolicySet& set = souple_fuzz::BundledSet();
  const auto loaded = souple::LoadActivity(set, {"a.yaml", souple_fuzz::Text(data, size)});
  if (loaded.activity == nullptr) return 0;
  for (const char* date : {"2019-06-01", "2026-06-01"}) {
    souple::EvalOptions options{date};
    const auto full = souple::Evaluate(set, *loaded.activity, options);
    (void)souple::RenderText(full, souple::Language::kFrench);
    (void)souple::RenderText(full, souple::Language::kEnglish);
    (void)souple::RenderJson(full);
    options.detail = souple::EvalOptions::Detail::kVerdicts;
    (void)souple::RenderJson(souple::Evaluate(set, *loaded.activity, options));
  }
  return 0;
}
