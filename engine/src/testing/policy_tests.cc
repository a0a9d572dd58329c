// SPDX-License-Identifier: Apache-2.0
// Runs policy test files (docs/policy-tests.md): builds each case's activity (inline, from
// a file, or a base file with `set`/`unset` edits), evaluates it and compares findings.
#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "base/diag_codes.h"
#include "base/suggest.h"
#include "document/document.h"
#include "document/yaml_document.h"
#include "engine_impl.h"
#include "souple/files.h"
#include "souple/testing.h"

namespace souple {

using internal::DiagCode;
using internal::MakeError;
using internal::DidYouMean;
using internal::CodeString;
using internal::LoadSingleYamlDocument;
using internal::SingleYamlDocument;

namespace {

namespace fs = std::filesystem;

Location At(const std::string& file, const YAML::Node& n) {
  return Location{file, static_cast<uint32_t>(n.Mark().line + 1), static_cast<uint32_t>(n.Mark().column + 1), 0};
}

// Splits `a.b[2].c` into steps: field names and list indexes.
struct Step {
  std::string field;
  int index = -1;
};
bool ParsePath(const std::string& path, std::vector<Step>& out) {
  size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '.') {
      ++i;
      continue;
    }
    if (path[i] == '[') {
      const size_t close = path.find(']', i);
      if (close == std::string::npos) return false;
      try {
        out.push_back({"", std::stoi(path.substr(i + 1, close - i - 1))});
      } catch (...) {
        return false;
      }
      i = close + 1;
      continue;
    }
    size_t j = i;
    while (j < path.size() && path[j] != '.' && path[j] != '[') ++j;
    out.push_back({path.substr(i, j - i), -1});
    i = j;
  }
  return !out.empty();
}

// Applies `set: {path: value}` or `unset: [path]` to a YAML tree, creating maps as needed.
bool Edit(YAML::Node root, const std::string& path, const YAML::Node* value) {
  std::vector<Step> steps;
  if (!ParsePath(path, steps)) return false;
  YAML::Node node = root;
  for (size_t k = 0; k + 1 < steps.size(); ++k) {
    const Step& s = steps[k];
    if (s.index >= 0) {
      if (!node.IsSequence() || static_cast<size_t>(s.index) >= node.size()) return false;
      node.reset(node[s.index]);
    } else {
      if (node.IsDefined() && !node.IsNull() && !node.IsMap()) return false;  // below a scalar or list
      if (!node[s.field]) node[s.field] = YAML::Node(YAML::NodeType::Map);
      node.reset(node[s.field]);
    }
  }
  const Step& last = steps.back();
  if (last.index >= 0) {
    // `list[N]` with N the list's length appends an element.
    if (value != nullptr && node.IsSequence() && static_cast<size_t>(last.index) == node.size()) {
      node.push_back(*value);
      return true;
    }
    if (!node.IsSequence() || static_cast<size_t>(last.index) >= node.size()) return false;
    if (value == nullptr) return node.remove(last.index);
    node[last.index] = *value;
    return true;
  }
  if (node.IsDefined() && !node.IsNull() && !node.IsMap()) return false;
  if (value == nullptr) {
    node.remove(last.field);
  } else {
    node[last.field] = *value;
  }
  return true;
}

class Runner {
 public:
  Runner(const PolicySet& set, TestRun& run, const std::vector<std::string>& scope) : set_(set), run_(run) {
    for (const auto& p : set.impl().program->policies) {
      if (p.scope != nullptr) rule_ids_.insert(p.scope->full_id);  // `rule: ":scope"`
      for (const auto& r : p.rules) {
        rule_ids_.insert(r.full_id);
        if (p.scope != nullptr) scope_rules_[p.scope->full_id].insert(r.full_id);
        if (!scope.empty() && std::find(scope.begin(), scope.end(), p.id) == scope.end()) continue;
        coverage_index_[r.full_id + "@" + p.version] = run_.coverage.size();
        RuleCoverage cov;
        cov.rule_id = r.full_id;
        cov.policy_version = p.version;
        cov.has_exception = !r.exceptions.empty();
        run_.coverage.push_back(std::move(cov));
      }
    }
  }

