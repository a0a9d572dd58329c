// SPDX-License-Identifier: Apache-2.0
// `souple check [PATH...]`: validates policies; reports every error.
#include <iostream>
#include <nlohmann/json.hpp>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"

namespace souple::cli {

namespace {
// The policy set as JSON: policies and their rules (for GRC tools and coverage checks).
void PrintJson(const PolicySet& set) {
  nlohmann::ordered_json doc;
  doc["policy_set_hash"] = "sha256:" + set.hash();
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const auto& p : set.policies()) {
    nlohmann::ordered_json j;
    j["id"] = p.id;
    j["version"] = p.version;
    j["status"] = p.status;
    j["effective"] = p.effective;
    j["until"] = p.until.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.until);
    j["file"] = p.file;
    j["content_hash"] = "sha256:" + p.content_hash;
    j["title"] = {{"fr", p.title_fr}, {"en", p.title_en}};
    nlohmann::ordered_json rules = nlohmann::ordered_json::array();
    for (const auto& r : p.rules) {
      rules.push_back({{"id", r.id}, {"kind", r.kind}, {"confidence", r.confidence},
                       {"covers", r.covers}, {"see", r.see}, {"citations", r.sources},
                       {"has_exception", r.has_exception}, {"has_met", r.has_met}, {"line", r.line}});
    }
    j["rules"] = std::move(rules);
    policies.push_back(std::move(j));
  }
  doc["policies"] = std::move(policies);
  std::cout << doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << '\n';
}
}  // namespace

int RunCheck(const PolicyOptions& options, const std::string& format) {
  auto set = LoadPolicies(options).set;
  if (set == nullptr) return kInvalidInput;
  if (format == "json") {
    PrintJson(*set);
    return kOk;
  }
  size_t rules = 0;
  for (const auto& p : set->policies()) rules += p.rule_count;
  std::cout << "ok: " << set->policies().size() << " policies, " << rules << " rules (sha256:"
            << set->hash().substr(0, 16) << "…)";
  if (options.paths.empty()) std::cout << " from " << DataRoot();
  std::cout << '\n';
  for (const auto& p : set->policies()) {
    std::cout << "  " << p.id << ' ' << p.version << " [" << p.status << "] effective " << p.effective;
    if (!p.until.empty()) std::cout << " until " << p.until;
    std::cout << ", " << p.rule_count << " rules (" << p.file << ")\n";
  }
  return kOk;
}

}  // namespace souple::cli
