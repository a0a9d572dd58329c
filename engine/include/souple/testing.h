// SPDX-License-Identifier: Apache-2.0
// Policy tests: YAML files kept next to the policies (`*.test.yaml`) that give activities
// and the findings expected from them. Run by `souple test`; see docs/policy-tests.md.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// One expected finding and how the actual one compared.
struct ExpectationResult {
  std::string rule_id;   ///< Full id (policy.rule).
  std::string element;   ///< Element path, or empty.
  std::string expected;  ///< Expected status, or `none` for "no finding".
  std::string actual;    ///< Actual status, or `none`.
  bool passed = false;
  std::vector<std::string> problems;  ///< Facts or missing paths not found, wrong status...
};

struct CaseResult {
  std::string file;  ///< Test file.
  uint32_t line = 0;
  std::string name;
  std::string origin;  ///< `regulator` when the expectation is the regulator's own example.
  std::string source;  ///< Where the regulator's example comes from.
  bool passed = false;
  std::vector<ExpectationResult> expectations;
  std::vector<std::string> unexpected;  ///< With `exhaustive: true`: findings not listed.
};

/// Which kinds of case each rule has: fires (not_met, or applies without `met when`),
/// does not fire (met, or no finding), exception (exempted), missing fact (unknown).
struct RuleCoverage {
  std::string rule_id;
  std::string policy_version;  ///< Coverage is per version: each version is its own text.
  bool has_exception = false;  ///< The rule has an `unless` clause.
  bool fires = false, does_not_fire = false, exception = false, missing = false;
  bool complete() const { return fires && does_not_fire && missing && (exception || !has_exception); }
};

struct TestRun {
  std::vector<CaseResult> cases;
  std::vector<RuleCoverage> coverage;  ///< Every rule of the set, by id.
  Diagnostics diagnostics;             ///< Malformed test files or activities.
  size_t Passed() const;
  size_t Failed() const;
};

/// A policy-test file larger than this is refused before it is parsed (E5003); so is an
/// activity it names over Limits::max_activity_bytes.
inline constexpr size_t kMaxTestFileBytes = 4u << 20;

/// Runs test files against a compiled policy set. Coverage is computed for the policies
/// whose ids are in `coverage_scope` (all of them when it is empty).
TestRun RunPolicyTests(const PolicySet& policies, const std::vector<SourceFile>& test_files,
                       const std::vector<std::string>& coverage_scope = {});

std::string RenderTestText(const TestRun& run, bool show_coverage);
std::string RenderTestJson(const TestRun& run);
std::string RenderTestJunit(const TestRun& run);

}  // namespace souple
#pragma GCC visibility pop
