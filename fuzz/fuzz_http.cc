// SPDX-License-Identifier: Apache-2.0
// Fuzzes the HTTP API of `souple serve` behind the transport: `server::Handle` routes one
// request (what cpp-httplib hands over once it has parsed the bytes) over the bundled set.
// Input: a first line `METHOD PATH[?k=v&k=v]`, a second line with the content type, then
// the body. Every response must be a status the API documents, with a JSON or text body.
#include "fuzz_support.h"
#include "server/api.h"
#include "souple/bundle.h"

namespace {

namespace server = souple::cli::server;

std::string Line(const std::string& text, size_t& at) {
  const size_t end = text.find('\n', at);
  std::string line = text.substr(at, end == std::string::npos ? std::string::npos : end - at);
  at = end == std::string::npos ? text.size() : end + 1;
  return line;
}

server::Request Parse(const std::string& text) {
  server::Request r;
  size_t at = 0;
  const std::string first = Line(text, at);
  const size_t space = first.find(' ');
  r.method = first.substr(0, space);
  std::string target = space == std::string::npos ? "/" : first.substr(space + 1);
  if (const size_t q = target.find('?'); q != std::string::npos) {
    std::string query = target.substr(q + 1);
    target.resize(q);
    size_t start = 0;
    while (start <= query.size()) {
      const size_t amp = std::min(query.find('&', start), query.size());
      const std::string pair = query.substr(start, amp - start);
      const size_t eq = pair.find('=');
      r.query[pair.substr(0, eq)].push_back(eq == std::string::npos ? "" : pair.substr(eq + 1));
      start = amp + 1;
    }
  }
  r.path = target;
  r.content_type = Line(text, at);
  r.body = text.substr(at);
  return r;
}

const server::Served& Served() {
  static const server::Served served = [] {
    server::Served s;
    // The set lives as long as the process (BundledSet's static): no ownership taken.
    s.set = std::shared_ptr<const souple::PolicySet>(&souple_fuzz::BundledSet(),
                                                     [](const souple::PolicySet*) {});
    s.release_id = "bundled";
    s.openapi = souple_fuzz::ReadFile(std::filesystem::path(SOUPLE_SOURCE_DIR) / "docs" / "openapi.json");
    s.schema = souple_fuzz::BundledSchema();
    // As `souple serve` does (cli/commands/serve.cc): the bundled policies are the modules a
    // checked policy may import.
    const std::string root = SOUPLE_SOURCE_DIR;
    souple::Diagnostics diags;
    std::vector<souple::SourceFile> shared;
    if (souple::CollectPolicies({root + "/policies"}, root, shared, diags)) {
      s.shared_modules = std::move(shared);
    }
    return s;
  }();
  return served;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const server::Request request = Parse(souple_fuzz::Text(data, size));
  server::ApiLimits limits;
  limits.max_batch = 8;  // keeps one input's work small; the limit itself is tested at 100
  server::Metrics metrics;
  std::string route;
  const server::Response response = server::Handle(Served(), limits, request, metrics, route);
  // Only the statuses of docs/openapi.json; a 500 is an internal error the API must not give.
  switch (response.status) {
    case 200: case 400: case 404: case 405: case 413: case 415: case 422: case 503: break;
    default:
      fprintf(stderr, "unexpected status %d for %s %s\n%s\n", response.status, request.method.c_str(),
              request.path.c_str(), response.body.c_str());
      abort();
  }
  return 0;
}
