// SPDX-License-Identifier: Apache-2.0
// Scaffolding a new version of a policy from the previous one (docs/yearly-update.md).
#pragma once

#include <string>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

struct NewVersionRequest {
  std::string version;    ///< The new version label.
  std::string effective;  ///< YYYY-MM-DD.
  std::string status;     ///< draft | final (default: keep the previous one's).
};

struct ScaffoldResult {
  std::string text;  ///< The new file, empty on error.
  Diagnostics diagnostics;
};

/// Copies a file holding one policy into its next version: sets `version`, `effective`
/// and `status`, drops `until`, and records `supersedes ID @ "PREVIOUS"`. Comments,
/// sources and rules are kept as they are, to be edited.
ScaffoldResult ScaffoldNewVersion(const SourceFile& previous, const NewVersionRequest& request);

}  // namespace souple
#pragma GCC visibility pop
