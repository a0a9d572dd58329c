// SPDX-License-Identifier: Apache-2.0
#include "base/files.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include "base/diag_codes.h"
#include "souple/files.h"

namespace souple {

namespace internal {

int OpenRegularFile(const std::string& path, uint64_t max_bytes, uint64_t& size, Diagnostics& diags) {
  auto fail = [&](DiagCode code, const std::string& message) {
    diags.Add(MakeError(code, message, Location{path, 0, 0, 0}));
    return -1;
  };
  // O_NONBLOCK: opening a FIFO must not wait for a writer; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    return fail(DiagCode::kIoError, errno == ENOENT ? "no such file or directory" : "cannot read file");
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
    const bool dir = S_ISDIR(st.st_mode);
    ::close(fd);
    return fail(DiagCode::kIoError, dir ? "is a directory, not a file" : "is not a regular file");
  }
  if (static_cast<uint64_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail(DiagCode::kFileTooLarge, "file of " + std::to_string(st.st_size) +
                                             " bytes exceeds the limit of " + std::to_string(max_bytes));
  }
  ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  size = static_cast<uint64_t>(st.st_size);
  return fd;
}

}  // namespace internal

std::optional<std::string> ReadInputFile(const std::string& path, Diagnostics& diags,
                                         uint64_t max_bytes) {
  uint64_t size = 0;
  const int fd = internal::OpenRegularFile(path, max_bytes, size, diags);
  if (fd < 0) return std::nullopt;
  std::string text(static_cast<size_t>(size), '\0');
  size_t got = 0;
  while (got < text.size()) {
    const ssize_t n = ::read(fd, text.data() + got, text.size() - got);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    got += static_cast<size_t>(n);
  }
  ::close(fd);
  // A file that changed size while it was read is not the file that was checked.
  if (got != text.size()) {
    diags.Add(internal::MakeError(internal::DiagCode::kIoError, "cannot read file", Location{path, 0, 0, 0}));
    return std::nullopt;
  }
  return text;
}

}  // namespace souple
