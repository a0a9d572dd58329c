// SPDX-License-Identifier: Apache-2.0
#include "lsp/server.h"

#include "souple/engine.h"

namespace souple::cli::lsp {

namespace {

// JSON-RPC 2.0 and LSP error codes.
constexpr int kParseError = -32700;
constexpr int kInvalidRequest = -32600;
constexpr int kMethodNotFound = -32601;
constexpr int kInvalidParams = -32602;
constexpr int kInternalError = -32603;
constexpr int kServerNotInitialized = -32002;
constexpr int kRequestFailed = -32803;

Json Error(const Json& id, int code, const std::string& message) {
  return {{"jsonrpc", "2.0"}, {"id", id}, {"error", {{"code", code}, {"message", message}}}};
}

Json Result(const Json& id, Json result) { return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}}; }

Json Notification(const std::string& method, Json params) {
  return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

// The unit positions are counted in: the client's preference among those the service
// knows, UTF-16 when it states none (LSP 3.17, `general.positionEncodings`).
std::pair<std::string, ColumnUnit> PositionEncoding(const Json& params) {
  const Json* offered = nullptr;
  if (auto c = params.find("capabilities"); c != params.end() && c->is_object()) {
    if (auto g = c->find("general"); g != c->end() && g->is_object()) {
      if (auto e = g->find("positionEncodings"); e != g->end() && e->is_array()) offered = &*e;
    }
  }
  if (offered != nullptr) {
    for (const auto& e : *offered) {
      if (e == "utf-32") return {"utf-32", ColumnUnit::kCodePoint};
      if (e == "utf-8") return {"utf-8", ColumnUnit::kUtf8};
      if (e == "utf-16") break;
    }
  }
  return {"utf-16", ColumnUnit::kUtf16};
}

}  // namespace

Server::Server(LanguageService& service) : service_(service) {
  requests_["textDocument/hover"] = [this](const Json& p) {
    auto hover = service_.Hover(PathOf(p), PointOf(p.at("position")));
    return hover ? ToJson(*hover) : Json(nullptr);
  };
  requests_["textDocument/completion"] = [this](const Json& p) {
    return ToJson(service_.Complete(PathOf(p), PointOf(p.at("position"))));
  };
  requests_["textDocument/definition"] = [this](const Json& p) {
    Json out = Json::array();
    for (const auto& l : service_.Definition(PathOf(p), PointOf(p.at("position")))) {
      auto known = uri_of_path_.find(l.path);
      out.push_back({{"uri", known != uri_of_path_.end() ? known->second : UriOfPath(l.path)},
                     {"range", ToJson(l.range)}});
    }
    return out;
  };
  requests_["textDocument/documentSymbol"] = [this](const Json& p) {
    Json out = Json::array();
    for (const auto& s : service_.Symbols(PathOf(p))) out.push_back(ToJson(s));
    return out;
  };

  // `souple fmt`'s layout, one edit replacing the whole text (the client's tab size and
  // spaces are not asked: the layout is canonical).
  requests_["textDocument/formatting"] = [this](const Json& p) {
    const std::optional<LanguageService::Formatting> f = service_.Format(PathOf(p));
    if (!f) throw InvalidParams("the document is not open");
    if (f->result.status == FormatStatus::kInvalidInput) {
      const auto& items = f->result.diagnostics.items();
      throw RequestFailed("the document does not parse, so it is not formatted" +
                          (items.empty() ? std::string() : ": " + items.front().message + " [" + items.front().code + "]"));
    }
    if (f->result.status != FormatStatus::kFormatted) throw std::runtime_error("the layout would change the tokens [E1004]");
    Json edits = Json::array();
    if (f->result.changed) edits.push_back({{"range", ToJson(f->whole)}, {"newText", f->result.text}});
    return edits;
  };

  notifications_["textDocument/didOpen"] = [this](const Json& p) {
    const Json& doc = p.at("textDocument");
    const std::string uri = doc.at("uri").get<std::string>();
    const std::string path = PathOfUri(uri);
    service_.Open(path, doc.at("text").get<std::string>());
    uri_of_path_[path] = uri;
    pending_.insert(path);
  };
  notifications_["textDocument/didChange"] = [this](const Json& p) {
    const std::string path = PathOf(p);
    if (!service_.IsOpen(path)) return;
    // Full synchronisation (the capability says so): each change is the whole text.
    const Json& changes = p.at("contentChanges");
    for (auto it = changes.rbegin(); it != changes.rend(); ++it) {
      if (it->contains("range")) continue;
      service_.Open(path, it->at("text").get<std::string>());
      pending_.insert(path);
      return;
    }
  };
  notifications_["textDocument/didClose"] = [this](const Json& p) {
    const std::string path = PathOf(p);
    auto uri = uri_of_path_.find(path);
    if (uri != uri_of_path_.end()) {
      outbox_.push_back(Notification("textDocument/publishDiagnostics",
                                     {{"uri", uri->second}, {"diagnostics", Json::array()}}));
      uri_of_path_.erase(uri);
    }
    service_.Close(path);
    pending_.erase(path);
  };
  // A saved file, or one changed on disk, may be imported by the open documents.
  auto recheck_all = [this](const Json&) {
    for (const auto& [path, uri] : uri_of_path_) pending_.insert(path);
  };
  notifications_["textDocument/didSave"] = recheck_all;
  notifications_["workspace/didChangeWatchedFiles"] = recheck_all;
}

