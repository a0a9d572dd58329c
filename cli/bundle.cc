// SPDX-License-Identifier: Apache-2.0
#include "bundle.h"

#include <cstdlib>
#include <filesystem>

#include "souple/bundle.h"

namespace souple::cli {

namespace fs = std::filesystem;

std::string DataRoot() {
  if (const char* home = std::getenv("SOUPLE_HOME"); home != nullptr && *home != '\0') return home;
  std::error_code ec;
  // Inside a Souple checkout (this folder or a parent), its policies are the ones edited.
  for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    if (IsDataRoot(dir.string())) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  return BundledDataRoot();  // installed next to the command, else the source tree
}

}  // namespace souple::cli
