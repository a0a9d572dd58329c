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
  std::error_code ec;
  if (!options.force && std::filesystem::exists(options.output, ec)) {
    std::cerr << "souple: new-version: " << options.output << " exists (--force to overwrite it)\n";
    return kInvalidInput;
  }
  std::ofstream out(options.output, std::ios::binary);
  out << r.text;
  if (!out) {
    std::cerr << "souple: cannot write " << options.output << '\n';
    return kInvalidInput;
  }
  std::cerr << "wrote " << options.output << '\n';
  return kOk;
}

}  // namespace souple::cli
