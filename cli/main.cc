// SPDX-License-Identifier: Apache-2.0
// `souple`: command-line parsing and dispatch only; the work is in the engine library.
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <stdexcept>
#include <iostream>
#include <sstream>

#include "commands/commands.h"
#include "souple/suggest.h"
#include "exit_codes.h"
#include "io.h"

using namespace souple::cli;

namespace {

// After a usage error: a misspelt subcommand or option gets the close name (CLI11 only says
// what it did not expect).
void SuggestSpelling(const CLI::App& app, int argc, char** argv) {
  const CLI::App* cmd = &app;
  bool subcommand_expected = true;  // the first word after a command with subcommands
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--") return;
    if (arg.rfind("--", 0) == 0 && arg.size() > 2) {
      const size_t eq = arg.find('=');
      const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
      std::vector<std::string> names;
      for (const CLI::App* a = cmd; a != nullptr; a = a->get_parent()) {
        for (const CLI::Option* o : a->get_options()) {
          for (const std::string& l : o->get_lnames()) names.push_back(l);
        }
      }
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      if (auto m = souple::ClosestName(name, names)) {
        std::cerr << "did you mean `--" << *m << "`?\n";
      }
      return;
    }
    if (arg.empty() || arg[0] == '-') continue;
    const auto subs = cmd->get_subcommands([](const CLI::App*) { return true; });
    if (subs.empty() || !subcommand_expected) continue;
    std::vector<std::string> names;
    const CLI::App* next = nullptr;
    for (const CLI::App* sub : subs) {
      names.push_back(sub->get_name());
      if (sub->get_name() == arg) next = sub;
    }
    if (next != nullptr) {
      cmd = next;
      continue;
    }
    if (auto m = souple::ClosestName(arg, names)) {
      std::cerr << "did you mean `" << *m << "`?\n";
      return;
    }
    subcommand_expected = false;
  }
}

/// `-o FILE` of the commands that print a document: the document is written to FILE through
/// a temporary file renamed into place, and only when the command produced a result (exit
/// 0 or 1); on an error nothing is written and FILE is left as it was.
struct OutputTarget {
  std::string path;
  bool force = false;
};

void AddOutputOptions(CLI::App* cmd, OutputTarget& out) {
  cmd->add_option("-o,--output", out.path, "Write the result to this file instead of stdout");
  cmd->add_flag("--force", out.force, "Overwrite the output file if it exists");
}

template <typename Run>
int WithOutput(const OutputTarget& target, const char* what, Run run) {
  if (target.path.empty()) return run();
  std::ostringstream captured;
  std::streambuf* const saved = std::cout.rdbuf(captured.rdbuf());
  int code;
  try {
    code = run();
  } catch (...) {
    std::cout.rdbuf(saved);
    throw;
  }
  std::cout.rdbuf(saved);
  if (code != kOk && code != kFindings) return code;
  if (!WriteFileAtomically(target.path, captured.str(), target.force, what)) return kInvalidInput;
  return code;
}

