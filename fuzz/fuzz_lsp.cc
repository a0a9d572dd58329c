// SPDX-License-Identifier: Apache-2.0
// Fuzzes `souple lsp` behind its pipes: the bytes a client writes to the server's standard
// input are read as frames (cli/lsp/framing.cc) and each message is handled
// (cli/lsp/server.cc) by a language service over the bundled schema and modules. Every
// message sent back must be a JSON-RPC 2.0 object that serialises.
#include <cstdlib>
#include <sstream>

#include "lsp/framing.h"
#include "lsp/server.h"

namespace {

namespace lsp = souple::cli::lsp;

void CheckSent(const lsp::Json& message) {
  if (!message.is_object() || message.value("jsonrpc", "") != "2.0") std::abort();
  (void)message.dump(-1, ' ', false, lsp::Json::error_handler_t::replace);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // A service per input: what one input opens is not seen by the next.
  souple::LanguageServiceOptions options;
  options.data_root = SOUPLE_SOURCE_DIR;
  souple::LanguageService service(options);
  lsp::Server server(service);
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  lsp::FrameLimits limits;
  limits.max_body_bytes = 1u << 20;
  std::string body;
  for (;;) {
    const lsp::ReadStatus status = lsp::ReadMessage(in, body, limits);
    if (status == lsp::ReadStatus::kEnd) break;
    if (status == lsp::ReadStatus::kMessage) {
      for (const auto& m : server.Handle(body)) CheckSent(m);
    }
    for (const auto& m : server.PublishPending()) CheckSent(m);
    if (server.exit_requested()) break;
  }
  return 0;
}
