// SPDX-License-Identifier: Apache-2.0
// The base protocol of the Language Server Protocol: messages framed by a `Content-Length`
// header. Reading never trusts the peer: header lines and bodies are bounded, and a bad
// header block is skipped whole so that the next message is read again.
#pragma once

#include <cstddef>
#include <iosfwd>
#include <string>

namespace souple::cli::lsp {

struct FrameLimits {
  size_t max_body_bytes = 16u << 20;  ///< A policy file is at most 1 MiB; its JSON escaping, a few.
  size_t max_header_bytes = 8192;     ///< One header block, all lines.
};

enum class ReadStatus {
  kMessage,    ///< `body` holds a message.
  kEnd,        ///< The stream ended (cleanly, or in the middle of a message).
  kBadHeader,  ///< A header block without a valid Content-Length: skipped.
  kTooLarge,   ///< A body over the limit: skipped (read and dropped).
};

ReadStatus ReadMessage(std::istream& in, std::string& body, const FrameLimits& limits = {});

void WriteMessage(std::ostream& out, const std::string& body);

}  // namespace souple::cli::lsp