int Dispatch(int argc, char** argv) {
  try {
    CLI::App app{"Souple: French and European data-protection soft law as policy-as-code"};
    app.set_version_flag("--version", std::string("souple ") + souple::EngineVersion());
    app.require_subcommand(1);

    PolicyOptions check;
    std::string check_format = "text";
    auto* check_cmd = app.add_subcommand("check", "Validate policies (default: the bundled set)");
    check_cmd->add_option("paths", check.paths, "Policy files or folders");
    check_cmd->add_option("--format", check_format, "Output on success: text summary or json (policies and rules)")
        ->check(CLI::IsMember({"text", "json"}));
    check_cmd->add_option("--diagnostics-format", check.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget check_out;
    AddOutputOptions(check_cmd, check_out);

    LintCommandOptions lint;
    auto* lint_cmd = app.add_subcommand("lint", "Lint policies that compile (default: the bundled set)");
    lint_cmd->add_option("paths", lint.policies.paths, "Policy files or folders");
    lint_cmd->add_flag("--strict", lint.strict, "Exit 1 when any lint is reported (CI)");
    lint_cmd->add_option("--format", lint.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    lint_cmd->add_option("--diagnostics-format", lint.policies.diagnostics_format, "text or json (compile errors)")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget lint_out;
    AddOutputOptions(lint_cmd, lint_out);

    FmtOptions fmt;
    auto* fmt_cmd = app.add_subcommand("fmt", "Lay out policy files canonically (print, check, diff or rewrite)");
    fmt_cmd->add_option("paths", fmt.paths, "Policy files, folders or - (standard input)")->required();
    auto* fmt_check = fmt_cmd->add_flag("--check", fmt.check, "List the files not formatted; exit 1 if any (CI)");
    auto* fmt_write = fmt_cmd->add_flag("--write", fmt.write, "Rewrite the files not formatted, in place");
    auto* fmt_diff = fmt_cmd->add_flag("--diff", fmt.diff, "Print a unified diff of what would change; exit 1 if any");
    fmt_check->excludes(fmt_write)->excludes(fmt_diff);
    fmt_write->excludes(fmt_diff);
    fmt_cmd->add_option("--diagnostics-format", fmt.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));

    EvalOptions eval;
    auto* eval_cmd = app.add_subcommand("eval", "Evaluate activity descriptions (YAML or JSON)");
    eval_cmd->add_option("activities", eval.activities,
                         "Activity files, folders of them (recursive), JSON Lines registers (.jsonl), "
                         "or - for standard input")
        ->required();
    eval_cmd->add_option("--policies", eval.policies.paths, "Policy file or folder (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    eval_cmd->add_option("--format", eval.format,
                         "text, json (an array for a register), jsonl (one line per activity), sarif (SARIF "
                         "2.1.0), junit (one test case per finding), or html or markdown (one report for the DPO, a table of the activities first "
                         "for a register)")
        ->check(CLI::IsMember({"text", "json", "jsonl", "sarif", "junit", "html", "markdown"}));
    eval_cmd->add_flag("--show-met", eval.show_met,
                       "html, markdown: list the met findings (HTML: expanded; by default collapsed, and only "
                       "counted in Markdown)");
    eval_cmd->add_flag("--keep-going", eval.keep_going,
                       "Evaluate the valid entries of a register and report the bad ones (exit 2 at the end); "
                       "by default a bad entry stops the run and nothing is printed");
    eval_cmd->add_option("--jobs,-j", eval.jobs, "Evaluation threads (default: one per core)")
        ->check(CLI::Range(1, 1024));
    eval_cmd->add_flag("--quiet,-q", eval.quiet, "No progress line on stderr (there is none when stderr is not a terminal)");
    eval_cmd->add_option("--stdin-format", eval.stdin_format, "How - is read: jsonl (default), json or yaml")
        ->check(CLI::IsMember({"jsonl", "json", "yaml"}));
    eval_cmd->add_option("--lang", eval.lang, "Language of the text, HTML and Markdown reports: fr or en")
        ->check(CLI::IsMember({"fr", "en"}));
    eval_cmd->add_option("--as-of", eval.as_of, "Evaluation date YYYY-MM-DD (default: today, UTC)");
    eval_cmd->add_option("--fail-on", eval.fail_on,
                         "Exit 1 when a finding of this kind or stronger is not met: "
                         "obligation (includes formality), recommendation, good_practice, never")
        ->check(CLI::IsMember({"obligation", "recommendation", "good_practice", "never"}));
    eval_cmd->add_option("--policy", eval.policy_patterns,
                         "Apply only this policy id; `*` and `?` allowed (cnil.retention.*); repeatable")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    eval_cmd->add_option("--area", eval.policies.areas,
                         "Compile only this folder of the bundled policies (cnil/ai, edpb, ...), with the "
                         "shared modules it imports; repeatable")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
        ->excludes("--policies");
    eval_cmd->add_flag("--final-only", eval.final_only,
                       "Leave out policies whose source text is a draft (consultation version)");
    eval_cmd->add_option("--diagnostics-format", eval.policies.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget eval_out;
    AddOutputOptions(eval_cmd, eval_out);

    // `souple report`: the DPO's report of a register, i.e. `eval --format html` (or
    // markdown) with the options a DPO uses; the same engine path and exit codes.
    EvalOptions report;
    report.format = "html";
    auto* report_cmd = app.add_subcommand(
        "report", "The DPO's report of a register: summary, activities by area, each activity (eval --format html)");
    report_cmd->add_option("activities", report.activities, "Activity files, folders, .jsonl registers, or -")->required();
    report_cmd->add_option("--format", report.format, "html (default) or markdown")
        ->check(CLI::IsMember({"html", "markdown"}));
    report_cmd->add_option("--lang", report.lang, "fr (default) or en")->check(CLI::IsMember({"fr", "en"}));
    report_cmd->add_option("--as-of", report.as_of, "Evaluation date YYYY-MM-DD (default: today, UTC)");
    auto* report_release = report_cmd->add_option("--release", report.policies.release, "Evaluate against a release file");
    report_cmd->add_option("--trusted-key", report.policies.trusted_key, "Refuse the release unless signed by this key")
        ->needs(report_release);
    report_cmd->add_flag("--show-met", report.show_met, "List the met findings");
    report_cmd->add_flag("--final-only", report.final_only, "Leave out draft texts");
    report_cmd->add_flag("--keep-going", report.keep_going, "Report the valid entries of a register with bad ones (exit 2)");
    report_cmd->add_flag("--quiet,-q", report.quiet, "No progress line on stderr");
    report_cmd->add_option("--diagnostics-format", report.policies.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget report_out;
    AddOutputOptions(report_cmd, report_out);

    ExplainCommandOptions explain;
    auto* explain_cmd = app.add_subcommand(
        "explain", "Why a rule decided what it did for an activity, and what would change it (why not)");
    explain_cmd->add_option("activity", explain.activity, "Activity file (YAML or JSON), or - for standard input")
        ->required();
    auto* explain_rule = explain_cmd->add_option(
        "--rule", explain.rule, "The rule, policy.rule, optionally @ELEMENT (an element path or key): every element if none");
    auto* explain_finding = explain_cmd->add_option("--finding", explain.rule, "A finding id, as reports print it (rule@element)");
    explain_rule->excludes(explain_finding);
    explain_finding->excludes(explain_rule);
    explain_cmd->add_option("--format", explain.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    explain_cmd->add_option("--lang", explain.lang, "Language of the text: fr or en")->check(CLI::IsMember({"fr", "en"}));
    explain_cmd->add_option("--as-of", explain.as_of, "Evaluation date YYYY-MM-DD (default: today, UTC)");
    explain_cmd->add_flag("--final-only", explain.final_only, "Leave out draft texts");
    explain_cmd->add_flag("--no-why-not", explain.no_why_not, "Do not search the fact changes that would change the outcome");
    explain_cmd->add_option("--stdin-format", explain.stdin_format, "How - is read: yaml (default) or json")
        ->check(CLI::IsMember({"yaml", "json"}));
    explain_cmd->add_option("--policies", explain.policies.paths, "Policy file or folder (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    auto* explain_release = explain_cmd->add_option("--release", explain.policies.release, "Explain against a release file")
                                ->excludes("--policies");
    explain_cmd->add_option("--trusted-key", explain.policies.trusted_key, "Refuse the release unless signed by this key")
        ->needs(explain_release);
    explain_cmd->add_option("--signature", explain.policies.signature, "The release's signature file (default: RELEASE.sig)")
        ->needs("--trusted-key");
    explain_cmd->add_option("--diagnostics-format", explain.policies.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget explain_out;
    AddOutputOptions(explain_cmd, explain_out);

    TestOptions test;
    auto* test_cmd = app.add_subcommand("test", "Run the policy tests kept next to the policies");
    test_cmd->add_option("tests", test.tests, "Test files or folders (default: next to the policies)");
    test_cmd->add_option("--policies", test.policies.paths, "Policy file or folder (repeatable)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    test_cmd->add_option("--format", test.format, "text, json or junit")
        ->check(CLI::IsMember({"text", "json", "junit"}));
    test_cmd->add_flag("--coverage", test.coverage, "Print which kinds of case each rule has");
    test_cmd->add_flag("--require-coverage", test.require_coverage,
                       "Exit 1 when a rule lacks a case where it fires, does not fire, its "
                       "exception applies, or a fact is missing");
    test_cmd->add_option("--diagnostics-format", test.policies.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget test_out;
    AddOutputOptions(test_cmd, test_out);

    ReleaseOptions release;
    auto* release_cmd = app.add_subcommand("release", "Build or inspect a content-addressed release");
    release_cmd->require_subcommand(1);
    auto* release_build = release_cmd->add_subcommand("build", "Write a release file from policies");
    release_build->add_option("--id", release.id, "Release id, e.g. 2025.2")->required();
    release_build->add_option("--date", release.date, "Release date YYYY-MM-DD")->required();
    release_build->add_option("--policies", release.policies.paths, "Policy file or folder (repeatable; default: bundled)")
        ->expected(1)
        ->allow_extra_args(false)
        ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll);
    release_build->add_option("-o,--output", release.output, "Output file (default: stdout)");
    release_build->add_flag("--force", release.force, "Overwrite the output file if it exists");
    release_build->add_flag("--exclude-later", release.exclude_later,
                            "Leave out policy files whose policies all take effect after the release date");
    auto* release_inspect = release_cmd->add_subcommand("inspect", "Verify and describe a release file");
    release_inspect->add_option("file", release.file, "Release file")->required();
    release_inspect->add_option("--format", release.format, "text or json")->check(CLI::IsMember({"text", "json"}));
    OutputTarget inspect_out;
    AddOutputOptions(release_inspect, inspect_out);
    auto* release_keygen = release_cmd->add_subcommand("keygen", "Write a new Ed25519 key pair for signing releases");
    release_keygen->add_option("--secret-key", release.secret_key, "Secret key file to write (mode 0600)")->required();
    release_keygen->add_option("--public-key", release.public_key, "Public key file to write")->required();
    release_keygen->add_flag("--force", release.force, "Overwrite existing key files");
    auto* release_sign = release_cmd->add_subcommand("sign", "Sign a release file (its id, date and content hash)");
    release_sign->add_option("file", release.file, "Release file")->required();
    release_sign->add_option("--key", release.secret_key, "Secret key file (souple release keygen)")->required();
    release_sign->add_option("-o,--output", release.signature, "Signature file (default: FILE.sig)");
    release_sign->add_flag("--force", release.force, "Overwrite the signature file if it exists");
    auto* release_verify = release_cmd->add_subcommand("verify", "Check a release's integrity and signature");
    release_verify->add_option("file", release.file, "Release file")->required();
    release_verify->add_option("--trusted-key", release.trusted_key, "Public key file of the signer you trust")->required();
    release_verify->add_option("--signature", release.signature, "Signature file (default: FILE.sig)");
    for (auto* cmd : {release_build, release_inspect, release_keygen, release_sign, release_verify}) {
      cmd->add_option("--diagnostics-format", release.policies.diagnostics_format, "text or json")
          ->check(CLI::IsMember({"text", "json"}));
    }
    auto* eval_release = eval_cmd->add_option("--release", eval.policies.release, "Evaluate against a release file instead of policy folders")
        ->excludes("--policies");
    eval_cmd->add_option("--trusted-key", eval.policies.trusted_key,
                         "Refuse the release unless signed by this public key (docs/releases.md)")
        ->needs(eval_release);
    eval_cmd->add_option("--signature", eval.policies.signature, "The release's signature file (default: RELEASE.sig)")
        ->needs("--trusted-key");

    DiffOptions diff;
    auto* diff_cmd = app.add_subcommand("diff", "Compare two releases or policy versions; replay a register");
    diff_cmd->add_option("old", diff.old_path, "Old release file (.json) or policy file/folder")->required();
    diff_cmd->add_option("new", diff.new_path, "New release file (.json) or policy file/folder")->required();
    diff_cmd->add_option("--replay", diff.replay, "Evaluate a register (folder of activities or .jsonl) under both");
    diff_cmd->add_option("--format", diff.format, "text, json or markdown (replay)")
        ->check(CLI::IsMember({"text", "json", "markdown"}));
    diff_cmd->add_option("--lang", diff.lang, "Language of the replay report: fr or en")->check(CLI::IsMember({"fr", "en"}));
    diff_cmd->add_option("--as-of", diff.as_of, "Evaluation date of both sides (default: a release's own date, else today)");
    diff_cmd->add_option("--old-as-of", diff.old_as_of, "Evaluation date of the old side");
    diff_cmd->add_option("--new-as-of", diff.new_as_of, "Evaluation date of the new side");
    diff_cmd->add_option("--diagnostics-format", diff.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget diff_out;
    AddOutputOptions(diff_cmd, diff_out);

    ServeOptions serve;
    auto* serve_cmd = app.add_subcommand("serve", "Serve the HTTP JSON API for GRC tools (docs/server.md)");
    serve_cmd->add_option("--host", serve.host, "Address to listen on (default 127.0.0.1: loopback only)");
    serve_cmd->add_option("--port", serve.port, "Port (default 8080; 0 picks a free one)")->check(CLI::Range(0, 65535));
    serve_cmd->add_option("--port-file", serve.port_file, "Write the port listened on to this file");
    auto* serve_release = serve_cmd->add_option("--release", serve.release, "Serve this release file instead of the bundled policies");
    serve_cmd->add_option("--trusted-key", serve.trusted_key,
                          "Refuse the release (at start and on reload) unless signed by this public key")
        ->needs(serve_release);
    serve_cmd->add_option("--signature", serve.signature, "The release's signature file (default: RELEASE.sig)")
        ->needs("--trusted-key");
    serve_cmd->add_option("--token-file", serve.token_file, "Require `Authorization: Bearer TOKEN` (token read from this file)");
    serve_cmd->add_option("--decision-log", serve.decision_log, "Append one JSON line per evaluated activity to this file (docs/server.md)");
    serve_cmd->add_option("--threads", serve.threads, "Worker threads, one per keep-alive connection served at once (default: 32, or twice the cores if more)");
    serve_cmd->add_option("--max-body", serve.max_body_bytes, "Largest request body, in bytes (default 8 MiB)");
    serve_cmd->add_option("--max-batch", serve.max_batch, "Most activities in one POST /v1/evaluate (default 100)");
    serve_cmd->add_option("--timeout", serve.timeout_seconds, "Read and write timeout, in seconds (default 30)");

    MigrateOptions migrate;
    auto* migrate_cmd = app.add_subcommand("migrate", "Rewrite an activity description from schema v1 to v2");
    migrate_cmd->add_option("file", migrate.file, "The v1 description (YAML or JSON)")->required();
    migrate_cmd->add_option("-o,--output", migrate.output, "Output file (default: stdout)");
    migrate_cmd->add_flag("--in-place", migrate.in_place, "Rewrite FILE itself (atomically)");
    migrate_cmd->add_flag("--force", migrate.force, "Overwrite the output file if it exists");
    migrate_cmd->add_flag("--quiet", migrate.quiet, "Do not list what was mapped");

    SchemaOptions schema;
    auto* schema_cmd = app.add_subcommand(
        "schema", "Print the activity schema as one JSON Schema document (its sections assembled)");
    schema_cmd->add_option("--release", schema.release, "The schema embedded in this release file");
    schema_cmd->add_option("--diagnostics-format", schema.diagnostics_format, "text or json")
        ->check(CLI::IsMember({"text", "json"}));
    OutputTarget schema_out;
    AddOutputOptions(schema_cmd, schema_out);

    NewVersionOptions scaffold;
    auto* scaffold_cmd = app.add_subcommand("new-version", "Scaffold the next version of a policy file");
    scaffold_cmd->add_option("file", scaffold.file, "The previous version (one policy per file)")->required();
    scaffold_cmd->add_option("--version", scaffold.version, "New version label")->required();
    scaffold_cmd->add_option("--effective", scaffold.effective, "Date it takes effect, YYYY-MM-DD")->required();
    scaffold_cmd->add_option("--status", scaffold.status, "draft or final (default: unchanged)")
        ->check(CLI::IsMember({"draft", "final"}));
    scaffold_cmd->add_option("-o,--output", scaffold.output, "Output file (default: stdout)");
    scaffold_cmd->add_flag("--force", scaffold.force, "Overwrite the output file if it exists");

    auto* lsp_cmd = app.add_subcommand(
        "lsp", "Run the language server for editors: LSP 3.17, JSON-RPC on stdin/stdout (docs/lsp.md)");
    // Language clients that start a server "over stdio" may add this flag: it is the only way.
    lsp_cmd->add_flag("--stdio", "Talk on stdin/stdout (the default and only transport)");

    try {
      app.parse(argc, argv);
    } catch (const CLI::Success& e) {
      return app.exit(e);
    } catch (const CLI::ParseError& e) {
      app.exit(e);
      SuggestSpelling(app, argc, argv);
      return kUsage;
    }
    // Lets the end-to-end tests exercise the internal-error path (exit code 4).
    if (const char* fault = std::getenv("SOUPLE_FAULT_INJECTION");
        fault != nullptr && std::string(fault) == "internal-error") {
      throw std::runtime_error("fault injected by SOUPLE_FAULT_INJECTION");
    }
    if (check_cmd->parsed()) return WithOutput(check_out, "check", [&] { return RunCheck(check, check_format); });
    if (lint_cmd->parsed()) return WithOutput(lint_out, "lint", [&] { return RunLint(lint); });
    if (fmt_cmd->parsed()) return RunFmt(fmt);
    if (eval_cmd->parsed()) return WithOutput(eval_out, "eval", [&] { return RunEval(eval); });
    if (report_cmd->parsed()) return WithOutput(report_out, "report", [&] { return RunEval(report); });
    if (explain_cmd->parsed()) {
      if (explain.rule.empty()) {
        std::cerr << "souple: explain: --rule ID[@ELEMENT] or --finding ID is required\n";
        return kUsage;
      }
      return WithOutput(explain_out, "explain", [&] { return RunExplain(explain); });
    }
    if (test_cmd->parsed()) return WithOutput(test_out, "test", [&] { return RunTest(test); });
    if (diff_cmd->parsed()) return WithOutput(diff_out, "diff", [&] { return RunDiff(diff); });
    if (scaffold_cmd->parsed()) return RunNewVersion(scaffold);
    if (migrate_cmd->parsed()) return RunMigrate(migrate);
    if (serve_cmd->parsed()) return RunServe(serve);
    if (lsp_cmd->parsed()) return RunLsp();
    if (schema_cmd->parsed()) return WithOutput(schema_out, "schema", [&] { return RunSchema(schema); });
    if (release_build->parsed()) {
      release.action = "build";
      return RunRelease(release);
    }
    for (auto [cmd, action] : {std::pair{release_keygen, "keygen"}, {release_sign, "sign"}, {release_verify, "verify"}}) {
      if (cmd->parsed()) {
        release.action = action;
        return RunRelease(release);
      }
    }
    if (release_inspect->parsed()) {
      release.action = "inspect";
      return WithOutput(inspect_out, "release inspect", [&] { return RunRelease(release); });
    }
    return kUsage;
  } catch (const std::exception& e) {
    std::cerr << "souple: internal error: " << e.what() << '\n';
    return kInternal;
  } catch (...) {
    std::cerr << "souple: internal error\n";
    return kInternal;
  }
}

}  // namespace

int main(int argc, char** argv) {
  const int code = Dispatch(argc, argv);
  // A result that could not be written (full disk, closed pipe) must not look like success to
  // the tool reading it.
  std::cout.flush();
  if (!std::cout || std::fflush(stdout) != 0 || std::ferror(stdout)) {
    std::cerr << "souple: error: cannot write the result to standard output [E5001]\n";
    return code == kInternal ? kInternal : kInvalidInput;
  }
  return code;
}
