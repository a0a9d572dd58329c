// SPDX-License-Identifier: Apache-2.0
#include "io.h"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iostream>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace souple::cli {

namespace fs = std::filesystem;

std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags) {
  return ReadInputFile(path, diags, kMaxInputBytes);
}

bool WriteFileAtomically(const std::string& path, const std::string& text, bool force,
                         const std::string& what, unsigned mode) {
  auto fail = [&](const std::string& why) {
    std::cerr << "souple: " << what << ": " << path << ": " << why << " [E5001]\n";
    return false;
  };
  std::error_code ec;
  if (!force && fs::exists(path, ec)) return fail("exists (--force to overwrite it)");
  std::string tmp = path + ".tmpXXXXXX";
  const int fd = ::mkstemp(tmp.data());
  if (fd < 0) return fail("cannot write: " + std::string(std::strerror(errno)));
  size_t done = 0;
  bool ok = true;
  while (done < text.size()) {
    const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      ok = false;
      break;
    }
    done += static_cast<size_t>(n);
  }
  ok = ok && ::fchmod(fd, static_cast<mode_t>(mode)) == 0 && ::fsync(fd) == 0;
  ok = ::close(fd) == 0 && ok;
  ok = ok && ::rename(tmp.c_str(), path.c_str()) == 0;
  if (!ok) {
    const std::string why = std::strerror(errno);
    ::unlink(tmp.c_str());
    return fail("cannot write: " + why);
  }
  return true;
}

}  // namespace souple::cli
