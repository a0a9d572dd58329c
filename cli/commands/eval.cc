// SPDX-License-Identifier: Apache-2.0
// `souple eval ACTIVITY...`: evaluates activity descriptions against the policies in force.
#include <ctime>
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"

namespace souple::cli {

std::string TodayUtc() {
  const std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

namespace {

int Rank(const std::string& kind) {
  if (kind == "obligation" || kind == "formality") return 0;
  if (kind == "recommendation") return 1;
  return 2;
}

int Threshold(const std::string& fail_on) {
  if (fail_on == "obligation") return 0;
  if (fail_on == "recommendation") return 1;
  if (fail_on == "good_practice") return 2;
  return -1;  // never
}
}  // namespace

int RunEval(const EvalOptions& options) {
  const std::string date = options.as_of.empty() ? TodayUtc() : options.as_of;
  if (!IsValidDate(date)) {
    std::cerr << "souple: --as-of: `" << options.as_of << "` is not a date (YYYY-MM-DD)\n";
    return kUsage;
  }
  const LoadedPolicies loaded_policies = LoadPolicies(options.policies);
  const auto& set = loaded_policies.set;
  if (set == nullptr) return kInvalidInput;
  // Load every activity before printing anything: bad input leaves stdout empty.
  std::vector<std::shared_ptr<const Activity>> activities;
  Diagnostics diags;
  for (const auto& path : options.activities) {
    auto text = ReadFile(path, diags);
    if (!text) continue;
    LoadResult loaded = LoadActivity(*set, {path, std::move(*text)});
    diags.Append(loaded.diagnostics);
    if (loaded.activity != nullptr) activities.push_back(loaded.activity);
  }
  PrintDiagnostics(diags, options.policies.diagnostics_format);
  if (diags.HasErrors()) return kInvalidInput;

  std::string out;
  bool failing = false;
  const int threshold = Threshold(options.fail_on);
  const bool json = options.format == "json";
  if (json && activities.size() > 1) out += "[\n";
  for (size_t i = 0; i < activities.size(); ++i) {
    souple::EvalOptions eval_options;
    eval_options.evaluation_date = date;
    eval_options.final_only = options.final_only;
    Report report = Evaluate(*set, *activities[i], eval_options);
    report.release_id = loaded_policies.release_id;
    report.release_hash = loaded_policies.release_hash;
    for (const auto& f : report.findings) {
      if (f.status == "not_met" && Rank(f.kind) <= threshold) failing = true;
    }
    if (json) {
      if (i > 0) out += ",\n";
      out += RenderJson(report);
    } else {
      if (i > 0) out += "\n" + std::string(72, '-') + "\n\n";
      out += RenderText(report, options.lang == "en" ? Language::kEnglish : Language::kFrench);
    }
  }
  if (json && activities.size() > 1) out += "]\n";
  std::cout << out << std::flush;
  return failing ? kFindings : kOk;
}

}  // namespace souple::cli
