// SPDX-License-Identifier: Apache-2.0
// `souple lsp`: the language server on stdin/stdout (docs/lsp.md). This file is only the
// transport: frames in, frames out; the protocol is lsp/server.cc, the analysis the
// engine's LanguageService.
#include <poll.h>
#include <unistd.h>

#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "lsp/framing.h"
#include "lsp/server.h"

namespace souple::cli {

namespace {

void Send(const lsp::Json& message) {
  // A document's invalid UTF-8 may end up in a message: replaced, not thrown on.
  lsp::WriteMessage(std::cout, message.dump(-1, ' ', false, lsp::Json::error_handler_t::replace));
}

// True when more input is already waiting: diagnostics are published once a burst of
// changes has been read (or after kMaxDeferred messages, should a client never pause).
constexpr int kMaxDeferred = 64;

bool InputWaiting() {
  if (std::cin.rdbuf()->in_avail() > 0) return true;
  pollfd fd{STDIN_FILENO, POLLIN, 0};
  return poll(&fd, 1, 0) > 0;
}

}  // namespace

int RunLsp() {
  LanguageServiceOptions options;
  options.data_root = DataRoot();
  LanguageService service(options);
  lsp::Server server(service);
  const lsp::FrameLimits limits;
  std::string body;
  int deferred = 0;
  for (;;) {
    if (!InputWaiting() || ++deferred > kMaxDeferred) {
      for (const auto& m : server.PublishPending()) Send(m);
      deferred = 0;
    }
    switch (lsp::ReadMessage(std::cin, body, limits)) {
      case lsp::ReadStatus::kEnd:
        return server.exit_code();  // the client went away: as an exit without shutdown
      case lsp::ReadStatus::kBadHeader:
        Send(lsp::Server::FramingError("a header block without a valid Content-Length"));
        break;
      case lsp::ReadStatus::kTooLarge:
        Send(lsp::Server::FramingError("a message over " + std::to_string(limits.max_body_bytes) + " bytes"));
        break;
      case lsp::ReadStatus::kMessage:
        for (const auto& m : server.Handle(body)) Send(m);
        if (server.exit_requested()) return server.exit_code();
        break;
    }
  }
}

}  // namespace souple::cli
