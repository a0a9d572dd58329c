// SPDX-License-Identifier: Apache-2.0
// The library's load paths (souple/bundle.h): the bundled set, a folder of one's own that
// imports bundled modules, and the errors when the data are not where they are looked for.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include "souple/bundle.h"

namespace fs = std::filesystem;

namespace {

struct TempDir {
  fs::path path;
  TempDir() {
    char templ[] = "/tmp/souple-bundle-test-XXXXXX";
    path = ::mkdtemp(templ);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

bool HasCode(const souple::Diagnostics& diags, const std::string& code, const std::string& words) {
  for (const auto& d : diags.items()) {
    if (d.code == code && d.message.find(words) != std::string::npos) return true;
  }
  return false;
}

}  // namespace

TEST_CASE("LoadBundled compiles every bundled policy from the data root", "[bundle]") {
  souple::LoadOptions options;
  options.data_root = SOUPLE_SOURCE_DIR;
  const souple::CompileResult result = souple::LoadBundled(options);
  REQUIRE(result.policy_set != nullptr);
  CHECK_FALSE(result.diagnostics.HasErrors());
  std::set<std::string> files, declaring;
  for (const auto& e : fs::recursive_directory_iterator(fs::path(SOUPLE_SOURCE_DIR) / "policies")) {
    if (e.path().extension() == ".souple") files.insert(fs::relative(e.path(), SOUPLE_SOURCE_DIR).string());
  }
  for (const auto& p : result.policy_set->policies()) declaring.insert(p.file);
  // Every policy comes from a bundled file; modules (common.gdpr, ...) declare none, so
  // some files declare no policy, but most do.
  for (const auto& f : declaring) CHECK(files.count(f) == 1);
  CHECK(declaring.size() < files.size());
  CHECK(declaring.size() > files.size() / 2);
  CHECK(declaring.count("policies/cnil/retention/hr.souple") == 1);
  // Bundled paths are shown relative to the data root.
  for (const auto& p : result.policy_set->policies()) CHECK(p.file.rfind("policies/", 0) == 0);
}

TEST_CASE("LoadPolicyFolder compiles a folder's policies with the bundled modules they import", "[bundle]") {
  TempDir dir;
  const fs::path hr = fs::path(SOUPLE_SOURCE_DIR) / "policies" / "cnil" / "retention" / "hr.souple";
  fs::copy_file(hr, dir.path / "hr.souple");
  souple::LoadOptions options;
  options.data_root = SOUPLE_SOURCE_DIR;
  const souple::CompileResult result = souple::LoadPolicyFolder(dir.path.string(), options);
  INFO(result.diagnostics.RenderText());
  REQUIRE(result.policy_set != nullptr);
  // Only the folder's policy: the imported module brings sources, not policies.
  REQUIRE(result.policy_set->policies().size() == 1);
  CHECK(result.policy_set->policies()[0].id == "cnil.retention.hr");
  CHECK(result.policy_set->policies()[0].file == (dir.path / "hr.souple").string());
}

TEST_CASE("LoadPolicyFolder: an empty folder or a missing path is E5001", "[bundle]") {
  TempDir dir;
  souple::LoadOptions options;
  options.data_root = SOUPLE_SOURCE_DIR;
  const souple::CompileResult empty = souple::LoadPolicyFolder(dir.path.string(), options);
  CHECK(empty.policy_set == nullptr);
  CHECK(HasCode(empty.diagnostics, "E5001", "holds no policy file"));
  const souple::CompileResult missing = souple::LoadPolicyFolder((dir.path / "absent").string(), options);
  CHECK(missing.policy_set == nullptr);
  CHECK(HasCode(missing.diagnostics, "E5001", "no such file"));
}

TEST_CASE("a data root without policies and schema is E5001, never an empty policy set", "[bundle]") {
  TempDir dir;
  souple::LoadOptions options;
  options.data_root = dir.path.string();
  const souple::CompileResult result = souple::LoadBundled(options);
  CHECK(result.policy_set == nullptr);
  CHECK(HasCode(result.diagnostics, "E5001", "not a Souple data folder"));
  CHECK_FALSE(souple::IsDataRoot(dir.path.string()));
  CHECK(souple::IsDataRoot(SOUPLE_SOURCE_DIR));
}

TEST_CASE("BundledDataRoot: SOUPLE_HOME first, else a data folder", "[bundle]") {
  const char* saved = std::getenv("SOUPLE_HOME");
  const std::string before = saved != nullptr ? saved : "";
  ::setenv("SOUPLE_HOME", "/somewhere/else", 1);
  CHECK(souple::BundledDataRoot() == "/somewhere/else");
  ::unsetenv("SOUPLE_HOME");
  // The test program sits in the build tree, not under an installed prefix: the source tree
  // (or an installation under the configured prefix) is found.
  CHECK(souple::IsDataRoot(souple::BundledDataRoot()));
  if (!before.empty()) ::setenv("SOUPLE_HOME", before.c_str(), 1);
}
