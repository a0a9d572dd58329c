// SPDX-License-Identifier: Apache-2.0
// Lints: warnings about policies that compile but are probably not what their author meant
// (docs/lint.md). `souple lint` is a thin face over LintPolicies.
#pragma once

#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

struct LintOptions {
  Limits limits;
  /// Modules the policies may import without linting them (e.g. the bundled `common/`).
  std::vector<SourceFile> shared_modules;
};

struct LintResult {
  /// Compile errors (then no lint runs), or the lints found (warnings L001–L009), sorted.
  Diagnostics diagnostics;
  bool compiled = false;
  size_t lints = 0;    ///< Lints reported.
  size_t allowed = 0;  ///< Lints silenced by a `lint: allow CODE reason` comment.
};

/// Compiles `policies` against `schema`; when they compile, runs every lint on them. A lint
/// is silenced by a comment `// lint: allow L00N <reason>` in the comment block directly
/// above the declaration it concerns (the reason is required: L009 otherwise).
LintResult LintPolicies(const SourceFile& schema, const std::vector<SourceFile>& policies,
                        const LintOptions& options = {});

}  // namespace souple
#pragma GCC visibility pop
