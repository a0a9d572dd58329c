// SPDX-License-Identifier: Apache-2.0
#include "base/diag_codes.h"

namespace souple::internal {

namespace {
struct Entry {
  const char* code;
  const char* name;
};
constexpr Entry kEntries[] = {
#define X(e, code, name) {code, name},
#include "base/diag_codes.def"
#undef X
};
}  // namespace

const char* CodeString(DiagCode c) { return kEntries[static_cast<int>(c)].code; }
const char* CodeName(DiagCode c) { return kEntries[static_cast<int>(c)].name; }

Diagnostic MakeError(DiagCode c, std::string message, Location loc,
                     std::vector<std::string> help) {
  Diagnostic d;
  d.severity = Severity::kError;
  d.code = CodeString(c);
  d.name = CodeName(c);
  d.message = std::move(message);
  d.location = std::move(loc);
  d.help = std::move(help);
  return d;
}

Diagnostic MakeWarning(DiagCode c, std::string message, Location loc,
                       std::vector<std::string> help) {
  Diagnostic d = MakeError(c, std::move(message), std::move(loc), std::move(help));
  d.severity = Severity::kWarning;
  return d;
}

}  // namespace souple::internal
