// SPDX-License-Identifier: Apache-2.0
#include "server/api.h"

#include "souple/explain.h"
#include "souple/hash.h"

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdio>
#include <sstream>

namespace souple::cli::server {

namespace {

using Json = nlohmann::json;

Response JsonResponse(int status, const Json& body) {
  Response r;
  r.status = status;
  // A request's method, path or query may not be UTF-8 and is echoed in error messages:
  // replace what is not, rather than throw (a 500 for the client's bad bytes).
  r.body = body.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  return r;
}

// Errors carry a stable code, like the CLI's diagnostics, and the diagnostics themselves
// when there are some (`Diagnostics::RenderJson`).
Response Error(int status, const std::string& code, const std::string& message,
               const Diagnostics* diagnostics = nullptr) {
  Json body = {{"error", {{"code", code}, {"message", message}}}};
  if (diagnostics != nullptr) body["error"]["diagnostics"] = Json::parse(diagnostics->RenderJson());
  return JsonResponse(status, body);
}

const std::string* One(const Request& r, const std::string& key) {
  auto it = r.query.find(key);
  return it == r.query.end() || it->second.empty() ? nullptr : &it->second.back();
}

bool IsJson(const std::string& content_type) {
  return content_type.rfind("application/json", 0) == 0;
}

// `?as_of=`, else the release's date, else today (UTC). False when as_of is not a date.
bool EvaluationDate(const Served& served, const Request& request, std::string& date) {
  const std::string* as_of = One(request, "as_of");
  if (as_of != nullptr && !IsValidDate(*as_of)) return false;
  date = as_of != nullptr ? *as_of : served.release_date;
  if (date.empty()) {
    char today[11];
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    gmtime_r(&now, &tm);
    std::strftime(today, sizeof today, "%Y-%m-%d", &tm);
    date = today;
  }
  return true;
}

bool Flag(const Request& request, const std::string& key, bool otherwise) {
  const std::string* f = One(request, key);
  return f == nullptr ? otherwise : *f == "true" || *f == "1";
}

Response Evaluate(const Served& served, const ApiLimits& limits, const Request& request, Metrics& metrics,
                  DecisionLog* log) {
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported-media-type", "POST /v1/evaluate takes application/json: one activity, or an array of them");
  }
  EvalOptions options;
  if (!EvaluationDate(served, request, options.evaluation_date)) {
    return Error(400, "invalid-date", "as_of must be a date, YYYY-MM-DD");
  }
  if (auto it = request.query.find("policy"); it != request.query.end()) options.policies = it->second;
  options.final_only = Flag(request, "final_only", false);
  // One activity or a batch: the body's first non-space character says which. Each
  // activity is checked by the engine's own strict JSON reader, with its diagnostics.
  Json parsed;
  try {
    parsed = Json::parse(request.body);
  } catch (const Json::parse_error& e) {
    return Error(400, "malformed-document", std::string("malformed JSON: ") + e.what());
  }
  const bool batch = parsed.is_array();
  std::vector<std::string> texts;
  if (batch) {
    if (parsed.size() > limits.max_batch) {
      return Error(413, "batch-too-large", "at most " + std::to_string(limits.max_batch) + " activities per request");
    }
    for (const auto& a : parsed) texts.push_back(a.dump());
  } else {
    texts.push_back(request.body);
  }
  std::vector<Report> reports;
  std::vector<double> durations_ms;
  Diagnostics all;
  for (size_t i = 0; i < texts.size(); ++i) {
    const auto start = std::chrono::steady_clock::now();
    SourceFile source{batch ? "request[" + std::to_string(i) + "]" : "request", texts[i]};
    source.format = SourceFormat::kJson;
    LoadResult loaded = LoadActivity(*served.set, source);
    all.Append(loaded.diagnostics);
    if (loaded.activity == nullptr) continue;
    Report report = souple::Evaluate(*served.set, *loaded.activity, options);
    report.release_id = served.release_id;
    report.release_hash = served.release_hash;
    reports.push_back(std::move(report));
    durations_ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  // All or nothing, as the CLI: no partial result when an activity is invalid.
  if (all.HasErrors()) return Error(422, all.items().front().code, "invalid activity description", &all);
  metrics.Evaluations(reports.size());
  if (log != nullptr) {  // what was decided is logged once the answer is certain
    for (size_t i = 0; i < reports.size(); ++i) {
      Decision d;
      d.release_id = served.release_id;
      if (!served.release_hash.empty()) d.release_hash = "sha256:" + served.release_hash;  // as in the result
      d.policy_set_hash = "sha256:" + served.set->hash();
      d.evaluation_date = reports[i].evaluation_date;
      d.activity_id = reports[i].activity_id;
      d.input_sha256 = Sha256Hex(texts[i]);
      for (const auto& f : reports[i].findings) ++d.counts[f.status];
      d.duration_ms = durations_ms[i];
      log->Write(d);
    }
  }
  Response r;
  if (!batch) {
    r.body = RenderJson(reports.front());
  } else {
    r.body = "[\n";
    for (size_t i = 0; i < reports.size(); ++i) r.body += (i ? ",\n" : "") + RenderJson(reports[i]);
    r.body += "]\n";
  }
  return r;
}

// POST /v1/explain?rule=ID[@ELEMENT]: one activity (JSON) in, its explanations out
// (schemas/explain.schema.json), as `souple explain --format json`.
Response Explain(const Served& served, const Request& request) {
  if (!IsJson(request.content_type)) {
    return Error(415, "unsupported-media-type", "POST /v1/explain takes application/json: one activity");
  }
  const std::string* rule = One(request, "rule");
  if (rule == nullptr) return Error(400, "missing-rule", "POST /v1/explain needs ?rule=policy.rule[@element]");
  ExplainOptions options;
  if (!EvaluationDate(served, request, options.evaluation_date)) {
    return Error(400, "invalid-date", "as_of must be a date, YYYY-MM-DD");
  }
  options.rule = *rule;
  options.final_only = Flag(request, "final_only", false);
  options.why_not = Flag(request, "why_not", true);
  SourceFile source{"request", request.body};
  source.format = SourceFormat::kJson;
  LoadResult loaded = LoadActivity(*served.set, source);
  if (loaded.activity == nullptr) {
    return Error(422, loaded.diagnostics.items().empty() ? "malformed-document" : loaded.diagnostics.items().front().code,
                 "invalid activity description", &loaded.diagnostics);
  }
  const ExplainResult result = souple::Explain(*served.set, *loaded.activity, options);
  if (result.diagnostics.HasErrors()) {
    return Error(422, result.diagnostics.items().front().code, result.diagnostics.items().front().message,
                 &result.diagnostics);
  }
  Response r;
  r.body = RenderExplanationJson(result, source.path, options.evaluation_date);
  return r;
}

Response Check(const Served& served, const Request& request) {
  if (request.content_type.rfind("text/plain", 0) != 0) {
    return Error(415, "unsupported-media-type", "POST /v1/check takes the policy text as text/plain");
  }
  const std::string* name = One(request, "file");
  CompileResult compiled = CompilePolicies(served.schema, {{name != nullptr ? *name : "policy.souple", request.body}},
                                           Limits{}, served.shared_modules);
  Json body = {{"ok", compiled.policy_set != nullptr},
               {"diagnostics", Json::parse(compiled.diagnostics.RenderJson())}};
  return JsonResponse(compiled.policy_set != nullptr ? 200 : 422, body);
}

Response Policies(const Served& served, const Request& request) {
  const std::string* as_of = One(request, "as_of");
  if (as_of != nullptr && !IsValidDate(*as_of)) return Error(400, "invalid-date", "as_of must be a date, YYYY-MM-DD");
  Json list = Json::array();
  for (const auto& p : served.set->policies()) {
    Json j = {{"id", p.id},           {"version", p.version},     {"status", p.status},
              {"effective", p.effective}, {"until", p.until.empty() ? Json(nullptr) : Json(p.until)},
              {"title", {{"fr", p.title_fr}, {"en", p.title_en}}}, {"rules", p.rule_count}};
    // In force on the date: effective on or before it, not yet ended (ISO dates compare as text).
    if (as_of != nullptr) j["in_force"] = p.effective <= *as_of && (p.until.empty() || *as_of < p.until);
    list.push_back(std::move(j));
  }
  return JsonResponse(200, {{"policy_set_hash", "sha256:" + served.set->hash()}, {"policies", list}});
}

}  // namespace

constexpr double Metrics::kBuckets[];

void Metrics::Record(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++count_;
  sum_ += seconds;
}

std::string Metrics::Render() const {
  std::lock_guard<std::mutex> lock(mutex_);
  std::ostringstream out;
  out << "# HELP souple_http_requests_total HTTP requests by route and status.\n"
         "# TYPE souple_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "souple_http_requests_total{route=\"" << key.first << "\",status=\"" << key.second << "\"} " << n << "\n";
  }
  out << "# HELP souple_http_request_duration_seconds Time to answer a request.\n"
         "# TYPE souple_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
    out << "souple_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} " << bucket_counts_[i] << "\n";
  }
  out << "souple_http_request_duration_seconds_bucket{le=\"+Inf\"} " << count_ << "\n"
      << "souple_http_request_duration_seconds_sum " << sum_ << "\n"
      << "souple_http_request_duration_seconds_count " << count_ << "\n"
      << "# HELP souple_evaluations_total Activities evaluated.\n"
         "# TYPE souple_evaluations_total counter\n"
      << "souple_evaluations_total " << evaluations_.load() << "\n";
  return out.str();
}