  void RunFile(const SourceFile& file) {
    if (file.text.size() > kMaxTestFileBytes) {
      Error(DiagCode::kFileTooLarge,
            "test file of " + std::to_string(file.text.size()) + " bytes exceeds the limit of " +
                std::to_string(kMaxTestFileBytes),
            Location{file.path, 0, 0, 0});
      return;
    }
    YAML::Node doc;
    try {
      SingleYamlDocument parsed = LoadSingleYamlDocument(file.text);
      if (parsed.second) {
        Error(DiagCode::kMalformedDocument,
              parsed.stuck ? "malformed test file: unexpected character"
                           : "a second YAML document starts here; a test file holds exactly one",
              Location{file.path, static_cast<uint32_t>(parsed.second->line + 1),
                       static_cast<uint32_t>(parsed.second->column + 1), 0});
        return;
      }
      doc = parsed.node;
    } catch (const YAML::Exception& e) {
      Error(DiagCode::kMalformedDocument, "malformed test file: " + e.msg,
            Location{file.path, static_cast<uint32_t>(e.mark.line + 1), static_cast<uint32_t>(e.mark.column + 1), 0});
      return;
    }
    if (!doc.IsMap() || !doc["cases"] || !doc["cases"].IsSequence()) {
      Error(DiagCode::kMalformedDocument, "a test file is a map with a `cases` list", Location{file.path, 1, 1, 0});
      return;
    }
    // A misspelt key would silently test nothing: every key is checked.
    bool keys_ok = CheckKeys(file, doc, {"policy", "as_of", "base", "cases"});
    for (const auto& c : doc["cases"]) {
      if (!c.IsMap()) {
        Error(DiagCode::kMalformedDocument, "a case is a map", At(file.path, c));
        keys_ok = false;
        continue;
      }
      keys_ok &= CheckKeys(file, c, {"name", "origin", "source", "as_of", "activity", "activity_file", "set",
                                     "unset", "expect", "exhaustive"});
      // Wrong shapes are errors: `expect: 5` or `unset: x` would otherwise check nothing.
      auto shape = [&](const char* key, YAML::NodeType::value type, const char* expected) {
        const YAML::Node v = c[key];
        if (!v || v.Type() == type) return v.IsDefined();
        Error(DiagCode::kDocWrongType, std::string("`") + key + "` must be " + expected, At(file.path, v));
        keys_ok = false;
        return false;
      };
      shape("set", YAML::NodeType::Map, "a map of path: value");
      if (shape("unset", YAML::NodeType::Sequence, "a list of paths")) {
        for (const auto& u : c["unset"]) {
          if (u.IsScalar()) continue;
          Error(DiagCode::kDocWrongType, "`unset` must be a list of paths", At(file.path, u));
          keys_ok = false;
        }
      }
      if (shape("expect", YAML::NodeType::Sequence, "a list of expected findings")) {
        for (const auto& e : c["expect"]) {
          if (!e.IsMap()) {
            Error(DiagCode::kDocWrongType, "an expected finding is a map (rule, status, ...)", At(file.path, e));
            keys_ok = false;
            continue;
          }
          keys_ok &= CheckKeys(file, e, {"rule", "element", "status", "kind", "facts", "missing"});
          // A regulator's example says how strong the duty is, not only whether it is met:
          // a rule of the wrong kind must fail it.
          const bool regulator = c["origin"] && c["origin"].IsScalar() && c["origin"].Scalar() == "regulator";
          const bool finding_expected = !e["status"] || e["status"].Scalar() != "none";  // (status checked below)
          if (regulator && finding_expected && !e["kind"]) {
            Error(DiagCode::kDocMissingRequired,
                  "an expected finding of a regulator example must state its `kind`", At(file.path, e),
                  {"add `kind: obligation` (or formality, recommendation, good_practice) as the text says"});
            keys_ok = false;
          }
          if (!e["status"]) {
            Error(DiagCode::kDocMissingRequired, "an expected finding must state its `status`", At(file.path, e),
                  {"add `status:` met, not_met, unknown, applies, exempted, or none (no finding)"});
            keys_ok = false;
          } else if (!IsStatus(e["status"].Scalar())) {
            Error(DiagCode::kDocUnknownEnumValue, "unknown status `" + e["status"].Scalar() + "`", At(file.path, e["status"]),
                  DidYouMean(e["status"].Scalar(), Statuses()));
            keys_ok = false;
          }
        }
      }
    }
    if (!keys_ok) return;
    const std::string policy = doc["policy"] ? doc["policy"].Scalar() : "";
    const std::string as_of = doc["as_of"] ? doc["as_of"].Scalar() : "";
    YAML::Node base;
    if (doc["base"]) base = LoadBase(file, doc["base"]);
    for (const auto& c : doc["cases"]) RunCase(file, c, policy, as_of, base);
  }

