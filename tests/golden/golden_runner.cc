// SPDX-License-Identifier: Apache-2.0
// Golden tests: each folder under tests/golden/cases/ is one Catch2 test case. Its
// `case.conf` names the policies, the activity and the evaluation date; the expected
// outputs sit beside it (expected.fr.txt, expected.en.txt, expected.json, or
// expected.diagnostics.txt for policies that must be rejected; with `mode=each`, one
// NAME.expected.txt per NAME.souple, each file compiled alone; with `mode=explain`, the
// explanations of the rules listed, expected.explain.{en,fr}.txt and .json; with
// `mode=fmt`, one NAME.expected.souple per NAME.souple, the file formatted by `souple fmt`).
//
// Update mode: SOUPLE_UPDATE_GOLDEN=1 rewrites the expected files instead of comparing;
// review the result with `git diff tests/golden` before committing. A failing case prints
// a unified diff (expected → actual).
//
// The policy-set hash covers the schema and every policy of the set, so it would make every
// evaluation golden fail whenever the schema changes. Evaluation outputs are compared with
// the hash replaced by `sha256:<policy-set>` (after checking that the output does print the
// report's hash); the hash itself is compared in one dedicated case, `mode=hash`
// (expected.hash.txt).
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include <unistd.h>

#include "souple/diff.h"
#include "souple/engine.h"
#include "souple/explain.h"
#include "souple/format.h"
#include "souple/release.h"

namespace fs = std::filesystem;

namespace {

const fs::path kRoot = SOUPLE_SOURCE_DIR;

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The bundled activity schema, assembled from its section files.
souple::SourceFile BundledSchema() {
  souple::Diagnostics diags;
  auto schema = souple::ReadActivitySchema((kRoot / "schemas" / "activity.schema.json").string(),
                                           "schemas/activity.schema.json", diags);
  if (!schema) throw std::runtime_error(diags.RenderText());
  return *schema;
}

std::map<std::string, std::string> ReadConf(const fs::path& p) {
  std::map<std::string, std::string> conf;
  std::istringstream in(Slurp(p));
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line[0] == '#') continue;
    const auto eq = line.find('=');
    if (eq != std::string::npos) conf[line.substr(0, eq)] = line.substr(eq + 1);
  }
  return conf;
}

// Policy files under `dir` (recursive, sorted), shown relative to `shown_from`.
std::vector<souple::SourceFile> Policies(const fs::path& dir, const fs::path& shown_from) {
  std::vector<fs::path> files;
  if (fs::is_directory(dir)) {
    for (const auto& e : fs::recursive_directory_iterator(dir)) {
      if (e.is_regular_file() && e.path().extension() == ".souple") files.push_back(e.path());
    }
  } else {
    files.push_back(dir);
  }
  std::sort(files.begin(), files.end());
  std::vector<souple::SourceFile> out;
  for (const auto& f : files) out.push_back({fs::relative(f, shown_from).string(), Slurp(f)});
  return out;
}

// A unified diff of two texts, by `diff -u` on temporary files (diffutils is part of every
// Debian system); empty when the tool cannot be run.
std::string UnifiedDiff(const fs::path& expected_file, const std::string& actual) {
  const fs::path tmp = fs::temp_directory_path() / ("souple-golden-" + std::to_string(::getpid()));
  const fs::path actual_file = tmp.string() + ".actual";
  const fs::path out_file = tmp.string() + ".diff";
  std::ofstream(actual_file, std::ios::binary) << actual;
  const std::string cmd = "diff -u --label expected --label actual '" + expected_file.string() + "' '" +
                          actual_file.string() + "' > '" + out_file.string() + "' 2>&1";
  const int rc = std::system(cmd.c_str());
  std::string out = rc == -1 ? std::string() : Slurp(out_file);
  fs::remove(actual_file);
  fs::remove(out_file);
  return out;
}

