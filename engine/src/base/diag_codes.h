// SPDX-License-Identifier: Apache-2.0
// Stable diagnostic codes and a helper to build diagnostics from them.
#pragma once

#include <string>

#include "souple/diagnostic.h"

namespace souple::internal {

enum class DiagCode {
#define X(e, code, name) e,
#include "base/diag_codes.def"
#undef X
};

const char* CodeString(DiagCode c);
const char* CodeName(DiagCode c);

/// Builds a warning diagnostic at `loc` (reported, but does not make a policy set invalid).
Diagnostic MakeWarning(DiagCode c, std::string message, Location loc,
                       std::vector<std::string> help = {});

/// Builds an error diagnostic at `loc`.
Diagnostic MakeError(DiagCode c, std::string message, Location loc,
                     std::vector<std::string> help = {});

}  // namespace souple::internal
