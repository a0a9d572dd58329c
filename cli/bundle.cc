// SPDX-License-Identifier: Apache-2.0
#include "bundle.h"

#include <cstdlib>
#include <filesystem>

namespace souple::cli {

namespace fs = std::filesystem;

namespace {
bool IsDataRoot(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "schemas" / "activity.schema.json", ec) && fs::is_directory(dir / "policies", ec);
}
}  // namespace

std::string DataRoot() {
  if (const char* home = std::getenv("SOUPLE_HOME"); home != nullptr && *home != '\0') return home;
  std::error_code ec;
  // Inside a Souple checkout (this folder or a parent), its policies are the ones edited.
  for (fs::path dir = fs::current_path(ec); !ec && !dir.empty(); dir = dir.parent_path()) {
    if (IsDataRoot(dir)) return dir.string();
    if (dir == dir.parent_path()) break;
  }
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const fs::path installed = exe.parent_path().parent_path() / "share" / "souple";
    if (fs::exists(installed / "schemas" / "activity.schema.json", ec)) return installed.string();
  }
  return SOUPLE_SOURCE_DIR;
}

}  // namespace souple::cli
