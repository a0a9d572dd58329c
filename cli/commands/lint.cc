// SPDX-License-Identifier: Apache-2.0
// `souple lint [PATH...] [--strict]`: the lints of policies that compile (docs/lint.md).
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/files.h"
#include "souple/lint.h"

namespace souple::cli {

int RunLint(const LintCommandOptions& options) {
  Diagnostics diags;
  PolicySources sources;
  // Given files still import the bundled shared modules, which are not linted themselves.
  if (!ReadPolicySources(options.policies.paths, DataRoot(), sources, diags)) {
    PrintDiagnostics(diags, options.policies.diagnostics_format);
    return kInvalidInput;
  }
  LintOptions lint;
  lint.shared_modules = std::move(sources.shared_modules);
  const LintResult result = LintPolicies(sources.schema, sources.policies, lint);
  if (!result.compiled) {
    PrintDiagnostics(result.diagnostics, options.policies.diagnostics_format);
    return kInvalidInput;
  }
  // The lints are the command's result: on standard output.
  if (options.format == "json") {
    std::cout << result.diagnostics.RenderJson() << "\n";
  } else if (!result.diagnostics.items().empty()) {
    std::cout << result.diagnostics.RenderText();
  }
  std::cerr << "souple lint: " << result.lints << " lint(s), " << result.allowed << " allowed by comment, in "
            << sources.policies.size() << " file(s)\n";
  return options.strict && result.lints > 0 ? kFindings : kOk;
}

}  // namespace souple::cli
