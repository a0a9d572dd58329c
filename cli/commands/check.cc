// SPDX-License-Identifier: Apache-2.0
// `souple check [PATH...]`: validates policies; reports every error.
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"

namespace souple::cli {

int RunCheck(const PolicyOptions& options) {
  auto set = LoadPolicySet(options);
  if (set == nullptr) return kInvalidInput;
  size_t rules = 0;
  for (const auto& p : set->policies()) rules += p.rule_count;
  std::cout << "ok: " << set->policies().size() << " policies, " << rules << " rules (sha256:"
            << set->hash().substr(0, 16) << "…)\n";
  for (const auto& p : set->policies()) {
    std::cout << "  " << p.id << ' ' << p.version << " [" << p.status << "] effective " << p.effective;
    if (!p.until.empty()) std::cout << " until " << p.until;
    std::cout << ", " << p.rule_count << " rules (" << p.file << ")\n";
  }
  return kOk;
}

}  // namespace souple::cli
