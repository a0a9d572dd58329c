// SPDX-License-Identifier: Apache-2.0
// `souple serve`: the HTTP API (server/api.h) on cpp-httplib, Debian's libcpp-httplib-dev.
// Loopback by default; optional bearer token; SIGTERM/SIGINT stop it after the requests in
// flight are answered; SIGHUP or POST /v1/admin/reload load the release again and swap it in
// (requests in flight finish on the one they started with); optional decision log.
#include <httplib.h>
#include <pthread.h>
#include <signal.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "server/api.h"
#include "souple/files.h"
#include "souple/release.h"

namespace souple::cli {

namespace {

// Constant time in the length of the expected token: the comparison does not stop at the
// first differing byte.
bool SameToken(const std::string& given, const std::string& expected) {
  unsigned char diff = given.size() == expected.size() ? 0 : 1;
  for (size_t i = 0; i < expected.size(); ++i) {
    diff |= static_cast<unsigned char>(expected[i] ^ (i < given.size() ? given[i] : 0));
  }
  return diff == 0;
}

bool LoadServed(const ServeOptions& options, server::Served& served) {
  PolicyOptions policies;
  policies.release = options.release;
  policies.trusted_key = options.trusted_key;
  policies.signature = options.signature;
  LoadedPolicies loaded = LoadPolicies(policies);
  if (loaded.set == nullptr) return false;
  served.set = loaded.set;
  served.release_id = loaded.release_id;
  served.release_hash = loaded.release_hash;
  served.release_date = loaded.release_date;
  Diagnostics diags;
  const std::string root = DataRoot();
  if (!options.release.empty()) {
    auto text = ReadFile(options.release, diags);
    if (!text) return false;
    served.schema = LoadRelease({options.release, std::move(*text)}).release.schema;
  } else {
    PolicySources sources;
    if (!ReadPolicySources({}, root, sources, diags)) {
      PrintDiagnostics(diags, "text");
      return false;
    }
    served.schema = std::move(sources.schema);
  }
  std::vector<SourceFile> shared;
  if (CollectPolicies({root + "/policies"}, root, shared, diags)) served.shared_modules = std::move(shared);
  auto openapi = ReadInputFile(root + "/docs/openapi.json", diags);
  served.openapi = openapi ? *openapi : "{}";
  return true;
}

}  // namespace

int RunServe(const ServeOptions& options) {
  std::string token;
  if (!options.token_file.empty()) {
    Diagnostics diags;
    auto text = ReadInputFile(options.token_file, diags, 4096);
    if (!text) {
      PrintDiagnostics(diags, "text");
      return kInvalidInput;
    }
    token = *text;
    while (!token.empty() && (token.back() == '\n' || token.back() == '\r' || token.back() == ' ')) token.pop_back();
    if (token.size() < 16) {
      std::cerr << "souple: serve: the token in " << options.token_file << " is shorter than 16 characters\n";
      return kUsage;
    }
  }
  // What is served is swapped whole on reload: each request holds the snapshot it started
  // with, so it finishes on the release it began on.
  std::shared_ptr<const server::Served> current;
  {
    auto first = std::make_shared<server::Served>();
    if (!LoadServed(options, *first)) return kInvalidInput;
    current = std::move(first);
  }
  std::mutex reload_mutex;  // one reload at a time
  // Loads the release (or the bundled set) again; on failure the one served stays.
  std::unique_ptr<server::DecisionLog> decisions;
  auto reload = [&](std::string& message) {
    std::lock_guard<std::mutex> lock(reload_mutex);
    if (std::string error; decisions != nullptr && !decisions->Reopen(error)) {
      std::cerr << "souple: serve: decision log: " << error << "; still writing to the file open before\n";
    }
    auto fresh = std::make_shared<server::Served>();
    if (!LoadServed(options, *fresh)) {
      message = "the release could not be loaded (diagnostics in the server's log); still serving sha256:" +
                std::atomic_load(&current)->set->hash();
      std::cerr << "souple: serve: reload failed; " << message << "\n";
      return false;
    }
    message = "sha256:" + fresh->set->hash();
    std::atomic_store(&current, std::shared_ptr<const server::Served>(std::move(fresh)));
    std::cerr << "souple: serve: reloaded, now serving " << message << "\n";
    return true;
  };
  if (!options.decision_log.empty()) {
    std::string error;
    decisions = server::DecisionLog::Open(options.decision_log, error);
    if (decisions == nullptr) {
      std::cerr << "souple: serve: " << error << " [E5001]\n";
      return kInvalidInput;
    }
  }
  server::ApiLimits limits;
  limits.max_body_bytes = options.max_body_bytes;
  limits.max_batch = options.max_batch;
  server::Metrics metrics;

  // Signals are handled by one thread (sigwait), never in a handler: it stops the server,
  // which finishes the requests in flight.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGHUP);  // reload
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  httplib::Server http;
  // cpp-httplib holds a worker per keep-alive connection: enough for a GRC tool's pool of
  // connections; evaluations beyond the cores simply wait their turn.
  const size_t threads = options.threads > 0 ? options.threads : std::max(32u, 2 * std::thread::hardware_concurrency());
  http.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  http.set_payload_max_length(limits.max_body_bytes + 1);  // one more byte: 413 is ours, with a JSON body
  http.set_read_timeout(options.timeout_seconds, 0);
  http.set_write_timeout(options.timeout_seconds, 0);
  auto handler = [&](const httplib::Request& req, httplib::Response& res) {
    const auto start = std::chrono::steady_clock::now();
    server::Response out;
    std::string route;
    if (!token.empty() && !SameToken(req.get_header_value("Authorization"), "Bearer " + token)) {
      out.status = 401;
      out.body = "{\n  \"error\": {\n    \"code\": \"unauthorized\",\n    \"message\": \"a valid bearer token is required\"\n  }\n}\n";
      route = req.path;
    } else if (req.path == "/v1/admin/reload") {
      route = req.path;
      if (req.method != "POST") {
        out = server::ErrorResponse(405, "method-not-allowed", req.method + " is not allowed on " + req.path);
      } else if (std::string message; reload(message)) {
        out.body = "{\n  \"reloaded\": true,\n  \"policy_set_hash\": \"" + message + "\"\n}\n";
      } else {
        out = server::ErrorResponse(422, "reload-failed", message);
      }
    } else {
      server::Request in;
      in.method = req.method;
      in.path = req.path;
      in.body = req.body;
      in.content_type = req.get_header_value("Content-Type");
      for (const auto& [k, v] : req.params) in.query[k].push_back(v);
      const auto served = std::atomic_load(&current);
      out = server::Handle(*served, limits, in, metrics, route, decisions.get());
    }
    res.status = out.status;
    res.set_content(out.body, out.content_type.c_str());
    metrics.Record(route, out.status,
                   std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  };
  for (const char* path : {"/healthz", "/readyz", "/metrics", "/v1/openapi.json", "/v1/release", "/v1/policies",
                           "/v1/evaluate", "/v1/check", "/v1/explain", "/v1/admin/reload"}) {
    http.Get(path, handler);
    http.Post(path, handler);
  }
  http.set_error_handler([&](const httplib::Request& req, httplib::Response& res) {
    if (!res.body.empty()) return;  // a route answered
    server::Request in;
    in.method = req.method;
    in.path = req.path;
    if (res.status == 413) in.body.assign(limits.max_body_bytes + 1, ' ');  // its JSON error
    server::Response out;
    std::string route;
    out = server::Handle(*std::atomic_load(&current), limits, in, metrics, route);
    res.status = out.status;
    res.set_content(out.body, out.content_type.c_str());
  });

  int port = options.port;
  if (port == 0) {
    port = http.bind_to_any_port(options.host.c_str());
  } else if (!http.bind_to_port(options.host.c_str(), port)) {
    port = -1;
  }
  if (port < 0) {
    std::cerr << "souple: serve: cannot listen on " << options.host << ":" << options.port << " [E5001]\n";
    return kInvalidInput;
  }
  if (!options.port_file.empty()) std::ofstream(options.port_file) << port << "\n";
  std::cerr << "souple: serving " << (current->release_id.empty() ? "the bundled policies" : "release " + current->release_id)
            << " (sha256:" << current->set->hash().substr(0, 16) << "…) on http://" << options.host << ":" << port << "\n";
  std::thread stopper([&] {
    while (true) {
      int sig = 0;
      sigwait(&stop_signals, &sig);
      if (sig == SIGHUP) {
        std::string message;
        reload(message);
        continue;
      }
      http.stop();
      return;
    }
  });
  const bool ok = http.listen_after_bind();
  // listen_after_bind returns when stopped; wake the stopper if it was not a signal.
  pthread_kill(stopper.native_handle(), SIGTERM);
  stopper.join();
  std::cerr << "souple: serve: stopped\n";
  return ok ? kOk : kInternal;
}

}  // namespace souple::cli
