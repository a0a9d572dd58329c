// SPDX-License-Identifier: Apache-2.0
// `souple explain ACTIVITY --rule ID[@ELEMENT]`: why a rule decided what it did for one
// activity, and which changes of facts would change that (the library's Explain).
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "souple/explain.h"
#include "souple/register.h"

namespace souple::cli {

int RunExplain(const ExplainCommandOptions& options) {
  const std::string date = options.as_of.empty() ? TodayUtc() : options.as_of;
  if (!IsValidDate(date)) {
    std::cerr << "souple: --as-of: `" << options.as_of << "` is not a date (YYYY-MM-DD)\n";
    return kUsage;
  }
  const LoadedPolicies loaded = LoadPolicies(options.policies);
  if (loaded.set == nullptr) return kInvalidInput;
  const std::shared_ptr<const PolicySet> written_for = BundledSchemaSetFor(loaded, "explain");

  // One description: a file, or standard input (read as --stdin-format says).
  RegisterOptions register_options;
  register_options.stdin_format = options.stdin_format == "jsonl" ? "json" : options.stdin_format;
  RegisterReader reader({options.activity}, register_options);
  Diagnostics diags;
  SourceFile source;
  const bool got = reader.Next(source, diags);
  SourceFile extra;
  if (got && reader.Next(extra, diags)) {
    std::cerr << "souple: explain: `" << options.activity
              << "` holds several activities: explain takes one (a file, or one entry of a register)\n";
    return kUsage;
  }
  if (!got || diags.HasErrors()) {
    PrintDiagnostics(diags, options.policies.diagnostics_format);
    return kInvalidInput;
  }
  LoadResult activity = LoadActivityFor(*loaded.set, written_for.get(), source);
  if (activity.activity == nullptr) {
    PrintDiagnostics(activity.diagnostics, options.policies.diagnostics_format);
    return kInvalidInput;
  }
  souple::ExplainOptions explain;
  explain.evaluation_date = date;
  explain.rule = options.rule;
  explain.final_only = options.final_only;
  explain.why_not = !options.no_why_not;
  const ExplainResult result = Explain(*loaded.set, *activity.activity, explain);
  PrintDiagnostics(result.diagnostics, options.policies.diagnostics_format);
  if (result.diagnostics.HasErrors()) return kInvalidInput;
  std::cout << (options.format == "json" ? RenderExplanationJson(result, source.path, date)
                                         : RenderExplanationText(result, options.lang != "en"));
  return kOk;
}

}  // namespace souple::cli
