// SPDX-License-Identifier: Apache-2.0
// `souple test [PATH...]`: runs the policy tests (`*.test.yaml`) kept next to the policies.
#include <algorithm>
#include <filesystem>
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/testing.h"

namespace souple::cli {

namespace fs = std::filesystem;

namespace {
// Test files under the given paths (folders searched recursively).
std::vector<std::string> FindTestFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  for (const auto& p : paths) {
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        const std::string name = it->path().filename().string();
        if (it->is_regular_file() && name.size() > 10 && name.substr(name.size() - 10) == ".test.yaml") {
          out.push_back(it->path().string());
        }
      }
    } else {
      out.push_back(p);
    }
  }
  std::sort(out.begin(), out.end());
  return out;
}
}  // namespace

int RunTest(const TestOptions& options) {
  auto set = LoadPolicies(options.policies).set;
  if (set == nullptr) return kInvalidInput;
  const bool bundled = options.policies.paths.empty();
  const std::string root = DataRoot();
  const std::vector<std::string> search = options.tests.empty()
                                              ? (bundled ? std::vector<std::string>{root + "/policies"} : options.policies.paths)
                                              : options.tests;
  Diagnostics diags;
  std::vector<SourceFile> files;
  for (const auto& path : FindTestFiles(search)) {
    auto text = ReadFile(path, diags);
    if (!text) continue;
    std::error_code ec;
    const std::string shown = bundled && options.tests.empty() ? fs::relative(path, root, ec).string() : path;
    files.push_back({shown, std::move(*text)});
  }
  PrintDiagnostics(diags, options.policies.diagnostics_format);
  if (diags.HasErrors()) return kInvalidInput;
  // Test files name their base activities relative to themselves: run from the data root
  // when the paths shown are relative to it.
  std::error_code ec;
  const fs::path cwd = fs::current_path(ec);
  if (bundled && options.tests.empty()) fs::current_path(root, ec);
  // Coverage concerns the policies that live under the test paths (all when none is given).
  std::vector<std::string> scope;
  if (!options.tests.empty()) {
    for (const auto& p : set->policies()) {
      const fs::path file = bundled ? fs::path(root) / p.file : fs::path(p.file);
      const std::string abs = fs::weakly_canonical(file, ec).string();
      for (const auto& t : options.tests) {
        const std::string dir = fs::weakly_canonical(fs::path(t), ec).string();
        const std::string test_dir = fs::is_directory(dir, ec) ? dir : fs::path(dir).parent_path().string();
        if (abs.rfind(test_dir + "/", 0) == 0) scope.push_back(p.id);
      }
    }
    if (scope.empty()) scope.push_back("");  // no policy under the paths: no coverage entries
  }
  const TestRun run = RunPolicyTests(*set, files, scope);
  if (bundled && options.tests.empty()) fs::current_path(cwd, ec);
  PrintDiagnostics(run.diagnostics, options.policies.diagnostics_format);
  if (run.diagnostics.HasErrors()) return kInvalidInput;
  if (options.format == "json") {
    std::cout << RenderTestJson(run);
  } else if (options.format == "junit") {
    std::cout << RenderTestJunit(run);
  } else {
    std::cout << RenderTestText(run, options.coverage);
  }
  if (run.Failed() > 0) return kFindings;
  if (options.require_coverage) {
    for (const auto& r : run.coverage) {
      if (!r.complete()) return kFindings;
    }
  }
  return kOk;
}

}  // namespace souple::cli
