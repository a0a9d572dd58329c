// SPDX-License-Identifier: Apache-2.0
// `souple diff OLD NEW [--replay REGISTER]`: compare two releases (or policy files or
// folders) rule by rule, and optionally replay a record of processing under both.
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "bundle.h"
#include "io.h"
#include "souple/register.h"
#include "souple/diff.h"
#include "souple/release.h"

namespace souple::cli {

namespace fs = std::filesystem;

namespace {


struct Side {
  std::shared_ptr<const PolicySet> set;
  std::string label, date;
  std::vector<std::string> files;  // the files compared (policy paths, not releases)
};

// A release file (`.json`), or policy files and folders compiled with the bundled schema.
bool LoadSide(const std::string& path, const std::string& date, const std::string& format, Side& out) {
  Diagnostics diags;
  if (EndsWith(path, ".json")) {
    auto text = ReadFile(path, diags);
    if (!text) {
      PrintDiagnostics(diags, format);
      return false;
    }
    ReleaseResult r = LoadRelease({path, std::move(*text)});
    PrintReleaseDiagnostics(r.diagnostics, path, format);
    if (r.policy_set == nullptr) return false;
    out = {r.policy_set, "release " + r.release.id, date.empty() ? r.release.date : date, {}};
    return true;
  }
  // The given files are compiled with the rest of the bundled set (for imports and `see`
  // references), replacing their bundled copies, and only they are compared.
  PolicySources sources;
  std::vector<SourceFile> given;
  if (!ReadPolicySources({}, DataRoot(), sources, diags) || !CollectPolicies({path}, "", given, diags)) {
    PrintDiagnostics(diags, format);
    return false;
  }
  const SourceFile& schema = sources.schema;
  std::vector<SourceFile>& bundled = sources.policies;
  std::vector<fs::path> given_paths;
  std::vector<std::string> compared;
  for (const auto& g : given) {
    std::error_code ec;
    given_paths.push_back(fs::weakly_canonical(g.path, ec));
    compared.push_back(g.path);
  }
  // Which policy versions do the given files declare? Compile them with the bundled
  // modules (a `see` to a rule elsewhere is only a warning); then leave out the bundled
  // files that declare the same versions, or are the given files themselves.
  const std::string root = DataRoot();
  CompileResult whole = CompilePolicies(schema, bundled);
  std::vector<std::string> module_files;
  if (whole.policy_set != nullptr) {
    for (const auto& b : bundled) {
      bool declares = false;
      for (const auto& p : whole.policy_set->policies()) declares = declares || p.file == b.path;
      if (!declares) module_files.push_back(b.path);
    }
  }
  std::vector<SourceFile> probe = given;
  for (const auto& b : bundled) {
    if (std::find(module_files.begin(), module_files.end(), b.path) != module_files.end()) probe.push_back(b);
  }
  std::vector<std::pair<std::string, std::string>> versions;
  CompileResult given_only = CompilePolicies(schema, probe);
  if (given_only.policy_set != nullptr) {
    for (const auto& p : given_only.policy_set->policies()) versions.emplace_back(p.id, p.version);
  }
  std::vector<SourceFile> files = given;
  for (auto& b : bundled) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(fs::path(root) / b.path, ec);
    bool replaced = std::find(given_paths.begin(), given_paths.end(), canonical) != given_paths.end();
    if (whole.policy_set != nullptr) {
      for (const auto& p : whole.policy_set->policies()) {
        if (p.file == b.path &&
            std::find(versions.begin(), versions.end(), std::make_pair(p.id, p.version)) != versions.end()) {
          replaced = true;
        }
      }
    }
    if (!replaced) files.push_back(std::move(b));
  }
  CompileResult c = CompilePolicies(schema, files);
  PrintDiagnostics(c.diagnostics, format);
  if (c.policy_set == nullptr) return false;
  out = {c.policy_set, path, date, compared};
  return true;
}

// A folder of YAML/JSON activities, or a JSON Lines file (one activity per line).
// The register, through the library's reader (folders recursively, JSON Lines, `-`).
bool ReadRegister(const std::string& path, std::vector<SourceFile>& out, Diagnostics& diags) {
  RegisterReader reader({path});
  SourceFile source;
  while (reader.Next(source, diags)) out.push_back(std::move(source));
  return !diags.HasErrors();
}

}  // namespace

int RunDiff(const DiffOptions& options) {
  const std::string old_date = options.old_as_of.empty() ? options.as_of : options.old_as_of;
  const std::string new_date = options.new_as_of.empty() ? options.as_of : options.new_as_of;
  for (const auto& d : {old_date, new_date}) {
    if (!d.empty() && !IsValidDate(d)) {
      std::cerr << "souple: diff: `" << d << "` is not a date (YYYY-MM-DD)\n";
      return kUsage;
    }
  }
  Side before, after;
  if (!LoadSide(options.old_path, old_date, options.diagnostics_format, before) ||
      !LoadSide(options.new_path, new_date, options.diagnostics_format, after)) {
    return kInvalidInput;
  }
  const DiffSide old_side{before.set.get(), before.label, before.date, before.files};
  const DiffSide new_side{after.set.get(), after.label, after.date, after.files};
  const Language lang = options.lang == "en" ? Language::kEnglish : Language::kFrench;
  if (options.replay.empty() && options.format == "markdown") {
    std::cerr << "souple: diff: --format markdown is the replay report: give --replay REGISTER\n";
    return kUsage;
  }
  if (options.replay.empty()) {
    const DiffReport diff = DiffPolicySets(old_side, new_side);
    std::cout << (options.format == "json" ? RenderDiffJson(diff) : RenderDiffText(diff));
    return kOk;
  }
  Diagnostics diags;
  std::vector<SourceFile> activities;
  if (!ReadRegister(options.replay, activities, diags)) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return kInvalidInput;
  }
  // The register is written for the bundled schema: checked strictly against it, read on
  // each release with the facts that release's schema predates left out.
  Diagnostics schema_diags;
  CompileResult register_schema;
  if (auto schema = ReadActivitySchema(DataRoot() + "/schemas/activity.schema.json",
                                       "schemas/activity.schema.json", schema_diags)) {
    register_schema = CompilePolicies(*schema, {});
  }
  ReplayOptions replay_options;
  replay_options.register_schema = register_schema.policy_set.get();
  const ReplayReport replay = Replay(old_side, new_side, activities, TodayUtc(), diags, replay_options);
  PrintDiagnostics(diags, options.diagnostics_format);
  if (diags.HasErrors()) return kInvalidInput;
  if (options.format == "json") {
    std::cout << RenderReplayJson(replay);
  } else if (options.format == "markdown") {
    std::cout << RenderReplayMarkdown(replay, lang);
  } else {
    std::cout << RenderDiffText(replay.diff) << '\n' << RenderReplayMarkdown(replay, lang);
  }
  return kOk;
}

}  // namespace souple::cli
