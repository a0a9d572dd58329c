// SPDX-License-Identifier: Apache-2.0
// SARIF 2.1.0 (OASIS static-analysis results format), for tools that already read it (code
// review platforms, security dashboards): one result per finding that asks for action.
#include <nlohmann/json.hpp>

#include <cctype>
#include <map>

#include "souple/engine.h"
#include "souple/report.h"

namespace souple {

namespace {

using Json = nlohmann::ordered_json;

// not_met obligations and formalities are errors, not_met readings warnings; what cannot be
// told is a note (a fact to state).
const char* Level(const Finding& f) {
  if (f.status == "unknown") return "note";
  return f.kind == "obligation" || f.kind == "formality" ? "error" : "warning";
}

// `file:line:column` of a fact -> line and column; the element's own facts first.
bool Position(const Finding& f, int& line, int& column) {
  const Fact* best = nullptr;
  for (const auto& fact : f.facts) {
    if (fact.location.empty()) continue;
    if (best == nullptr || (!f.element.empty() && fact.path.rfind(f.element, 0) == 0 && best->path.rfind(f.element, 0) != 0)) {
      best = &fact;
    }
  }
  if (best == nullptr) return false;
  const size_t c2 = best->location.rfind(':');
  const size_t c1 = best->location.rfind(':', c2 - 1);
  if (c1 == std::string::npos || c2 == std::string::npos) return false;
  line = std::atoi(best->location.substr(c1 + 1, c2 - c1 - 1).c_str());
  column = std::atoi(best->location.substr(c2 + 1).c_str());
  return line > 0;
}

// A path as a URI reference (RFC 3986; SARIF 3.10.2): unreserved characters and `/` as they
// are, every other byte percent-encoded (a space, `é`, a byte that is not UTF-8).
std::string UriReference(const std::string& path) {
  static const char* const kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string RenderSarif(const std::vector<Report>& reports, Language language) {
  const bool fr = language == Language::kFrench;
  Json rules = Json::array();
  std::map<std::string, size_t> rule_index;
  Json results = Json::array();
  Json artifacts = Json::array();
  std::map<std::string, size_t> artifact_index;
  for (const Report& report : reports) {
    const std::string uri = UriReference(report.activity_file);
    auto [art, new_artifact] = artifact_index.emplace(uri, artifacts.size());
    if (new_artifact) artifacts.push_back({{"location", {{"uri", uri}}}});
    for (const Finding& f : report.findings) {
      if (f.status != "not_met" && f.status != "unknown") continue;
      auto [it, inserted] = rule_index.emplace(f.rule_id, rules.size());
      if (inserted) {
        Json rule = {{"id", f.rule_id}, {"shortDescription", {{"text", fr ? f.message_fr : f.message_en}}}};
        if (!f.citations.empty() && !f.citations.front().url.empty()) rule["helpUri"] = f.citations.front().url;
        Json cites = Json::array();
        for (const auto& c : f.citations) {
          cites.push_back(c.publisher + ", " + c.title + (c.date.empty() ? "" : " (" + c.date + ")") +
                          (c.section.empty() ? "" : ", " + c.section));
        }
        rule["properties"] = {{"kind", f.kind}, {"confidence", f.confidence}, {"policy", f.policy_id},
                              {"policy_version", f.policy_version}, {"citations", cites}};
        rules.push_back(std::move(rule));
      }
      Json physical = {{"artifactLocation", {{"uri", uri}, {"index", art->second}}}};
      int line = 1, column = 1;
      if (Position(f, line, column)) physical["region"] = {{"startLine", line}, {"startColumn", column}};
      Json result = {{"ruleId", f.rule_id},
                     {"ruleIndex", it->second},
                     {"level", Level(f)},
                     {"kind", f.status == "unknown" ? "open" : "fail"},
                     {"message", {{"text", fr ? f.message_fr : f.message_en}}},
                     {"locations", Json::array({{{"physicalLocation", physical}}})},
                     {"partialFingerprints", {{"soupleFindingId", report.activity_id + "/" + f.id}}},
                     {"properties", {{"activity", report.activity_id}, {"status", f.status}, {"element", f.element},
                                     {"missing", f.missing}}}};
      results.push_back(std::move(result));
    }
  }
  Json run = {{"tool", {{"driver", {{"name", "souple"},
                                    {"version", EngineVersion()},
                                    {"informationUri", "https://souple.dev"},
                                    {"rules", rules}}}}},
              {"artifacts", artifacts},
              {"results", results}};
  if (!reports.empty()) {
    run["properties"] = {{"evaluation_date", reports.front().evaluation_date},
                         {"policy_set_hash", "sha256:" + reports.front().policy_set_hash}};
  }
  Json doc = {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"}, {"version", "2.1.0"},
              {"runs", Json::array({run})}};
  // File names need not be UTF-8: their bytes are percent-encoded above; anything else that
  // is not (a fact quoted in a message) is replaced rather than thrown on.
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace souple
