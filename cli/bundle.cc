// SPDX-License-Identifier: Apache-2.0
#include "bundle.h"

#include <cstdlib>
#include <filesystem>

namespace souple::cli {

namespace fs = std::filesystem;

std::string DataRoot() {
  if (const char* home = std::getenv("SOUPLE_HOME"); home != nullptr && *home != '\0') return home;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "souple";
    if (fs::exists(installed / "schemas" / "activity.schema.json", ec)) return installed.string();
  }
  return SOUPLE_SOURCE_DIR;
}

}  // namespace souple::cli
