// SPDX-License-Identifier: Apache-2.0
// Finding and loading policies: the bundled set shipped with Souple (share/souple), a folder
// of one's own, or both. Every program that compiles policies from files (the `souple`
// command, its server, an embedding GRC tool) goes through these calls.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// True when `dir` holds `schemas/activity.schema.json` and `policies/`.
bool IsDataRoot(const std::string& dir);

/// The folder holding the bundled `policies/` and `schemas/`, with no configuration:
/// $SOUPLE_HOME if set; else `share/souple` next to the program or library that holds the
/// engine (`<prefix>/bin/..` or `<prefix>/lib[/<multiarch>]/..`); else the data folder of the
/// prefix the engine was configured to install to; else the source tree it was built from.
std::string BundledDataRoot();

/// Expands files and folders (recursively, `*.souple`, in sorted order) into policy
/// sources. `display_root`, when set, is stripped from the paths shown in diagnostics and
/// reports. Unreadable paths and empty folders are E5001 diagnostics; returns false then.
bool CollectPolicies(const std::vector<std::string>& paths, const std::string& display_root,
                     std::vector<SourceFile>& out, Diagnostics& diags);

/// What compiling a policy set from files takes.
struct PolicySources {
  SourceFile schema;                       ///< The data root's activity schema, assembled.
  std::vector<SourceFile> policies;        ///< The files compiled.
  std::vector<SourceFile> shared_modules;  ///< Bundled modules their imports may resolve to.
};

/// Reads the activity schema of `data_root` (empty: BundledDataRoot()) and the policies at
/// `paths`, or every bundled policy when `paths` is empty. Given paths also get the bundled
/// modules as shared modules, so that a folder of one's own may `import common.gdpr`. Paths
/// inside the data root are shown relative to it, as bundled ones are.
bool ReadPolicySources(const std::vector<std::string>& paths, const std::string& data_root,
                       PolicySources& out, Diagnostics& diags);

struct LoadOptions {
  std::string data_root;  ///< Empty: BundledDataRoot().
  Limits limits = {};
};

/// Compiles the bundled policy set. Errors (no data root, a policy that does not compile)
/// are in the result's diagnostics, with a null policy set.
CompileResult LoadBundled(const LoadOptions& options = {});

/// Compiles the policies of a folder (or one file) against the bundled activity schema,
/// resolving imports of bundled modules.
CompileResult LoadPolicyFolder(const std::string& path, const LoadOptions& options = {});

}  // namespace souple
#pragma GCC visibility pop
