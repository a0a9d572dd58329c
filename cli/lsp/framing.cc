// SPDX-License-Identifier: Apache-2.0
#include "lsp/framing.h"

#include <algorithm>
#include <cctype>
#include <istream>
#include <ostream>

namespace souple::cli::lsp {

namespace {

using Traits = std::char_traits<char>;

enum class LineStatus { kLine, kEnd, kTooLong };

// One header line without its CRLF (a bare LF is accepted too), within `budget` bytes.
LineStatus ReadLine(std::streambuf& in, std::string& line, size_t& budget) {
  line.clear();
  for (;;) {
    const int c = in.sbumpc();
    if (c == Traits::eof()) return LineStatus::kEnd;
    if (c == '\n') {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return LineStatus::kLine;
    }
    if (budget == 0) return LineStatus::kTooLong;
    --budget;
    line += static_cast<char>(c);
  }
}

// Drops the rest of a header block, up to its blank line, keeping nothing.
void SkipBlock(std::streambuf& in) {
  size_t line_length = 1;  // the current line is not empty: it is the one cut short
  for (int c = in.sbumpc(); c != Traits::eof(); c = in.sbumpc()) {
    if (c == '\r') continue;
    if (c == '\n') {
      if (line_length == 0) return;
      line_length = 0;
    } else {
      ++line_length;
    }
  }
}

bool HeaderNameIs(const std::string& line, const std::string& name) {
  if (line.size() <= name.size() || line[name.size()] != ':') return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(line[i])) != std::tolower(static_cast<unsigned char>(name[i]))) {
      return false;
    }
  }
  return true;
}

// The decimal value of a Content-Length header, or -1.
long long ParseLength(const std::string& value) {
  size_t i = 0, end = value.size();
  while (i < end && (value[i] == ' ' || value[i] == '\t')) ++i;
  while (end > i && (value[end - 1] == ' ' || value[end - 1] == '\t')) --end;
  if (i == end || end - i > 18) return -1;  // 18 digits cannot overflow
  long long n = 0;
  for (; i < end; ++i) {
    if (value[i] < '0' || value[i] > '9') return -1;
    n = n * 10 + (value[i] - '0');
  }
  return n;
}

}  // namespace

ReadStatus ReadMessage(std::istream& in, std::string& body, const FrameLimits& limits) {
  std::streambuf& buf = *in.rdbuf();
  std::string line;
  long long length = -1;
  bool invalid = false, any = false;
  size_t budget = limits.max_header_bytes;
  for (;;) {
    const LineStatus status = ReadLine(buf, line, budget);
    if (status == LineStatus::kEnd) return ReadStatus::kEnd;
    if (status == LineStatus::kTooLong) {
      SkipBlock(buf);
      return ReadStatus::kBadHeader;
    }
    if (line.empty()) {
      if (any) break;
      continue;  // blank lines between messages
    }
    any = true;
    if (HeaderNameIs(line, "Content-Length")) {
      length = ParseLength(line.substr(15));
      invalid = invalid || length < 0;
    }
  }
  if (invalid || length < 0) return ReadStatus::kBadHeader;
  if (static_cast<unsigned long long>(length) > limits.max_body_bytes) {
    // Read and dropped in pieces: the stream stays in step with the next message.
    char chunk[4096];
    while (length > 0 && in.read(chunk, static_cast<std::streamsize>(std::min<long long>(length, sizeof chunk)))) {
      length -= in.gcount();
    }
    return in ? ReadStatus::kTooLarge : ReadStatus::kEnd;
  }
  body.assign(static_cast<size_t>(length), '\0');
  if (length > 0 && !in.read(body.data(), length)) return ReadStatus::kEnd;
  return ReadStatus::kMessage;
}

void WriteMessage(std::ostream& out, const std::string& body) {
  out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
  out.flush();
}

}  // namespace souple::cli::lsp
