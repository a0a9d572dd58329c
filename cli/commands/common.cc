// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "io.h"
#include "souple/release.h"

namespace souple::cli {

void PrintDiagnostics(const Diagnostics& diags, const std::string& format) {
  if (diags.items().empty()) return;
  std::cerr << (format == "json" ? diags.RenderJson() : diags.RenderText());
}

void PrintReleaseDiagnostics(const Diagnostics& diags, const std::string& release_file,
                             const std::string& format) {
  // A published release is never rebuilt: warnings about its policies are not actionable by
  // whoever uses it, so they are counted, not printed (`release inspect` lists them).
  if (diags.HasErrors()) {
    PrintDiagnostics(diags, format);
    return;
  }
  size_t warnings = 0;
  for (const auto& d : diags.items()) warnings += d.severity == Severity::kWarning ? 1 : 0;
  warnings += diags.omitted();
  if (warnings > 0) {
    std::cerr << "souple: " << release_file << ": " << warnings
              << " warning(s) about the release's policies, not repeated here (souple release inspect "
              << release_file << " lists them)\n";
  }
}

bool ReadPolicySources(const std::vector<std::string>& paths, SourceFile& schema,
                       std::vector<SourceFile>& files, Diagnostics& diags) {
  const std::string root = DataRoot();
  auto schema_file = ReadActivitySchema(root + "/schemas/activity.schema.json", "schemas/activity.schema.json", diags);
  const bool bundled = paths.empty();
  // Paths inside the data root (e.g. an --area) are shown relative to it, as bundled ones.
  bool inside = !bundled;
  for (const auto& p : paths) inside = inside && p.rfind(root + "/", 0) == 0;
  const bool ok = CollectPolicies(bundled ? std::vector<std::string>{root + "/policies"} : paths,
                                  bundled || inside ? root : std::string(), files, diags);
  if (!schema_file || !ok) return false;
  schema = std::move(*schema_file);
  return true;
}

LoadedPolicies LoadPolicies(const PolicyOptions& options) {
  LoadedPolicies out;
  Diagnostics diags;
  if (!options.release.empty()) {
    auto text = ReadFile(options.release, diags);
    if (!text) {
      PrintDiagnostics(diags, options.diagnostics_format);
      return out;
    }
    ReleaseResult loaded = LoadRelease({options.release, std::move(*text)});
    PrintReleaseDiagnostics(loaded.diagnostics, options.release, options.diagnostics_format);
    out.set = loaded.policy_set;
    out.release_id = loaded.release.id;
    out.release_hash = loaded.release.hash;
    out.release_date = loaded.release.date;
    return out;
  }
  SourceFile schema;
  std::vector<SourceFile> sources, shared;
  const std::string root = DataRoot();
  std::vector<std::string> paths = options.paths;
  for (const auto& area : options.areas) paths.push_back(root + "/policies/" + area);
  bool ok = ReadPolicySources(paths, schema, sources, diags);
  // A folder or an area given alone still resolves imports of the bundled shared modules
  // (common.gdpr, cnil.ai.common, ...): the library takes only those it needs.
  if (ok && !paths.empty()) ok = CollectPolicies({root + "/policies"}, root, shared, diags);
  if (!ok) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return out;
  }
  CompileResult result = CompilePolicies(schema, sources, {}, shared);
  PrintDiagnostics(result.diagnostics, options.diagnostics_format);
  out.set = result.policy_set;
  return out;
}

}  // namespace souple::cli
