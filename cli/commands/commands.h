// SPDX-License-Identifier: Apache-2.0
// The subcommands. Each takes plain options (parsed in main.cc) and returns an exit code.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "souple/bundle.h"
#include "souple/engine.h"
#include "souple/release.h"

namespace souple::cli {

struct PolicyOptions {
  std::vector<std::string> paths;          ///< Empty: the bundled policies.
  std::vector<std::string> areas;          ///< Folders of the bundled set, e.g. `cnil/ai`.
  std::string release;                     ///< A release file instead of policy paths.
  /// A public key file: the release must carry a valid signature by it (`signature`, by
  /// default `<release>.sig`), else it is refused (E5006).
  std::string trusted_key;
  std::string signature;
  std::string diagnostics_format = "text";  ///< text | json (always on stderr)
};

struct EvalOptions {
  PolicyOptions policies;
  std::vector<std::string> activities;
  std::string format = "text";  ///< text | json | jsonl | html | markdown
  std::string lang = "fr";      ///< fr | en (text, html and markdown formats)
  bool show_met = false;        ///< html | markdown: list met findings expanded.
  std::string as_of;            ///< YYYY-MM-DD; default today (UTC)
  std::string fail_on = "obligation";  ///< obligation | recommendation | good_practice | never
  bool final_only = false;              ///< Leave out draft texts.
  std::vector<std::string> policy_patterns;  ///< --policy: ids or globs to apply.
  bool keep_going = false;       ///< Evaluate the valid entries of a register with bad ones.
  size_t jobs = 0;               ///< Threads; 0: one per core.
  bool quiet = false;            ///< No progress line on stderr.
  std::string stdin_format = "jsonl";  ///< How `-` is read: jsonl | json | yaml
};

struct TestOptions {
  PolicyOptions policies;
  std::vector<std::string> tests;  ///< Test files or folders; default: next to the policies.
  std::string format = "text";     ///< text | json | junit
  bool coverage = false;           ///< Print the per-rule coverage table.
  bool require_coverage = false;   ///< Exit 1 when a rule lacks one of the four kinds of case.
};

struct ExplainCommandOptions {
  PolicyOptions policies;
  std::string activity;
  std::string rule;             ///< policy.rule, optionally @element (a finding id)
  std::string format = "text";  ///< text | json
  std::string lang = "fr";      ///< fr | en (text)
  std::string as_of;            ///< YYYY-MM-DD; default today (UTC)
  bool final_only = false;
  bool no_why_not = false;      ///< Skip the search of the changes that would flip the outcome.
  std::string stdin_format = "yaml";  ///< How `-` is read: yaml | json
};
int RunExplain(const ExplainCommandOptions& options);

int RunCheck(const PolicyOptions& options, const std::string& format);

struct LintCommandOptions {
  PolicyOptions policies;
  std::string format = "text";  ///< text | json (the lints, on stdout)
  bool strict = false;          ///< exit 1 when any lint is reported
};
int RunLint(const LintCommandOptions& options);

struct FmtOptions {
  std::vector<std::string> paths;  ///< Files, folders (their `*.souple`, recursively) or `-`.
  bool check = false;  ///< List the files not formatted; exit 1 when there are any.
  bool write = false;  ///< Rewrite the files not formatted, in place.
  bool diff = false;   ///< Print what formatting would change; exit 1 when anything would.
  std::string diagnostics_format = "text";
};
int RunFmt(const FmtOptions& options);
int RunTest(const TestOptions& options);
int RunEval(const EvalOptions& options);

// Shared by the commands (common.cc).
void PrintDiagnostics(const Diagnostics& diags, const std::string& format);
/// Diagnostics of a release file: errors in full; warnings about its (published, never
/// rebuilt) policies only counted in one line that points to `souple release inspect`.
void PrintReleaseDiagnostics(const Diagnostics& diags, const std::string& release_file,
                             const std::string& format);
struct LoadedPolicies {
  std::shared_ptr<const PolicySet> set;  ///< Null on error (diagnostics printed).
  std::string release_id, release_hash, release_date;
  std::string release_schema;  ///< The activity schema text the release embeds.
};

/// Compiles the requested policies: a release file (its signature checked when
/// `options.trusted_key` is set), paths, or the bundled set.
LoadedPolicies LoadPolicies(const PolicyOptions& options);
/// A release embedding another activity schema than the bundled one (an older release):
/// descriptions are written for the bundled schema. Returns the bundled schema's (empty)
/// set to check them against strictly, and says so on stderr for `command`; null when the
/// release's schema is the bundled one, or for policies that are not a release.
std::shared_ptr<const PolicySet> BundledSchemaSetFor(const LoadedPolicies& loaded, const char* command);
/// Loads a description for `set`: as written, or (with `written_for`) checked strictly
/// against that bundled schema, then read under the set's as replays read it (the facts its
/// schema predates left out, the v1 forms of v2 facts derived from them).
LoadResult LoadActivityFor(const PolicySet& set, const PolicySet* written_for, const SourceFile& source);
/// Checks the signature of the release read from `release_path` against the public key file
/// `trusted_key` (signature file: `signature`, or `<release_path>.sig`). Diagnostics to `diags`.
bool CheckReleaseSignature(const Release& release, const std::string& release_path, const std::string& signature,
                           const std::string& trusted_key, Diagnostics& diags);

struct ReleaseOptions {
  std::string action;  ///< build | inspect | keygen | sign | verify
  std::string id, date, output, file, format = "text";
  std::string secret_key, public_key;  ///< keygen: files written; sign: the secret key read.
  std::string signature;               ///< sign: output (default <file>.sig); verify: input.
  std::string trusted_key;             ///< verify: the public key file.
  bool exclude_later = false;  ///< Leave out policy files not yet in effect at the release date.
  bool force = false;          ///< Overwrite an existing output file.
  PolicyOptions policies;
};
int RunRelease(const ReleaseOptions& options);

struct DiffOptions {
  std::string old_path, new_path;  ///< Release files (`.json`) or policy files/folders.
  std::string replay;              ///< Folder of activities, or a `.jsonl` register.
  std::string format = "text";     ///< text | json | markdown
  std::string lang = "fr";
  std::string as_of, old_as_of, new_as_of;
  std::string diagnostics_format = "text";
};
int RunDiff(const DiffOptions& options);

struct ServeOptions {
  std::string host = "127.0.0.1";  ///< Loopback by default.
  int port = 8080;                 ///< 0: any free port (written to --port-file).
  std::string port_file, release, token_file;
  std::string trusted_key, signature;  ///< As PolicyOptions: the release must be signed.
  std::string decision_log;        ///< Append one JSON line per evaluated activity.
  size_t threads = 0;              ///< 0: 32, or twice the cores if more.
  size_t max_body_bytes = 8u << 20;
  size_t max_batch = 100;
  int timeout_seconds = 30;
};
int RunServe(const ServeOptions& options);

struct MigrateOptions {
  std::string file, output;
  bool in_place = false, force = false, quiet = false;
};
int RunMigrate(const MigrateOptions& options);

struct SchemaOptions {
  std::string release;  ///< Print the schema this release embeds instead of the bundled one.
  std::string diagnostics_format = "text";
};
int RunSchema(const SchemaOptions& options);

struct NewVersionOptions {
  std::string file, version, effective, status, output;
  bool force = false;  ///< Overwrite an existing output file.
};
int RunNewVersion(const NewVersionOptions& options);

/// The language server on stdin/stdout; returns the exit code LSP prescribes.
int RunLsp();

/// Today's date (UTC), YYYY-MM-DD.
std::string TodayUtc();

}  // namespace souple::cli
