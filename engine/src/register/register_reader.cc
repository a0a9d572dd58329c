// SPDX-License-Identifier: Apache-2.0
#include "souple/register.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <deque>
#include <filesystem>

#include "base/diag_codes.h"
#include "base/files.h"
#include "souple/files.h"

namespace souple {

namespace fs = std::filesystem;
using internal::DiagCode;
using internal::EndsWith;
using internal::MakeError;

namespace {

bool IsActivityFile(const fs::path& p) {
  const std::string ext = p.extension().string();
  return ext == ".yaml" || ext == ".yml" || ext == ".json";
}

// Lines of a stream (a JSON Lines file or standard input), read in blocks.
class LineStream {
 public:
  LineStream(int fd, bool owned) : fd_(fd), owned_(owned) {}
  ~LineStream() {
    if (owned_) ::close(fd_);
  }
  LineStream(const LineStream&) = delete;
  LineStream& operator=(const LineStream&) = delete;

  enum class Result { kLine, kTooLong, kEnd, kError };

  // The next line (without its end of line), at most `max` bytes.
  Result Next(std::string& line, uint64_t max, uint64_t& bytes_read) {
    line.clear();
    while (true) {
      const size_t nl = buffer_.find('\n', start_);
      if (nl != std::string::npos) {
        line.append(buffer_, start_, nl - start_);
        start_ = nl + 1;
        ++number_;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return line.size() > max ? Result::kTooLong : Result::kLine;
      }
      line.append(buffer_, start_, std::string::npos);
      buffer_.clear();
      start_ = 0;
      if (line.size() > max) {
        ++number_;
        return Result::kTooLong;
      }
      if (eof_) {
        if (line.empty()) return Result::kEnd;
        ++number_;
        return Result::kLine;
      }
      char block[1 << 16];
      const ssize_t n = ::read(fd_, block, sizeof block);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return Result::kError;
      if (n == 0) {
        eof_ = true;
        continue;
      }
      bytes_read += static_cast<uint64_t>(n);
      buffer_.assign(block, static_cast<size_t>(n));
    }
  }
  uint32_t line_number() const { return number_; }

 private:
  int fd_;
  bool owned_;
  std::string buffer_;
  size_t start_ = 0;
  bool eof_ = false;
  uint32_t number_ = 0;
};

}  // namespace

struct RegisterReader::Impl {
  struct Input {
    std::string path;  // "-" for standard input
    bool empty_folder = false;
  };
  RegisterOptions options;
  std::deque<Input> pending;
  std::unique_ptr<LineStream> lines;  // the JSON Lines input being read, if any
  std::string lines_path;
  uint64_t read = 0, total = 0;
};

RegisterReader::RegisterReader(std::vector<std::string> inputs, RegisterOptions options)
    : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
  for (const auto& input : inputs) {
    std::error_code ec;
    if (input != "-" && fs::is_directory(input, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(input, fs::directory_options::skip_permission_denied, ec);
           !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (it->is_regular_file(ec) && IsActivityFile(it->path())) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      if (files.empty()) impl_->pending.push_back({input, true});
      for (auto& f : files) {
        const auto size = fs::file_size(f, ec);
        if (!ec) impl_->total += size;
        impl_->pending.push_back({std::move(f)});
      }
      continue;
    }
    if (input != "-") {
      const auto size = fs::file_size(input, ec);
      if (!ec) impl_->total += size;
    }
    impl_->pending.push_back({input});
  }
}

RegisterReader::~RegisterReader() = default;

uint64_t RegisterReader::bytes_read() const { return impl_->read; }
uint64_t RegisterReader::bytes_total() const { return impl_->total; }

bool RegisterReader::Next(SourceFile& out, Diagnostics& diags) {
  Impl& m = *impl_;
  const uint64_t max = m.options.max_entry_bytes;
  while (true) {
    if (m.lines != nullptr) {
      std::string line;
      const LineStream::Result r = m.lines->Next(line, max, m.read);
      const uint32_t number = m.lines->line_number();
      if (r == LineStream::Result::kLine) {
        if (line.find_first_not_of(" \t") == std::string::npos) continue;
        out = SourceFile{m.lines_path, std::move(line), number, SourceFormat::kJson};
        return true;
      }
      if (r == LineStream::Result::kTooLong) {
        diags.Add(MakeError(DiagCode::kFileTooLarge,
                            "line longer than the limit of " + std::to_string(max) +
                                " bytes for one activity; the rest of the file is not read",
                            Location{m.lines_path, number, 1, 0}));
      } else if (r == LineStream::Result::kError) {
        diags.Add(MakeError(DiagCode::kIoError, "cannot read file", Location{m.lines_path, 0, 0, 0}));
      }
      m.lines.reset();
      continue;
    }
    if (m.pending.empty()) return false;
    const std::string path = std::move(m.pending.front().path);
    const bool empty_folder = m.pending.front().empty_folder;
    m.pending.pop_front();
    if (empty_folder) {
      diags.Add(MakeError(DiagCode::kIoError, "the folder holds no activity file (*.yaml, *.yml, *.json)",
                          Location{path, 0, 0, 0}));
      continue;
    }
    const bool is_stdin = path == "-";
    const std::string& format = m.options.stdin_format;
    if (is_stdin ? format == "jsonl" : EndsWith(path, ".jsonl")) {
      int fd = STDIN_FILENO;
      if (!is_stdin) {
        // A JSON Lines file is streamed: no size limit on the file, one per line.
        uint64_t size = 0;
        fd = internal::OpenRegularFile(path, UINT64_MAX, size, diags);
        if (fd < 0) continue;
      }
      m.lines = std::make_unique<LineStream>(fd, !is_stdin);
      m.lines_path = is_stdin ? "<stdin>" : path;
      continue;
    }
    if (is_stdin) {
      // One activity on standard input, read up to the limit.
      std::string text;
      char block[1 << 16];
      bool too_long = false, failed = false;
      while (true) {
        const ssize_t n = ::read(STDIN_FILENO, block, sizeof block);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) failed = true;
        if (n <= 0) break;
        m.read += static_cast<uint64_t>(n);
        text.append(block, static_cast<size_t>(n));
        if (text.size() > max) {
          too_long = true;
          break;
        }
      }
      if (too_long || failed) {
        diags.Add(MakeError(too_long ? DiagCode::kFileTooLarge : DiagCode::kIoError,
                            too_long ? "standard input exceeds the limit of " + std::to_string(max) + " bytes"
                                     : "cannot read standard input",
                            Location{"<stdin>", 0, 0, 0}));
        continue;
      }
      out = SourceFile{"<stdin>", std::move(text), 1, format == "json" ? SourceFormat::kJson : SourceFormat::kYaml};
      return true;
    }
    std::optional<std::string> text = ReadInputFile(path, diags, max);
    if (!text) continue;
    m.read += text->size();
    out = SourceFile{path, std::move(*text)};
    return true;
  }
}

}  // namespace souple
