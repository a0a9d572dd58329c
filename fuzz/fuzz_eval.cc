// SPDX-License-Identifier: Apache-2.0
// Fuzzes load + evaluate: a YAML activity evaluated by the bundled set on two dates, with
// full explanations and verdicts only, rendered in every format; then one finding (chosen
// by the input's size) explained with its why-not, which must give the report's status.
#include <cstdlib>

#include "fuzz_support.h"
#include "souple/explain.h"

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
    if (full.findings.empty()) continue;
    const souple::Finding& f = full.findings[size % full.findings.size()];
    if (f.id.find(":scope") != std::string::npos) continue;  // named after the policy, not a rule
    souple::ExplainOptions explain;
    explain.evaluation_date = date;
    explain.rule = f.id;
    const souple::ExplainResult x = souple::Explain(set, *loaded.activity, explain);
    if (x.explanations.size() != 1 || x.explanations[0].status != f.status) std::abort();
    (void)souple::RenderExplanationText(x, true);
    (void)souple::RenderExplanationJson(x, "a.yaml", date);
  }
  return 0;
}
