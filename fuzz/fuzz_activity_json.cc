// SPDX-License-Identifier: Apache-2.0
// Fuzzes the activity loader on JSON text (strict: one value), against the bundled schema;
// and differentially, the JSON fast path against the careful path: they must accept the
// same texts, build the same trees and say the same about what they refuse.
#include <cstdlib>

#include "document/document.h"
#include "fuzz_support.h"
#include "schema/schema.h"

namespace {

const souple::internal::Schema& InternalSchema() {
  static const std::unique_ptr<souple::internal::Schema> schema = [] {
    souple::Diagnostics diags;
    auto s = souple::internal::Schema::Load("schema.json", souple_fuzz::BundledSchema().text, diags);
    if (s == nullptr) std::abort();
    return s;
  }();
  return *schema;
}

// Kinds, values and lines (columns: yaml-cpp counts bytes, the fast path code points).
bool Same(const souple::internal::DocNode& a, const souple::internal::DocNode& b) {
  if (a.kind != b.kind || a.type != b.type || a.bool_value != b.bool_value || a.int_value != b.int_value ||
      a.text != b.text || a.date_value != b.date_value || !(a.duration_value == b.duration_value) ||
      a.items.size() != b.items.size() || (a.kind != souple::internal::DocNode::Kind::kAbsent && a.line != b.line)) {
    return false;
  }
  for (size_t i = 0; i < a.items.size(); ++i) {
    if (!Same(a.items[i], b.items[i])) return false;
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text = souple_fuzz::Text(data, size);
  const auto loaded = souple::LoadActivity(souple_fuzz::BundledSet(), {"a.json", text});
  (void)loaded.diagnostics.RenderText();
  (void)loaded.diagnostics.RenderJson();

  souple::internal::DocumentOptions fast, careful;
  careful.json_fast_path = false;
  souple::Diagnostics fast_diags, careful_diags;
  const auto a = souple::internal::LoadDocument("a.json", text, InternalSchema().root(), fast_diags, fast);
  const auto b = souple::internal::LoadDocument("a.json", text, InternalSchema().root(), careful_diags, careful);
  if ((a == nullptr) != (b == nullptr)) std::abort();
  if (a != nullptr && !Same(*a, *b)) std::abort();
  if (fast_diags.RenderText() != careful_diags.RenderText()) std::abort();
  return 0;
}
