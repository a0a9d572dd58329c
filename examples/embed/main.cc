// SPDX-License-Identifier: Apache-2.0
// What a GRC tool linking Souple does: compile the installed bundled policies (found with no
// configuration), evaluate the activity description named on the command line on a date,
// and print the number of policies and the counts of findings by status.
//
//   embed ACTIVITY.yaml [YYYY-MM-DD]          exit 0, or 2 with the diagnostics on stderr
#include <iostream>
#include <string>

#include "souple/bundle.h"
#include "souple/engine.h"
#include "souple/files.h"
#include "souple/report.h"

int main(int argc, char** argv) {
  if (argc < 2 || argc > 3) {
    std::cerr << "usage: embed ACTIVITY [YYYY-MM-DD]\n";
    return 3;
  }
  const std::string date = argc == 3 ? argv[2] : "2026-01-15";
  if (!souple::IsValidDate(date)) {
    std::cerr << "embed: " << date << " is not a YYYY-MM-DD date\n";
    return 3;
  }
  // 1. The policy set: compiled once, immutable, shareable between threads.
  const souple::CompileResult compiled = souple::LoadBundled();
  if (compiled.policy_set == nullptr) {
    std::cerr << compiled.diagnostics.RenderText();
    return 2;
  }
  // 2. The activity, read safely (size limit, no FIFO) and checked against the schema.
  souple::Diagnostics diags;
  const auto text = souple::ReadInputFile(argv[1], diags);
  if (!text) {
    std::cerr << diags.RenderText();
    return 2;
  }
  const souple::LoadResult loaded = souple::LoadActivity(*compiled.policy_set, {argv[1], *text});
  if (loaded.activity == nullptr) {
    std::cerr << loaded.diagnostics.RenderText();
    return 2;
  }
  // 3. The evaluation: the policies in force on the date.
  souple::EvalOptions options;
  options.evaluation_date = date;
  const souple::Report report = souple::Evaluate(*compiled.policy_set, *loaded.activity, options);
  std::cout << compiled.policy_set->policies().size() << " policies; not_met " << report.Count("not_met")
            << ", unknown " << report.Count("unknown") << ", met " << report.Count("met") << '\n';
  return 0;
}
