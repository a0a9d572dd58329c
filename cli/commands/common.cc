// SPDX-License-Identifier: Apache-2.0
#include <filesystem>
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "io.h"
#include "souple/bundle.h"
#include "souple/release.h"
#include "souple/signing.h"

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

bool CheckReleaseSignature(const Release& release, const std::string& release_path, const std::string& signature,
                           const std::string& trusted_key, Diagnostics& diags) {
  const std::string signature_path = signature.empty() ? DefaultSignaturePath(release_path) : signature;
  auto key = ReadInputFile(trusted_key, diags, 4096);
  if (!key) return false;
  std::error_code ec;
  if (signature.empty() && !std::filesystem::exists(signature_path, ec)) {
    Diagnostic d;
    d.code = "E5006";
    d.name = "release-signature";
    d.message = "release " + release.id + " is not signed: no " + signature_path +
                " (--signature FILE names another file; souple release sign writes one)";
    d.location.file = release_path;
    diags.Add(std::move(d));
    return false;
  }
  auto sig = ReadInputFile(signature_path, diags, 64u << 10);
  if (!sig) return false;
  return VerifyReleaseSignature(release, {signature_path, std::move(*sig)}, {trusted_key, std::move(*key)}, diags);
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
    // A release from elsewhere is used only if the key one trusts signed it.
    if (loaded.policy_set != nullptr && !options.trusted_key.empty() &&
        !CheckReleaseSignature(loaded.release, options.release, options.signature, options.trusted_key, diags)) {
      PrintDiagnostics(diags, options.diagnostics_format);
      return out;
    }
    out.set = loaded.policy_set;
    out.release_id = loaded.release.id;
    out.release_hash = loaded.release.hash;
    out.release_date = loaded.release.date;
    out.release_schema = loaded.release.schema.text;
    return out;
  }
  const std::string root = DataRoot();
  std::vector<std::string> paths = options.paths;
  for (const auto& area : options.areas) paths.push_back(root + "/policies/" + area);
  PolicySources sources;
  if (!ReadPolicySources(paths, root, sources, diags)) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return out;
  }
  CompileResult result = CompilePolicies(sources.schema, sources.policies, {}, sources.shared_modules);
  PrintDiagnostics(result.diagnostics, options.diagnostics_format);
  out.set = result.policy_set;
  return out;
}

std::shared_ptr<const PolicySet> BundledSchemaSetFor(const LoadedPolicies& loaded, const char* command) {
  if (loaded.release_schema.empty()) return nullptr;
  Diagnostics schema_diags;
  auto bundled = ReadActivitySchema(DataRoot() + "/schemas/activity.schema.json", "schemas/activity.schema.json",
                                    schema_diags);
  if (!bundled || bundled->text == loaded.release_schema) return nullptr;
  std::shared_ptr<const PolicySet> set = CompilePolicies(*bundled, {}).policy_set;
  if (set != nullptr) {
    std::cerr << "souple: " << command << ": release " << loaded.release_id
              << " embeds another activity schema than the bundled one: descriptions are checked "
                 "against the bundled schema, and the facts the release's schema predates are not read\n";
  }
  return set;
}

LoadResult LoadActivityFor(const PolicySet& set, const PolicySet* written_for, const SourceFile& source) {
  if (written_for == nullptr) return LoadActivity(set, source);
  LoadResult strict = LoadActivity(*written_for, source);
  if (strict.activity == nullptr) return strict;
  return LoadActivityWrittenFor(set, source, *strict.activity);
}

}  // namespace souple::cli