 private:
  static const std::vector<std::string>& Statuses() {
    static const std::vector<std::string> kStatuses = {"met", "not_met", "unknown", "applies", "exempted", "none"};
    return kStatuses;
  }
  static bool IsStatus(const std::string& s) {
    return std::find(Statuses().begin(), Statuses().end(), s) != Statuses().end();
  }

  bool CheckKeys(const SourceFile& file, const YAML::Node& map, const std::vector<std::string>& allowed) {
    if (!map.IsMap()) {
      Error(DiagCode::kMalformedDocument, "expected a map", At(file.path, map));
      return false;
    }
    bool ok = true;
    for (auto it = map.begin(); it != map.end(); ++it) {
      const std::string key = it->first.Scalar();
      if (std::find(allowed.begin(), allowed.end(), key) != allowed.end()) continue;
      Error(DiagCode::kDocUnknownField, "unknown key `" + key + "` in a policy test file", At(file.path, it->first),
            DidYouMean(key, allowed));
      ok = false;
    }
    return ok;
  }

  YAML::Node LoadBase(const SourceFile& file, const YAML::Node& ref) {
    const fs::path p = fs::path(file.path).parent_path() / ref.Scalar();
    const std::optional<YAML::Node> base = ReadActivity(p, "base activity", At(file.path, ref));
    if (!base) return {};
    return *base;
  }

  // An activity named by a test file: read like any input (regular file, size checked before
  // reading), one YAML document. Errors are located at the reference in the test file.
  std::optional<YAML::Node> ReadActivity(const fs::path& p, const std::string& what, const Location& at) {
    Diagnostics read;
    const std::optional<std::string> text = ReadInputFile(p.string(), read, Limits{}.max_activity_bytes);
    if (!text) {
      const Diagnostic& why = read.items().front();
      Error(why.code == CodeString(DiagCode::kFileTooLarge) ? DiagCode::kFileTooLarge : DiagCode::kIoError,
            "cannot read " + what + " `" + p.string() + "`: " + why.message, at);
      return std::nullopt;
    }
    try {
      SingleYamlDocument parsed = LoadSingleYamlDocument(*text);
      if (parsed.second) {
        Error(DiagCode::kMalformedDocument, "malformed " + what + " `" + p.string() + "`: " +
                                                (parsed.stuck ? "unexpected character" : "more than one YAML document"),
              at);
        return std::nullopt;
      }
      return parsed.node;
    } catch (const YAML::Exception& e) {
      Error(DiagCode::kMalformedDocument, "malformed " + what + " `" + p.string() + "`: " + e.msg, at);
      return std::nullopt;
    }
  }

