// SPDX-License-Identifier: Apache-2.0
// `souple release build|inspect`: write and show content-addressed release files.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/release.h"

namespace souple::cli {

int RunRelease(const ReleaseOptions& options) {
  if (options.action == "build") {
    if (!IsValidDate(options.date)) {
      std::cerr << "souple: release build: --date `" << options.date << "` is not YYYY-MM-DD\n";
      return kUsage;
    }
    Diagnostics diags;
    PolicySources sources;
    if (!ReadPolicySources(options.policies.paths, DataRoot(), sources, diags)) {
      PrintDiagnostics(diags, options.policies.diagnostics_format);
      return kInvalidInput;
    }
    const SourceFile& schema = sources.schema;
    std::vector<SourceFile>& files = sources.policies;
    if (options.exclude_later) {
      // Leave out the files whose every policy takes effect after the release date: what
      // had not been published yet. Modules (no policy) stay.
      CompileResult all = CompilePolicies(schema, files);
      if (all.policy_set == nullptr) {
        PrintDiagnostics(all.diagnostics, options.policies.diagnostics_format);
        return kInvalidInput;
      }
      std::vector<SourceFile> kept;
      for (auto& f : files) {
        bool any = false, early = false;
        for (const auto& p : all.policy_set->policies()) {
          if (p.file != f.path) continue;
          any = true;
          early = early || p.effective <= options.date;
        }
        if (!any || early) kept.push_back(std::move(f));
      }
      files = std::move(kept);
    }
    ReleaseResult built = BuildRelease(options.id, options.date, schema, std::move(files));
    PrintDiagnostics(built.diagnostics, options.policies.diagnostics_format);
    if (built.policy_set == nullptr) return kInvalidInput;
    const std::string json = RenderReleaseJson(built.release);
    if (options.output.empty() || options.output == "-") {
      std::cout << json;
    } else {
      std::error_code ec;
      if (!options.force && std::filesystem::exists(options.output, ec)) {
        std::cerr << "souple: release build: " << options.output
                  << " exists: a published release is never rebuilt (--force to overwrite it) [E5001]\n";
        return kInvalidInput;
      }
      if (!WriteFileAtomically(options.output, json, true, "release build")) return kInvalidInput;
      std::cerr << "wrote " << options.output << ": release " << built.release.id << ", sha256:"
                << built.release.hash << '\n';
    }
    return kOk;
  }
  Diagnostics diags;
  auto text = ReadFile(options.file, diags);
  if (!text) {
    PrintDiagnostics(diags, options.policies.diagnostics_format);
    return kInvalidInput;
  }
  ReleaseResult loaded = LoadRelease({options.file, std::move(*text)});
  PrintDiagnostics(loaded.diagnostics, options.policies.diagnostics_format);
  if (loaded.policy_set == nullptr) return kInvalidInput;
  if (options.format == "json") {
    Release summary = loaded.release;
    summary.files.clear();  // the manifest without the embedded texts
    summary.schema.text.clear();
    std::string json = RenderReleaseJson(summary);
    std::cout << json;
  } else {
    std::cout << RenderReleaseText(loaded.release) << "integrity: every embedded text matches its sha256\n";
  }
  return kOk;
}

}  // namespace souple::cli
