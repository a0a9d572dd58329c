// SPDX-License-Identifier: Apache-2.0
// The subcommands. Each takes plain options (parsed in main.cc) and returns an exit code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "souple/engine.h"

namespace souple::cli {

struct PolicyOptions {
  std::vector<std::string> paths;          ///< Empty: the bundled policies.
  std::string diagnostics_format = "text";  ///< text | json (always on stderr)
};

struct EvalOptions {
  PolicyOptions policies;
  std::vector<std::string> activities;
  std::string format = "text";  ///< text | json
  std::string lang = "fr";      ///< fr | en (text format)
  std::string as_of;            ///< YYYY-MM-DD; default today (UTC)
  std::string fail_on = "obligation";  ///< obligation | recommendation | good_practice | never
  bool final_only = false;              ///< Leave out draft texts.
};

struct TestOptions {
  PolicyOptions policies;
  std::vector<std::string> tests;  ///< Test files or folders; default: next to the policies.
  std::string format = "text";     ///< text | json | junit
  bool coverage = false;           ///< Print the per-rule coverage table.
  bool require_coverage = false;   ///< Exit 1 when a rule lacks one of the four kinds of case.
};

int RunCheck(const PolicyOptions& options, const std::string& format);
int RunTest(const TestOptions& options);
int RunEval(const EvalOptions& options);

// Shared by the commands (common.cc).
void PrintDiagnostics(const Diagnostics& diags, const std::string& format);
/// Compiles the requested (or bundled) policies; prints diagnostics and returns null on error.
std::shared_ptr<const PolicySet> LoadPolicySet(const PolicyOptions& options);

}  // namespace souple::cli
