// SPDX-License-Identifier: Apache-2.0
// The JSON result document; its schema is schemas/result.schema.json.
#include <nlohmann/json.hpp>

#include "souple/report.h"

namespace souple {

namespace {
using Json = nlohmann::ordered_json;

Json Localized(const std::string& fr, const std::string& en) {
  Json j;
  j["fr"] = fr;
  j["en"] = en;
  return j;
}

Json FindingJson(const Finding& f) {
  Json j;
  j["id"] = f.id;
  j["policy"] = {{"id", f.policy_id}, {"version", f.policy_version}, {"status", f.policy_status}};
  j["rule"] = f.rule_id;
  j["kind"] = f.kind;
  j["confidence"] = f.confidence;
  j["status"] = f.status;
  j["element"] = f.element.empty() ? Json(nullptr) : Json(f.element);
  j["message"] = Localized(f.message_fr, f.message_en);
  if (!f.note_fr.empty() || !f.note_en.empty()) j["note"] = Localized(f.note_fr, f.note_en);
  if (f.status == "exempted") j["exception"] = Localized(f.exception_fr, f.exception_en);
  Json cites = Json::array();
  for (const auto& c : f.citations) {
    Json cj;
    cj["source"] = c.source_id;
    cj["publisher"] = c.publisher;
    cj["title"] = c.title;
    cj["reference"] = c.reference;
    cj["date"] = c.date;
    cj["url"] = c.url;
    cj["status"] = c.status;
    cj["section"] = c.section;
    cites.push_back(std::move(cj));
  }
  j["citations"] = std::move(cites);
  Json facts = Json::array();
  for (const auto& fact : f.facts) {
    Json fj;
    fj["path"] = fact.path;
    fj["value"] = fact.value;
    fj["location"] = fact.location.empty() ? Json(nullptr) : Json(fact.location);
    facts.push_back(std::move(fj));
  }
  j["facts"] = std::move(facts);
  j["missing"] = f.missing;
  if (f.facts_not_listed > 0) j["facts_not_listed"] = f.facts_not_listed;
  if (f.missing_not_listed > 0) j["missing_not_listed"] = f.missing_not_listed;
  if (f.more_not_counted) j["not_listed_at_least"] = true;
  if (!f.unknown_reason.empty()) j["unknown_reason"] = Localized(f.unknown_reason_fr, f.unknown_reason);
  j["covers"] = f.covers;
  j["see"] = f.see;
  return j;
}

void AppendIndented(std::string& out, const Json& value, size_t indent) {
  const std::string text = value.dump(2, ' ', false, nlohmann::json::error_handler_t::replace);
  const std::string newline = "\n" + std::string(indent, ' ');
  size_t start = 0;
  for (size_t nl = text.find('\n'); nl != std::string::npos; nl = text.find('\n', start)) {
    out.append(text, start, nl - start);
    out += newline;
    start = nl + 1;
  }
  out.append(text, start, std::string::npos);
}
}  // namespace

namespace {
Json DocumentJson(const Report& r) {
  Json doc;
  doc["format_version"] = r.format_version;
  doc["engine_version"] = r.engine_version;
  doc["policy_set_hash"] = "sha256:" + r.policy_set_hash;
  doc["release"] = r.release_id.empty() ? Json(nullptr)
                                        : Json{{"id", r.release_id}, {"hash", "sha256:" + r.release_hash}};
  doc["evaluation_date"] = r.evaluation_date;
  doc["activity"] = {{"file", r.activity_file}, {"id", r.activity_id}, {"name", r.activity_name}};
  Json policies = Json::array();
  for (const auto& p : r.policies) {
    Json j;
    j["id"] = p.id;
    j["version"] = p.version;
    j["status"] = p.status;
    j["effective"] = p.effective;
    j["until"] = p.until.empty() ? Json(nullptr) : Json(p.until);
    j["content_hash"] = "sha256:" + p.content_hash;
    j["applied"] = p.applied;
    j["reason_code"] = p.reason_code;
    j["reason"] = p.reason;
    if (!p.scope_fr.empty() || !p.scope_en.empty()) j["scope"] = {{"fr", p.scope_fr}, {"en", p.scope_en}};
    policies.push_back(std::move(j));
  }
  doc["policies"] = std::move(policies);
  Json summary;
  for (const char* s : {"not_met", "unknown", "applies", "met", "exempted"}) summary[s] = r.Count(s);
  doc["summary"] = std::move(summary);
  doc["findings"] = Json::array();  // filled by the callers
  Json questions = Json::array();
  for (const auto& q : r.questions) {
    questions.push_back({{"field", q.field},
                         {"description", q.description},
                         {"description_fr", q.Description(true)},
                         {"section", q.section},
                         {"findings", q.findings},
                         {"strongest_kind", q.strongest_kind},
                         {"rules", q.rule_ids}});
  }
  doc["questions"] = std::move(questions);
  return doc;
}
}  // namespace

std::string RenderJsonLine(const Report& r) {
  Json doc = DocumentJson(r);
  Json& findings = doc["findings"];
  for (const auto& f : r.findings) findings.push_back(FindingJson(f));
  return doc.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderJson(const Report& r) {
  const Json doc = DocumentJson(r);

  // The same text as doc.dump(2), without holding every finding as a JSON tree at once (a
  // register's activity can have thousands). Dumped strings hold no raw newline, so each
  // nested dump is indented by prefixing its lines.
  std::string out = "{";
  bool first = true;
  for (const auto& [key, value] : doc.items()) {
    out += first ? "\n  " : ",\n  ";
    first = false;
    out += Json(key).dump() + ": ";
    if (key != "findings" || r.findings.empty()) {
      AppendIndented(out, value, 2);
      continue;
    }
    out += "[";
    for (size_t i = 0; i < r.findings.size(); ++i) {
      out += i == 0 ? "\n    " : ",\n    ";
      AppendIndented(out, FindingJson(r.findings[i]), 4);
    }
    out += "\n  ]";
  }
  out += "\n}\n";
  return out;
}

}  // namespace souple
