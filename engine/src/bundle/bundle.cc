// SPDX-License-Identifier: Apache-2.0
#include "souple/bundle.h"

#include <dlfcn.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>

#include "base/diag_codes.h"
#include "souple/files.h"

namespace souple {

namespace fs = std::filesystem;

namespace {

Diagnostic IoError(const std::string& path, const std::string& message) {
  return internal::MakeError(internal::DiagCode::kIoError, message, Location{path, 0, 0, 0});
}

/// The file (program or shared library) this function was loaded from.
fs::path ThisModule() {
  Dl_info info{};
  if (dladdr(reinterpret_cast<void*>(&ThisModule), &info) != 0 && info.dli_fname != nullptr &&
      *info.dli_fname != '\0') {
    std::error_code ec;
    fs::path p = fs::canonical(info.dli_fname, ec);
    if (!ec) return p;
  }
  std::error_code ec;
  return fs::read_symlink("/proc/self/exe", ec);
}

}  // namespace

bool IsDataRoot(const std::string& dir) {
  std::error_code ec;
  return fs::is_regular_file(fs::path(dir) / "schemas" / "activity.schema.json", ec) &&
         fs::is_directory(fs::path(dir) / "policies", ec);
}

std::string BundledDataRoot() {
  if (const char* home = std::getenv("SOUPLE_HOME"); home != nullptr && *home != '\0') return home;
  // bin/souple, lib/libsouple.so and lib/x86_64-linux-gnu/libsouple.so sit one or two
  // levels below their prefix.
  const fs::path dir = ThisModule().parent_path();
  for (const fs::path& prefix : {dir.parent_path(), dir.parent_path().parent_path()}) {
    const fs::path candidate = prefix / "share" / "souple";
    if (!prefix.empty() && IsDataRoot(candidate.string())) return candidate.string();
  }
  if (IsDataRoot(SOUPLE_INSTALL_DATADIR)) return SOUPLE_INSTALL_DATADIR;
  return SOUPLE_SOURCE_DIR;
}

bool CollectPolicies(const std::vector<std::string>& paths, const std::string& display_root,
                     std::vector<SourceFile>& out, Diagnostics& diags) {
  bool ok = true;
  for (const auto& p : paths) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".souple") files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) {
        diags.Add(IoError(p, "the folder holds no policy file (*.souple)"));
        ok = false;
        continue;
      }
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      diags.Add(IoError(p, "no such file or directory"));
      ok = false;
      continue;
    }
    for (const auto& f : files) {
      auto text = ReadInputFile(f, diags);
      if (!text) {
        ok = false;
        continue;
      }
      std::string shown = f;
      if (!display_root.empty()) shown = fs::relative(f, display_root, ec).string();
      out.push_back({shown, std::move(*text)});
    }
  }
  return ok;
}

bool ReadPolicySources(const std::vector<std::string>& paths, const std::string& data_root,
                       PolicySources& out, Diagnostics& diags) {
  const std::string root = data_root.empty() ? BundledDataRoot() : data_root;
  if (!IsDataRoot(root)) {
    diags.Add(IoError(root, "not a Souple data folder (no schemas/activity.schema.json and policies/): "
                            "set SOUPLE_HOME to the share/souple folder of an installation"));
    return false;
  }
  auto schema = ReadActivitySchema(root + "/schemas/activity.schema.json", "schemas/activity.schema.json", diags);
  const bool bundled = paths.empty();
  bool inside = !bundled;
  for (const auto& p : paths) inside = inside && p.rfind(root + "/", 0) == 0;
  bool ok = CollectPolicies(bundled ? std::vector<std::string>{root + "/policies"} : paths,
                            bundled || inside ? root : std::string(), out.policies, diags);
  // A folder given alone still resolves imports of the bundled shared modules (common.gdpr,
  // cnil.ai.common, ...): CompilePolicies takes only those it needs.
  if (ok && !bundled) ok = CollectPolicies({root + "/policies"}, root, out.shared_modules, diags);
  if (!schema || !ok) return false;
  out.schema = std::move(*schema);
  return true;
}

namespace {
CompileResult Load(const std::vector<std::string>& paths, const LoadOptions& options) {
  PolicySources sources;
  CompileResult result;
  if (!ReadPolicySources(paths, options.data_root, sources, result.diagnostics)) return result;
  return CompilePolicies(sources.schema, sources.policies, options.limits, sources.shared_modules);
}
}  // namespace

CompileResult LoadBundled(const LoadOptions& options) { return Load({}, options); }

CompileResult LoadPolicyFolder(const std::string& path, const LoadOptions& options) {
  return Load({path}, options);
}

}  // namespace souple
