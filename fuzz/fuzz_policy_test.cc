// SPDX-License-Identifier: Apache-2.0
// Fuzzes the policy-test reader: a `.test.yaml` file run against the bundled set.
#include "fuzz_support.h"
#include "souple/testing.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto run = souple::RunPolicyTests(souple_fuzz::BundledSet(),
                                          {{"fuzz.test.yaml", souple_fuzz::Text(data, size)}});
  (void)souple::RenderTestText(run, true);
  (void)souple::RenderTestJson(run);
  (void)souple::RenderTestJunit(run);
  return 0;
}
