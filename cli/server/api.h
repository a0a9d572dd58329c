// SPDX-License-Identifier: Apache-2.0
// The HTTP API of `souple serve` (docs/server.md, docs/openapi.json), as plain functions from a
// request to a response, so that the routing and the error mapping are testable without a
// socket. The transport (cpp-httplib) is in commands/serve.cc.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "server/decision_log.h"
#include "souple/engine.h"

namespace souple::cli::server {

struct Request {
  std::string method, path, body, content_type;
  std::map<std::string, std::vector<std::string>> query;  ///< `?policy=a&policy=b`
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
};

struct ApiLimits {
  size_t max_body_bytes = 8u << 20;  ///< 413 above (an activity is at most 4 MiB)
  size_t max_batch = 100;            ///< activities per POST /v1/evaluate
};

/// What is served: compiled once, shared read-only by every request.
struct Served {
  std::shared_ptr<const PolicySet> set;
  std::string release_id, release_hash, release_date;
  std::string openapi;  ///< docs/openapi.json, served at /v1/openapi.json
  /// For POST /v1/check: the activity schema of what is served, and the bundled shared
  /// modules a checked policy may import.
  SourceFile schema;
  std::vector<SourceFile> shared_modules;
};

/// Counters for GET /metrics (Prometheus text format).
class Metrics {
 public:
  void Record(const std::string& route, int status, double seconds);
  void Evaluations(size_t n) { evaluations_ += n; }
  std::string Render() const;

 private:
  static constexpr double kBuckets[] = {0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5};
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, int>, size_t> requests_;
  size_t bucket_counts_[sizeof(kBuckets) / sizeof(double)] = {};
  size_t count_ = 0;
  double sum_ = 0;
  std::atomic<size_t> evaluations_{0};
};

/// Routes one request. `route` receives the route template used for metrics (`/v1/evaluate`,
/// or `unknown`). Each activity evaluated is written to `log` when there is one. Never
/// throws: an internal error is a 500 with a JSON body.
Response Handle(const Served& served, const ApiLimits& limits, const Request& request, Metrics& metrics,
                std::string& route, DecisionLog* log = nullptr);

/// The JSON error body every failure of the API has: {"error": {"code", "message"}}.
Response ErrorResponse(int status, const std::string& code, const std::string& message);

}  // namespace souple::cli::server
