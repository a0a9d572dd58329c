// SPDX-License-Identifier: Apache-2.0
// Fuzzes the activity loader on JSON text (strict: one value), against the bundled schema.
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const auto loaded =
      souple::LoadActivity(souple_fuzz::BundledSet(), {"a.json", souple_fuzz::Text(data, size)});
  (void)loaded.diagnostics.RenderText();
  (void)loaded.diagnostics.RenderJson();
  return 0;
}