  void RunCase(const SourceFile& file, const YAML::Node& c, const std::string& policy,
               const std::string& file_as_of, const YAML::Node& base) {
    CaseResult result;
    result.file = file.path;
    result.line = static_cast<uint32_t>(c.Mark().line + 1);
    result.name = c["name"] ? c["name"].Scalar() : "case at line " + std::to_string(result.line);
    result.origin = c["origin"] ? c["origin"].Scalar() : "";
    result.source = c["source"] ? c["source"].Scalar() : "";
    const std::string as_of = c["as_of"] ? c["as_of"].Scalar() : file_as_of;
    if (!IsValidDate(as_of)) {
      Error(DiagCode::kDocInvalidValue, "case `" + result.name + "` needs `as_of: YYYY-MM-DD` (in the case or the file)", At(file.path, c));
      return;
    }
    // Build the activity tree.
    YAML::Node activity;
    std::string activity_path = file.path;
    if (c["activity"]) {
      activity = YAML::Clone(c["activity"]);
    } else if (c["activity_file"]) {
      const fs::path p = fs::path(file.path).parent_path() / c["activity_file"].Scalar();
      const std::optional<YAML::Node> loaded = ReadActivity(p, "activity", At(file.path, c["activity_file"]));
      if (!loaded) return;
      activity = *loaded;
      activity_path = p.string();
    } else if (base) {
      activity = YAML::Clone(base);
    } else {
      Error(DiagCode::kMalformedDocument, "case `" + result.name + "` has no `activity`, `activity_file` or file `base`", At(file.path, c));
      return;
    }
    if (c["set"]) {
      for (auto it = c["set"].begin(); it != c["set"].end(); ++it) {
        if (!Edit(activity, it->first.Scalar(), &it->second)) {
          Error(DiagCode::kDocInvalidValue, "cannot set `" + it->first.Scalar() + "`", At(file.path, it->first));
          return;
        }
      }
    }
    if (c["unset"]) {
      for (const auto& path : c["unset"]) {
        if (!Edit(activity, path.Scalar(), nullptr)) {
          Error(DiagCode::kDocInvalidValue, "cannot unset `" + path.Scalar() + "`", At(file.path, path));
          return;
        }
      }
    }
    Diagnostics diags;
    auto root = internal::LoadDocumentNode(activity_path, activity, set_.impl().program->schema->root(), diags);
    if (root == nullptr) {
      run_.diagnostics.Append(diags);
      return;
    }
    auto impl = std::make_unique<Activity::Impl>();
    impl->path = activity_path;
    impl->schema = set_.impl().program->schema;
    impl->root = std::move(root);
    const Activity loaded(std::move(impl));
    const Report report = Evaluate(set_, loaded, {as_of});
    Compare(file, c, policy, report, result);
    run_.cases.push_back(std::move(result));
  }

  void Compare(const SourceFile& file, const YAML::Node& c, const std::string& policy,
               const Report& report, CaseResult& result) {
    result.passed = true;
    std::vector<bool> matched(report.findings.size(), false);
    if (c["expect"]) {
      for (const auto& e : c["expect"]) {
        ExpectationResult x;
        const std::string rule = e["rule"] ? e["rule"].Scalar() : "";
        // `:scope` names the policy's `applies to` finding (the test file's policy).
        x.rule_id = !rule.empty() && rule[0] == ':' && !policy.empty() ? policy + rule
                    : rule.find('.') == std::string::npos && !policy.empty() ? policy + "." + rule
                                                                             : rule;
        x.element = e["element"] ? e["element"].Scalar() : "";
        x.expected = e["status"] ? e["status"].Scalar() : "";
        if (!rule_ids_.count(x.rule_id)) {
          Error(DiagCode::kUnknownRuleReference, "no rule `" + x.rule_id + "` in the policy set",
                At(file.path, e), UnknownRuleHelp(rule, x.rule_id, policy));
          x.problems.push_back("unknown rule");
        }
        std::vector<size_t> hits;
        for (size_t i = 0; i < report.findings.size(); ++i) {
          const Finding& f = report.findings[i];
          if (f.rule_id == x.rule_id && (x.element.empty() || f.element == x.element)) hits.push_back(i);
        }
        const Finding* found = nullptr;
        if (hits.size() == 1) {
          found = &report.findings[hits[0]];
          matched[hits[0]] = true;
        } else if (hits.size() > 1) {
          x.problems.push_back(std::to_string(hits.size()) + " findings for this rule: name the `element`");
        }
        x.actual = found != nullptr ? found->status : "none";
        if (hits.size() <= 1 && x.actual != x.expected) {
          x.problems.push_back("expected status " + x.expected + ", got " + x.actual);
        }
        if (found != nullptr && e["kind"] && e["kind"].Scalar() != found->kind) {
          x.problems.push_back("expected kind " + e["kind"].Scalar() + ", got " + found->kind);
        }
        if (found != nullptr) {
          for (const auto& want : e["facts"]) {
            bool ok = false;
            for (const auto& fact : found->facts) ok = ok || fact.path == want.Scalar();
            if (!ok) x.problems.push_back("fact `" + want.Scalar() + "` not cited");
          }
          for (const auto& want : e["missing"]) {
            bool ok = false;
            for (const auto& m : found->missing) ok = ok || m == want.Scalar();
            if (!ok) {
              std::string reported;
              for (const auto& m : found->missing) reported += (reported.empty() ? "" : ", ") + m;
              x.problems.push_back("missing fact `" + want.Scalar() + "` not reported (reported: " +
                                   (reported.empty() ? "none" : reported) + ")");
            }
          }
        }
        x.passed = x.problems.empty();
        result.passed = result.passed && x.passed;
        if (x.passed && found != nullptr && found->status == "unknown" && scope_rules_.count(x.rule_id)) {
          // An undecided scope is the case "a fact the rule needs is missing" for every rule
          // of the policy: each would ask it, the scope asks it once for all.
          for (const std::string& r : scope_rules_[x.rule_id]) Cover(r, found->policy_version, "unknown");
        } else if (x.passed) {
          Cover(x.rule_id, found != nullptr ? found->policy_version : AppliedVersion(report, x.rule_id), x.expected);
        }
        result.expectations.push_back(std::move(x));
      }
    }
    if (c["exhaustive"] && c["exhaustive"].as<bool>(false)) {
      // Exhaustive over the policies the case is about: the file's `policy` and those of
      // the rules it names, not every policy of the set.
      std::set<std::string> about;
      if (!policy.empty()) about.insert(policy);
      for (const auto& x : result.expectations) about.insert(x.rule_id.substr(0, x.rule_id.rfind('.')));
      for (size_t i = 0; i < report.findings.size(); ++i) {
        if (matched[i]) continue;
        const Finding& f = report.findings[i];
        if (!about.count(f.policy_id)) continue;
        result.unexpected.push_back(f.rule_id + (f.element.empty() ? "" : " @ " + f.element) + ": " + f.status);
        result.passed = false;
      }
    }
  }

