// SPDX-License-Identifier: Apache-2.0
// Shared by the libFuzzer harnesses: the bundled schema and policy set, compiled once.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdio>
#include <cstdlib>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "souple/engine.h"

namespace souple_fuzz {

inline std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The bundled activity schema (schemas/activity.schema.json).
inline const souple::SourceFile& BundledSchema() {
  static const souple::SourceFile schema = [] {
    souple::Diagnostics diags;
    auto bundled = souple::ReadActivitySchema(
        (std::filesystem::path(SOUPLE_SOURCE_DIR) / "schemas" / "activity.schema.json").string(),
        "activity.schema.json", diags);
    if (!bundled) std::abort();
    return *bundled;
  }();
  return schema;
}

/// The bundled schema, compiled once per process.
inline const souple::ActivitySchema& CompiledSchema() {
  static const std::shared_ptr<const souple::ActivitySchema> schema = [] {
    auto compiled = souple::CompileSchema(BundledSchema());
    if (compiled.schema == nullptr) abort();
    return compiled.schema;
  }();
  return *schema;
}

/// The bundled policies (policies/**/*.souple), in a stable order.
inline std::vector<souple::SourceFile> BundledPolicies() {
  std::vector<std::filesystem::path> paths;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::filesystem::path(SOUPLE_SOURCE_DIR) / "policies")) {
    if (entry.is_regular_file() && entry.path().extension() == ".souple") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<souple::SourceFile> files;
  for (const auto& p : paths) files.push_back({p.string(), ReadFile(p)});
  return files;
}

/// The bundled policy set, compiled once per process; aborts if it does not compile (the
/// harness would test nothing).
inline const souple::PolicySet& BundledSet() {
  static const std::shared_ptr<const souple::PolicySet> set = [] {
    auto compiled = souple::CompilePolicies(CompiledSchema(), BundledPolicies());
    if (compiled.policy_set == nullptr) {
      fputs(compiled.diagnostics.RenderText().c_str(), stderr);
      abort();
    }
    return compiled.policy_set;
  }();
  return *set;
}

inline std::string Text(const uint8_t* data, size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

}  // namespace souple_fuzz
