// SPDX-License-Identifier: Apache-2.0
// Fuzzes the release reader (JSON, hashes, embedded schema and policies, recompilation).
#include "fuzz_support.h"
#include "souple/release.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto loaded = souple::LoadRelease({"r.json", souple_fuzz::Text(data, size)});
  (void)loaded.diagnostics.RenderText();
  (void)loaded.diagnostics.RenderJson();
  if (loaded.policy_set != nullptr) {
    (void)souple::RenderReleaseText(loaded.release);
    (void)souple::RenderReleaseJson(loaded.release);
  }
  return 0;
}
