// SPDX-License-Identifier: Apache-2.0
// The public API of the Souple engine: compile a policy set once, load activity
// descriptions, evaluate them (from any number of threads) and render reports.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/report.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// Version of the engine, as printed by `souple --version` and written in reports.
const char* EngineVersion();

/// A named text: a policy file, the activity schema or an activity description.
/// How an activity's text is read: by its path (`.json` and `.jsonl` are JSON, anything
/// else YAML), or as said (standard input has no extension).
enum class SourceFormat { kByPath, kJson, kYaml };

struct SourceFile {
  std::string path;  ///< Used in diagnostics and reports.
  std::string text;
  /// Line of `text`'s first line in `path`: an entry of a JSON Lines register is one line
  /// of its file, and its diagnostics and facts say which.
  uint32_t first_line = 1;
  SourceFormat format = SourceFormat::kByPath;
};

/// Limits that bound the work done on hostile input.
struct Limits {
  size_t max_policy_bytes = 1u << 20;     ///< Per policy file.
  /// Per activity description: one processing's record is a few kilobytes (the bundled
  /// examples are under 10 KB); 4 MiB also bounds the YAML parser's time (~0.2 s per MiB).
  size_t max_activity_bytes = 4u << 20;
  uint32_t max_nesting = 128;             ///< Expression nesting in policies.
  uint32_t max_activity_depth = 64;       ///< Nesting of activity documents.
  /// Elements of any one list in an activity (E4006). Each element can be the subject of
  /// dozens of findings; the bundled examples have at most 14.
  size_t max_activity_list_items = 100;
  /// Drop fields the schema does not know instead of rejecting them (E4002), and read enum
  /// values it does not know as not stated (instead of E4004). Used to replay a register
  /// under an older release whose schema predates some of its facts.
  bool ignore_unknown_fields = false;
};

/// Summary of one rule.
struct RuleInfo {
  std::string id;  ///< Full id: policy.rule
  std::string kind, confidence;
  std::vector<std::string> covers, see;
  std::vector<std::string> sources;  ///< Cited source ids with their sections: `R1 §3`.
  bool has_exception = false, has_met = false;
  uint32_t line = 0;
};

/// Summary of one compiled policy.
struct PolicyInfo {
  std::string id, version, status, effective, until, file, content_hash, title_fr, title_en;
  size_t rule_count = 0;
  std::vector<RuleInfo> rules;
};

/// A compiled, immutable policy set. Safe to share between threads.
class PolicySet {
 public:
  ~PolicySet();
  PolicySet(const PolicySet&) = delete;
  PolicySet& operator=(const PolicySet&) = delete;

  const std::vector<PolicyInfo>& policies() const;
  /// sha256 over the activity schema and the policy files (paths and contents).
  const std::string& hash() const;

  struct Impl;
  explicit PolicySet(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

/// A loaded activity description, validated against the schema of a policy set.
class Activity {
 public:
  ~Activity();
  Activity(const Activity&) = delete;
  Activity& operator=(const Activity&) = delete;

  const std::string& path() const;

  struct Impl;
  explicit Activity(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct CompileResult {
  std::shared_ptr<const PolicySet> policy_set;  ///< Null when there were errors.
  Diagnostics diagnostics;
};

/// A compiled activity schema: immutable, shared by the policy sets compiled against it
/// (reading the bundled schema costs more than checking a policy).
class ActivitySchema {
 public:
  ~ActivitySchema();
  ActivitySchema(const ActivitySchema&) = delete;
  ActivitySchema& operator=(const ActivitySchema&) = delete;
  /// sha256 of the schema text.
  const std::string& hash() const;

  struct Impl;
  explicit ActivitySchema(std::unique_ptr<Impl> impl);
  const Impl& impl() const { return *impl_; }

 private:
  std::unique_ptr<Impl> impl_;
};

struct SchemaResult {
  std::shared_ptr<const ActivitySchema> schema;  ///< Null when there were errors.
  Diagnostics diagnostics;
};

/// Reads an activity schema (the JSON Schema subset of docs/activity-schema.md). The
/// document is self-contained: a schema split into section files is first assembled by
/// ReadActivitySchema.
SchemaResult CompileSchema(const SourceFile& schema);

/// Reads the activity schema whose entry point is `path`. Its sections may live in files
/// next to it (`{"$ref": "activity/purposes.json"}`, relative to the referring file): they
/// are inlined and their `$defs` merged, so the result is one self-contained document, the
/// text CompileSchema takes and a release embeds. `label` names the result in diagnostics
/// and reports. Errors go to `diags` (E5001 unreadable, E2020 invalid), located at the file.
std::optional<SourceFile> ReadActivitySchema(const std::string& path, const std::string& label,
                                             Diagnostics& diags);

/// Parses and checks the policies against the activity schema (JSON Schema subset).
/// `shared_modules` are files where imports the policies do not resolve themselves are
/// looked for (e.g. the bundled `common.gdpr`): a module among them is compiled with the set
/// only when a policy imports it and no given file declares it.
CompileResult CompilePolicies(const SourceFile& schema, const std::vector<SourceFile>& policies,
                              const Limits& limits = {},
                              const std::vector<SourceFile>& shared_modules = {});
/// The same against a schema compiled once.
CompileResult CompilePolicies(const ActivitySchema& schema, const std::vector<SourceFile>& policies,
                              const Limits& limits = {},
                              const std::vector<SourceFile>& shared_modules = {});

struct LoadResult {
  std::shared_ptr<const Activity> activity;  ///< Null when there were errors.
  Diagnostics diagnostics;
};

/// Loads a YAML or JSON activity description (JSON when the path ends in `.json`).
LoadResult LoadActivity(const PolicySet& policies, const SourceFile& source,
                        const Limits& limits = {});

/// Reads a description written for another schema (the one `written` was loaded with, e.g.
/// the bundled schema v2) under the schema of `policies` (e.g. an older release's v1): facts
/// that schema lacks are left out, as `Limits::ignore_unknown_fields` does, and the v1 forms
/// of the facts v2 restated (security_measures, password_policy) are derived from their v2
/// statements, so that older texts still see them. Used by replays and `eval --release`.
LoadResult LoadActivityWrittenFor(const PolicySet& policies, const SourceFile& source, const Activity& written,
                                  Limits limits = {});

struct EvalOptions {
  std::string evaluation_date;  ///< YYYY-MM-DD; selects the policy versions in force.
  /// kFull: findings with messages, citations, facts and questions. kVerdicts: only the
  /// rule, element, kind, confidence and status of each finding (bulk screening).
  enum class Detail { kFull, kVerdicts };
  Detail detail = Detail::kFull;
  /// Leave out policies whose source text is a draft (by default a draft counts until a
  /// final version supersedes it, and its findings say it is a draft).
  bool final_only = false;
  /// Apply only the policies whose id matches one of these patterns (`*` matches any run of
  /// characters, `?` one): e.g. `cnil.retention.*`. Empty: every policy. The others are
  /// listed as `not_selected`; which version is in force does not change.
  std::vector<std::string> policies = {};
};

/// True when `date` is a valid YYYY-MM-DD calendar date.
bool IsValidDate(const std::string& date);

/// Evaluates every policy in force on the evaluation date. Deterministic. The activity must
/// have been loaded by a policy set compiled against the same activity schema text, and
/// `options.evaluation_date` must be a valid date (std::invalid_argument otherwise: both are
/// programming errors).
Report Evaluate(const PolicySet& policies, const Activity& activity, const EvalOptions& options);

}  // namespace souple
#pragma GCC visibility pop