void Expect(const fs::path& expected_file, const std::string& actual) {
  if (std::getenv("SOUPLE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(expected_file, std::ios::binary) << actual;
    return;
  }
  INFO("expected file: " << expected_file.string());
  REQUIRE(fs::exists(expected_file));
  const std::string expected = Slurp(expected_file);
  if (expected != actual) {
    std::string diff = UnifiedDiff(expected_file, actual);
    if (diff.empty()) diff = "--- actual ---\n" + actual;
    FAIL("output differs from " << expected_file.string() << "\n" << diff
                                << "\n(SOUPLE_UPDATE_GOLDEN=1 rewrites it; review the diff)");
  }
}

// Replaces the policy-set hash in an evaluation output (full in JSON, its first 16 digits
// and an ellipsis in text), after checking that the output prints it.
std::string WithoutPolicySetHash(std::string text, const std::string& digest) {
  const std::string hash = digest.rfind("sha256:", 0) == 0 ? digest : "sha256:" + digest;
  REQUIRE(hash.size() == 7 + 64);
  const std::string shown_full = hash;
  const std::string shown_short = hash.substr(0, 7 + 16) + "\u2026";
  const bool json = text.find(shown_full) != std::string::npos;
  INFO("the output must print the report's policy-set hash " << hash);
  REQUIRE((json || text.find(shown_short) != std::string::npos));
  const std::string& shown = json ? shown_full : shown_short;
  for (std::size_t at = text.find(shown); at != std::string::npos; at = text.find(shown, at)) {
    text.replace(at, shown.size(), "sha256:<policy-set>");
  }
  return text;
}

// One side of a diff case: a release file, or a folder of the case compiled with the
// bundled schema (and the bundled modules, for imports).
std::shared_ptr<const souple::PolicySet> DiffSet(const fs::path& dir, const std::string& spec,
                                                 const souple::SourceFile& schema, std::string& label,
                                                 std::string& date) {
  if (spec.size() > 5 && spec.substr(spec.size() - 5) == ".json") {
    const fs::path file = fs::exists(dir / spec) ? dir / spec : kRoot / spec;
    souple::ReleaseResult r = souple::LoadRelease({spec, Slurp(file)});
    INFO(r.diagnostics.RenderText());
    REQUIRE(r.policy_set != nullptr);
    label = "release " + r.release.id;
    if (date.empty()) date = r.release.date;
    return r.policy_set;
  }
  auto sources = Policies(dir / spec, dir);
  for (auto& m : Policies(kRoot / "policies" / "common", kRoot)) sources.push_back(std::move(m));
  souple::CompileResult c = souple::CompilePolicies(schema, sources);
  INFO(c.diagnostics.RenderText());
  REQUIRE(c.policy_set != nullptr);
  label = spec;
  return c.policy_set;
}

// `mode=diff`: old=, new= (folders of the case or release files), old_as_of=, new_as_of=,
// and optionally replay= (a folder of activities): expected.diff.txt/.json and
// expected.replay.md/.json.
void RunDiffCase(const fs::path& dir, std::map<std::string, std::string>& conf,
                 const souple::SourceFile& schema) {
  std::string old_label, new_label, old_date = conf["old_as_of"], new_date = conf["new_as_of"];
  auto old_set = DiffSet(dir, conf["old"], schema, old_label, old_date);
  auto new_set = DiffSet(dir, conf["new"], schema, new_label, new_date);
  const souple::DiffSide old_side{old_set.get(), old_label, old_date, {}};
  const souple::DiffSide new_side{new_set.get(), new_label, new_date, {}};
  const souple::DiffReport diff = souple::DiffPolicySets(old_side, new_side);
  Expect(dir / "expected.diff.txt", souple::RenderDiffText(diff));
  Expect(dir / "expected.diff.json", souple::RenderDiffJson(diff));
  if (!conf.count("replay")) return;
  // replay= a folder of the case, or a comma-separated list of files of the repository.
  std::vector<std::string> paths;
  const fs::path register_dir = dir / conf["replay"];
  if (fs::is_directory(register_dir)) {
    for (const auto& e : fs::directory_iterator(register_dir)) {
      const std::string ext = e.path().extension().string();
      if (ext == ".yaml" || ext == ".json") paths.push_back(e.path().string());
    }
  } else {
    std::istringstream list(conf["replay"]);
    std::string item;
    while (std::getline(list, item, ',')) paths.push_back((kRoot / item).string());
  }
  std::sort(paths.begin(), paths.end());
  std::vector<souple::SourceFile> activities;
  for (const auto& p : paths) activities.push_back({fs::relative(p, kRoot).string(), Slurp(p)});
  souple::Diagnostics diags;
  const souple::ReplayReport replay = souple::Replay(old_side, new_side, activities, "2026-01-15", diags);
  INFO(diags.RenderText());
  REQUIRE(!diags.HasErrors());
  Expect(dir / "expected.replay.md", souple::RenderReplayMarkdown(replay, souple::Language::kEnglish));
  Expect(dir / "expected.replay.json", souple::RenderReplayJson(replay));
}

// `mode=each`: every policy file of the case is compiled alone and must be rejected with
// the diagnostics of its `NAME.expected.txt` (one file per message, e.g. the syntax errors).
void RunEachCase(const fs::path& dir) {
  const souple::SourceFile schema = BundledSchema();
  const std::vector<souple::SourceFile> files = Policies(dir, dir);
  REQUIRE(!files.empty());
  for (const auto& file : files) {
    INFO("policy file: " << file.path);
    souple::CompileResult compiled = souple::CompilePolicies(schema, {file});
    CHECK(compiled.policy_set == nullptr);
    const fs::path expected = dir / (fs::path(file.path).stem().string() + ".expected.txt");
    Expect(expected, compiled.diagnostics.RenderText());
  }
}

// `mode=fmt`: every NAME.souple of the case (the expected files aside) is formatted and
// must give NAME.expected.souple, which formatted again must come back unchanged
// (idempotence); a file the formatter refuses gives the diagnostics of NAME.expected.txt.
void RunFmtCase(const fs::path& dir) {
  const std::string kExpected = ".expected.souple";
  std::vector<fs::path> inputs;
  for (const auto& e : fs::directory_iterator(dir)) {
    const std::string name = e.path().filename().string();
    const bool expected = name.size() > kExpected.size() &&
                          name.compare(name.size() - kExpected.size(), kExpected.size(), kExpected) == 0;
    if (e.is_regular_file() && e.path().extension() == ".souple" && !expected) inputs.push_back(e.path());
  }
  std::sort(inputs.begin(), inputs.end());
  REQUIRE(!inputs.empty());
  for (const auto& input : inputs) {
    const std::string stem = input.stem().string();
    INFO("policy file: " << input.filename().string());
    const souple::FormatResult r = souple::FormatSource({input.filename().string(), Slurp(input)});
    if (r.status == souple::FormatStatus::kInvalidInput) {
      Expect(dir / (stem + ".expected.txt"), r.diagnostics.RenderText());
      continue;
    }
    INFO(r.diagnostics.RenderText());
    REQUIRE(r.status == souple::FormatStatus::kFormatted);
    Expect(dir / (stem + kExpected), r.text);
    const souple::FormatResult again = souple::FormatSource({stem + kExpected, r.text});
    REQUIRE(again.status == souple::FormatStatus::kFormatted);
    CHECK_FALSE(again.changed);
    CHECK(again.text == r.text);
  }
}

// `mode=explain`: rules= (comma-separated, each `policy.rule[@element]`) explained on the
// activity, all in one document: expected.explain.en.txt, .fr.txt and .json.
void RunExplainCase(const fs::path& dir, std::map<std::string, std::string>& conf, const souple::PolicySet& set,
                    const souple::Activity& activity) {
  souple::ExplainResult all;
  std::istringstream rules(conf["rules"]);
  std::string rule;
  while (std::getline(rules, rule, ',')) {
    souple::ExplainOptions options;
    options.evaluation_date = conf["as_of"];
    options.rule = rule;
    souple::ExplainResult one = souple::Explain(set, activity, options);
    INFO(rule << ": " << one.diagnostics.RenderText());
    REQUIRE(!one.diagnostics.HasErrors());
    for (auto& x : one.explanations) all.explanations.push_back(std::move(x));
  }
  REQUIRE(!all.explanations.empty());
  Expect(dir / "expected.explain.en.txt", souple::RenderExplanationText(all, false));
  Expect(dir / "expected.explain.fr.txt", souple::RenderExplanationText(all, true));
  Expect(dir / "expected.explain.json", souple::RenderExplanationJson(all, conf["activity"], conf["as_of"]));
}

void RunCase(const fs::path& dir) {
  auto conf = ReadConf(dir / "case.conf");
  if (conf["mode"] == "fmt") {
    RunFmtCase(dir);
    return;
  }
  if (conf["mode"] == "diff") {
    RunDiffCase(dir, conf, BundledSchema());
    return;
  }
  if (conf["mode"] == "each") {
    RunEachCase(dir);
    return;
  }
  // `bundled` (every bundled policy), `bundled:a,b` (bundled folders under policies/,
  // so that a case does not change whenever another area's policies do) or a path in the case.
  const std::string policies = conf.count("policies") ? conf["policies"] : "bundled";
  std::vector<souple::SourceFile> sources;
  if (policies == "bundled") {
    sources = Policies(kRoot / "policies", kRoot);
  } else if (policies.rfind("bundled:", 0) == 0) {
    std::istringstream folders(policies.substr(8));
    std::string folder;
    while (std::getline(folders, folder, ',')) {
      for (auto& f : Policies(kRoot / "policies" / folder, kRoot)) sources.push_back(std::move(f));
    }
  } else {
    sources = Policies(dir / policies, dir);
  }
  const souple::SourceFile schema = BundledSchema();
  souple::CompileResult compiled = souple::CompilePolicies(schema, sources);
  if (fs::exists(dir / "expected.diagnostics.txt") || conf.count("expect_errors")) {
    REQUIRE(compiled.policy_set == nullptr);
    Expect(dir / "expected.diagnostics.txt", compiled.diagnostics.RenderText());
    return;
  }
  INFO(compiled.diagnostics.RenderText());
  REQUIRE(compiled.policy_set != nullptr);
  if (conf["mode"] == "hash") {  // the one case that compares the policy-set hash
    Expect(dir / "expected.hash.txt", "sha256:" + compiled.policy_set->hash() + "\n");
    return;
  }
  // The activity path is shown as written in case.conf (relative to the repository).
  const std::string activity_path = conf["activity"];
  const fs::path activity_file =
      fs::exists(dir / activity_path) ? dir / activity_path : kRoot / activity_path;
  souple::LoadResult loaded =
      souple::LoadActivity(*compiled.policy_set, {activity_path, Slurp(activity_file)});
  if (fs::exists(dir / "expected.load.txt")) {
    REQUIRE(loaded.activity == nullptr);
    Expect(dir / "expected.load.txt", loaded.diagnostics.RenderText());
    return;
  }
  INFO(loaded.diagnostics.RenderText());
  REQUIRE(loaded.activity != nullptr);
  if (conf["mode"] == "explain") {
    RunExplainCase(dir, conf, *compiled.policy_set, *loaded.activity);
    return;
  }
  const souple::Report report =
      souple::Evaluate(*compiled.policy_set, *loaded.activity, {conf["as_of"]});
  const std::string& hash = report.policy_set_hash;
  Expect(dir / "expected.fr.txt",
         WithoutPolicySetHash(souple::RenderText(report, souple::Language::kFrench), hash));
  Expect(dir / "expected.en.txt",
         WithoutPolicySetHash(souple::RenderText(report, souple::Language::kEnglish), hash));
  Expect(dir / "expected.json", WithoutPolicySetHash(souple::RenderJson(report), hash));
}

class CaseInvoker : public Catch::ITestInvoker {
 public:
  explicit CaseInvoker(fs::path dir) : dir_(std::move(dir)) {}
  void invoke() const override { RunCase(dir_); }

 private:
  fs::path dir_;
};

// Registers one Catch2 test case per folder, before main runs.
struct Registrar {
  Registrar() {
    std::vector<fs::path> dirs;
    for (const auto& e : fs::directory_iterator(kRoot / "tests" / "golden" / "cases")) {
      if (e.is_directory()) dirs.push_back(e.path());
    }
    std::sort(dirs.begin(), dirs.end());
    for (const auto& d : dirs) {
      static std::vector<std::string> names;  // Catch keeps references to the names
      names.reserve(256);
      names.push_back(d.filename().string());
      Catch::getMutableRegistryHub().registerTest(Catch::makeTestCase(
          new CaseInvoker(d), "", Catch::NameAndTags{names.back(), "[golden]"},
          CATCH_INTERNAL_LINEINFO));
    }
  }
} registrar;

}  // namespace
