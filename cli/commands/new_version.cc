// SPDX-License-Identifier: Apache-2.0
// `souple new-version FILE --version V --effective D [--status S] [-o OUT]`.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/scaffold.h"

namespace souple::cli {

int RunNewVersion(const NewVersionOptions& options) {
  Diagnostics diags;
  auto text = ReadFile(options.file, diags);
  if (!text) {
    PrintDiagnostics(diags, "text");
    return kInvalidInput;
  }
  ScaffoldResult r = ScaffoldNewVersion({options.file, std::move(*text)},
                                        {options.version, options.effective, options.status});
  PrintDiagnostics(r.diagnostics, "text");
  if (r.text.empty()) return kInvalidInput;
  if (options.output.empty() || options.output == "-") {
    std::cout << r.text;
    return kOk;
  }
  if (!WriteFileAtomically(options.output, r.text, options.force, "new-version")) return kInvalidInput;
  std::cerr << "wrote " << options.output << '\n';
  return kOk;
}

}  // namespace souple::cli
