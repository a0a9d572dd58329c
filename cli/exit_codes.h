// SPDX-License-Identifier: Apache-2.0
// The documented exit codes of `souple` (README.md, "Exit codes").
#pragma once

namespace souple::cli {

enum ExitCode : int {
  kOk = 0,            ///< Success; no finding at or above --fail-on.
  kFindings = 1,      ///< Evaluated; findings at or above --fail-on are not met.
  kInvalidInput = 2,  ///< Invalid policies, schema or activity (diagnostics on stderr).
  kUsage = 3,         ///< Bad command line.
  kInternal = 4,      ///< Internal error (a bug: please report it).
};

}  // namespace souple::cli
