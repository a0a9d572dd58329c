// SPDX-License-Identifier: Apache-2.0
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "io.h"

namespace souple::cli {

void PrintDiagnostics(const Diagnostics& diags, const std::string& format) {
  if (diags.items().empty()) return;
  std::cerr << (format == "json" ? diags.RenderJson() : diags.RenderText());
}

std::shared_ptr<const PolicySet> LoadPolicySet(const PolicyOptions& options) {
  Diagnostics diags;
  const std::string root = DataRoot();
  const std::string schema_path = root + "/schemas/activity.schema.json";
  auto schema_text = ReadFile(schema_path, diags);
  std::vector<SourceFile> sources;
  const bool bundled = options.paths.empty();
  const bool ok = CollectPolicies(bundled ? std::vector<std::string>{root + "/policies"} : options.paths,
                                  bundled ? root : std::string(), sources, diags);
  if (!schema_text || !ok) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return nullptr;
  }
  CompileResult result = CompilePolicies({"schemas/activity.schema.json", *schema_text}, sources);
  PrintDiagnostics(result.diagnostics, options.diagnostics_format);
  return result.policy_set;
}

}  // namespace souple::cli