  // The version of the rule's policy applied in a report ("" when none is in force).
  static std::string AppliedVersion(const Report& report, const std::string& rule_id) {
    const std::string policy = rule_id.substr(0, rule_id.rfind('.'));
    for (const auto& p : report.policies) {
      // A version in force whose scope did not hold (or is undecided) was applied to the case.
      if (p.id == policy && (p.applied || p.reason_code == "not_applicable" || p.reason_code == "scope_unknown")) {
        return p.version;
      }
    }
    return "";
  }

  void Cover(const std::string& rule, const std::string& version, const std::string& status) {
    auto it = coverage_index_.find(rule + "@" + version);
    if (it == coverage_index_.end()) return;
    RuleCoverage& cov = run_.coverage[it->second];
    if (status == "not_met" || status == "applies") cov.fires = true;
    if (status == "met" || status == "none") cov.does_not_fire = true;
    if (status == "exempted") cov.exception = true;
    if (status == "unknown") cov.missing = true;
  }

  // For a test naming no rule of the set: the close rule of the test file's policy, by its
  // local id as written, else the close rule of the whole set. Nothing once the diagnostics
  // are full (a hostile file may name thousands of rules).
  std::vector<std::string> UnknownRuleHelp(const std::string& written, const std::string& rule_id,
                                           const std::string& policy) const {
    if (run_.diagnostics.Full()) return {};
    if (!policy.empty() && written.find('.') == std::string::npos) {
      const std::string prefix = policy + ".";
      std::vector<std::string> local;
      for (const auto& id : rule_ids_) {
        if (id.rfind(prefix, 0) == 0) local.push_back(id.substr(prefix.size()));
      }
      if (auto help = DidYouMean(written, local); !help.empty()) return help;
    }
    return DidYouMean(rule_id, std::vector<std::string>(rule_ids_.begin(), rule_ids_.end()));
  }

  void Error(DiagCode code, const std::string& message, Location loc, std::vector<std::string> help = {}) {
    run_.diagnostics.Add(MakeError(code, message, std::move(loc), std::move(help)));
  }

  const PolicySet& set_;
  TestRun& run_;
  std::map<std::string, size_t> coverage_index_;  // "rule@version" -> entry
  std::set<std::string> rule_ids_;
  std::map<std::string, std::set<std::string>> scope_rules_;  // scope id -> the policy's rules
};

}  // namespace

size_t TestRun::Passed() const {
  size_t n = 0;
  for (const auto& c : cases) n += c.passed ? 1 : 0;
  return n;
}

size_t TestRun::Failed() const { return cases.size() - Passed(); }

TestRun RunPolicyTests(const PolicySet& policies, const std::vector<SourceFile>& test_files,
                       const std::vector<std::string>& coverage_scope) {
  TestRun run;
  Runner runner(policies, run, coverage_scope);
  for (const auto& f : test_files) {
    run.diagnostics.AddSourceText(f.path, f.text);
    runner.RunFile(f);
  }
  run.diagnostics.Sort();
  return run;
}

}  // namespace souple
