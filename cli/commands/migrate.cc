// SPDX-License-Identifier: Apache-2.0
// `souple migrate FILE [-o OUT | --in-place]`: an activity description from schema v1 to v2.
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/migrate.h"

namespace souple::cli {

int RunMigrate(const MigrateOptions& options) {
  Diagnostics diags;
  auto text = ReadFile(options.file, diags);
  if (!text) {
    PrintDiagnostics(diags, "text");
    return kInvalidInput;
  }
  MigrationResult r = MigrateActivity({options.file, std::move(*text)});
  PrintDiagnostics(r.diagnostics, "text");
  if (r.text.empty()) return kInvalidInput;
  // The result must be a valid v2 description for the bundled schema: nothing is written
  // otherwise.
  LoadedPolicies loaded = LoadPolicies(PolicyOptions{});
  if (loaded.set == nullptr) return kInvalidInput;
  LoadResult check = LoadActivity(*loaded.set, {options.file, r.text});
  if (check.activity == nullptr) {
    std::cerr << "souple migrate: the migrated description is not valid; nothing written\n";
    PrintDiagnostics(check.diagnostics, "text");
    return kInvalidInput;
  }
  if (!options.quiet) {
    for (const auto& m : r.mapped) std::cerr << "mapped: " << m << '\n';
    for (const auto& u : r.unmapped) std::cerr << "to state by hand: " << u << '\n';
  }
  const std::string target = options.in_place ? options.file : options.output;
  if (target.empty() || target == "-") {
    std::cout << r.text;
    return kOk;
  }
  if (!WriteFileAtomically(target, r.text, options.force || options.in_place, "migrate")) return kInvalidInput;
  if (!options.quiet) std::cerr << "wrote " << target << '\n';
  return kOk;
}

}  // namespace souple::cli