std::string Server::PathOf(const Json& params) const {
  return PathOfUri(params.at("textDocument").at("uri").get<std::string>());
}

Json Server::Initialize(const Json& params) {
  const auto [encoding, unit] = PositionEncoding(params);
  service_.set_column_unit(unit);
  initialized_ = true;
  Json capabilities = {
      {"positionEncoding", encoding},
      {"textDocumentSync", {{"openClose", true}, {"change", 1}, {"save", {{"includeText", false}}}}},
      {"hoverProvider", true},
      {"completionProvider", {{"triggerCharacters", {".", "\"", "["}}}},
      {"definitionProvider", true},
      {"documentSymbolProvider", true},
      {"documentFormattingProvider", true},
  };
  return {{"capabilities", std::move(capabilities)},
          {"serverInfo", {{"name", "souple"}, {"version", EngineVersion()}}}};
}

Json Server::FramingError(const std::string& what) { return Error(nullptr, kParseError, "Parse error: " + what); }

std::vector<Json> Server::Handle(const std::string& body) {
  outbox_.clear();
  const Json msg = Json::parse(body, nullptr, false);
  if (msg.is_discarded()) return {FramingError("the message is not JSON")};
  if (!msg.is_object()) return {Error(nullptr, kInvalidRequest, "Invalid Request: a message is a JSON object")};
  const bool has_id = msg.contains("id");
  const Json id = has_id ? msg["id"] : Json(nullptr);
  auto method_it = msg.find("method");
  if (method_it == msg.end() || !method_it->is_string()) {
    // A response to a request of ours: the server sends none, so there is nothing to match.
    if (has_id && (msg.contains("result") || msg.contains("error"))) return {};
    return {Error(id.is_number_integer() || id.is_string() ? id : Json(nullptr), kInvalidRequest,
                  "Invalid Request: no method")};
  }
  const std::string method = method_it->get<std::string>();
  const Json params = msg.contains("params") ? msg["params"] : Json::object();
  if (!has_id) {
    if (method == "exit") {
      exit_ = true;
    } else if (auto it = notifications_.find(method); initialized_ && !shutdown_ && it != notifications_.end()) {
      try {
        it->second(params);
      } catch (const std::exception&) {
        // A malformed notification has no answer (JSON-RPC): it is dropped.
      }
    }
    return std::move(outbox_);
  }
  if (!id.is_number_integer() && !id.is_string()) {
    return {Error(nullptr, kInvalidRequest, "Invalid Request: the id must be an integer or a string")};
  }
  if (method == "initialize") {
    if (initialized_) return {Error(id, kInvalidRequest, "Invalid Request: initialize was already received")};
    return {Result(id, Initialize(params))};
  }
  if (!initialized_) return {Error(id, kServerNotInitialized, "Server not initialized: send initialize first")};
  if (shutdown_) return {Error(id, kInvalidRequest, "Invalid Request: the server is shutting down")};
  if (method == "shutdown") {
    shutdown_ = true;
    return {Result(id, nullptr)};
  }
  auto handler = requests_.find(method);
  if (handler == requests_.end()) return {Error(id, kMethodNotFound, "Method not found: " + method)};
  try {
    outbox_.push_back(Result(id, handler->second(params)));
  } catch (const Json::exception& e) {
    outbox_.push_back(Error(id, kInvalidParams, std::string("Invalid params: ") + e.what()));
  } catch (const InvalidParams& e) {
    outbox_.push_back(Error(id, kInvalidParams, std::string("Invalid params: ") + e.what()));
  } catch (const RequestFailed& e) {
    outbox_.push_back(Error(id, kRequestFailed, std::string("Request failed: ") + e.what()));
  } catch (const std::exception& e) {
    outbox_.push_back(Error(id, kInternalError, std::string("Internal error: ") + e.what()));
  }
  return std::move(outbox_);
}

std::vector<Json> Server::PublishPending() {
  std::vector<Json> out;
  for (const auto& path : pending_) {
    auto uri = uri_of_path_.find(path);
    if (uri == uri_of_path_.end()) continue;
    Json diagnostics = Json::array();
    for (const auto& d : service_.Diagnose(path)) diagnostics.push_back(ToJson(d));
    out.push_back(Notification("textDocument/publishDiagnostics",
                               {{"uri", uri->second}, {"diagnostics", std::move(diagnostics)}}));
  }
  pending_.clear();
  return out;
}

}  // namespace souple::cli::lsp
