// SPDX-License-Identifier: Apache-2.0
// The language server's JSON-RPC side: one message in, the messages to send out. The
// transport (reading and writing frames on stdio) is commands/lsp.cc, so that this part is
// testable and fuzzable without pipes. Requests are answered by handlers looked up by
// method name: a new feature (formatting) is one more handler and one more capability.
#pragma once

#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "lsp/convert.h"
#include "souple/language_service.h"

namespace souple::cli::lsp {

class Server {
 public:
  explicit Server(LanguageService& service);

  /// Handles one message body (a request, a notification, or garbage). Returns what to send.
  std::vector<Json> Handle(const std::string& body);
  /// The answer to a message that could not be read (framing): a JSON-RPC error with no id.
  static Json FramingError(const std::string& what);
  /// Diagnostics of the documents changed since the last call. The transport calls it when
  /// no message is waiting, so that a burst of changes is checked once.
  std::vector<Json> PublishPending();

  bool exit_requested() const { return exit_; }
  /// 0 after `shutdown` then `exit`, 1 for an `exit` without `shutdown` (LSP 3.17).
  int exit_code() const { return shutdown_ ? 0 : 1; }

 private:
  using Handler = std::function<Json(const Json& params)>;  // requests
  using Listener = std::function<void(const Json& params)>; // notifications

  Json Initialize(const Json& params);
  std::string PathOf(const Json& params) const;

  LanguageService& service_;
  std::map<std::string, Handler> requests_;
  std::map<std::string, Listener> notifications_;
  std::map<std::string, std::string> uri_of_path_;  // the client's spelling of each open document
  std::set<std::string> pending_;                   // paths to check
  std::vector<Json> outbox_;                        // what the message being handled sends
  bool initialized_ = false, shutdown_ = false, exit_ = false;
};

}  // namespace souple::cli::lsp