Response ErrorResponse(int status, const std::string& code, const std::string& message) {
  return Error(status, code, message);
}

Response Handle(const Served& served, const ApiLimits& limits, const Request& request, Metrics& metrics,
                std::string& route, DecisionLog* log) {
  route = request.path;
  try {
    if (request.body.size() > limits.max_body_bytes) {
      return Error(413, "payload-too-large", "request body over " + std::to_string(limits.max_body_bytes) + " bytes");
    }
    const bool get = request.method == "GET", post = request.method == "POST";
    if (request.path == "/healthz" && get) return JsonResponse(200, {{"status", "ok"}});
    if (request.path == "/readyz" && get) {
      return served.set != nullptr ? JsonResponse(200, {{"status", "ready"}, {"policy_set_hash", "sha256:" + served.set->hash()}})
                                   : Error(503, "not-ready", "no policy set loaded");
    }
    if (request.path == "/metrics" && get) {
      Response r;
      r.content_type = "text/plain; version=0.0.4";
      r.body = metrics.Render();
      return r;
    }
    if (request.path == "/v1/openapi.json" && get) {
      Response r;
      r.body = served.openapi;
      return r;
    }
    if (request.path == "/v1/release" && get) {
      return JsonResponse(200, {{"engine_version", EngineVersion()},
                                {"policy_set_hash", "sha256:" + served.set->hash()},
                                {"release_id", served.release_id.empty() ? Json(nullptr) : Json(served.release_id)},
                                {"release_hash", served.release_hash.empty() ? Json(nullptr) : Json("sha256:" + served.release_hash)},
                                {"release_date", served.release_date.empty() ? Json(nullptr) : Json(served.release_date)}});
    }
    if (request.path == "/v1/policies" && get) return Policies(served, request);
    if (request.path == "/v1/evaluate" && post) return Evaluate(served, limits, request, metrics, log);
    if (request.path == "/v1/check" && post) return Check(served, request);
    if (request.path == "/v1/explain" && post) return Explain(served, request);
    static const char* const kRoutes[] = {"/healthz", "/readyz", "/metrics", "/v1/openapi.json", "/v1/release",
                                          "/v1/policies", "/v1/evaluate", "/v1/check", "/v1/explain"};
    for (const char* known : kRoutes) {
      if (request.path == known) return Error(405, "method-not-allowed", request.method + " is not allowed on " + request.path);
    }
    route = "unknown";
    return Error(404, "not-found", "no route " + request.path);
  } catch (const std::exception& e) {
    return Error(500, "internal-error", std::string("internal error: ") + e.what());
  }
}

}  // namespace souple::cli::server
