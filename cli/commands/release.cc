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
#include "souple/signing.h"

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
  const std::string& diag_format = options.policies.diagnostics_format;
  Diagnostics diags;
  if (options.action == "keygen") {
    const SigningKeyPair keys = GenerateSigningKeys();
    if (!WriteFileAtomically(options.secret_key, keys.secret_key, options.force, "release keygen", 0600) ||
        !WriteFileAtomically(options.public_key, keys.public_key, options.force, "release keygen")) {
      return kInvalidInput;
    }
    std::cerr << "wrote " << options.secret_key << " (secret: keep it private) and " << options.public_key
              << " (public: give it to whoever uses your releases); key id " << keys.key_id << '\n';
    return kOk;
  }
  auto text = ReadFile(options.file, diags);
  if (!text) {
    PrintDiagnostics(diags, diag_format);
    return kInvalidInput;
  }
  ReleaseResult loaded = LoadRelease({options.file, std::move(*text)});
  if (options.action == "sign" || options.action == "verify") {
    // The integrity check (every text against its sha256) comes first: a signature vouches
    // for the hash, the hash for the texts.
    PrintReleaseDiagnostics(loaded.diagnostics, options.file, diag_format);
  } else {
    PrintDiagnostics(loaded.diagnostics, diag_format);
  }
  if (loaded.policy_set == nullptr) return kInvalidInput;
  if (options.action == "sign") {
    auto key = ReadInputFile(options.secret_key, diags, 4096);
    auto signature = key ? SignRelease(loaded.release, {options.secret_key, std::move(*key)}, diags) : std::nullopt;
    const std::string out = options.signature.empty() ? DefaultSignaturePath(options.file) : options.signature;
    if (!signature) {
      PrintDiagnostics(diags, diag_format);
      return kInvalidInput;
    }
    if (!WriteFileAtomically(out, *signature, options.force, "release sign")) return kInvalidInput;
    std::cerr << "wrote " << out << ": release " << loaded.release.id << " of " << loaded.release.date << ", sha256:"
              << loaded.release.hash << '\n';
    return kOk;
  }
  if (options.action == "verify") {
    if (!CheckReleaseSignature(loaded.release, options.file, options.signature, options.trusted_key, diags)) {
      PrintDiagnostics(diags, diag_format);
      return kInvalidInput;
    }
    Diagnostics ignored;
    const std::string key_id = [&] {
      auto key = ReadInputFile(options.trusted_key, ignored, 4096);
      auto id = key ? SigningKeyId({options.trusted_key, *key}, ignored) : std::nullopt;
      return id ? *id : std::string("?");
    }();
    std::cout << "ok: release " << loaded.release.id << " of " << loaded.release.date << " (sha256:"
              << loaded.release.hash << "): every embedded text matches its sha256, and the signature verifies "
              << "with the trusted key " << key_id << '\n';
    return kOk;
  }
  if (options.format == "json") {
    std::cout << RenderReleaseManifestJson(loaded.release);
  } else {
    std::cout << RenderReleaseText(loaded.release) << "integrity: every embedded text matches its sha256\n";
  }
  return kOk;
}

}  // namespace souple::cli
