// SPDX-License-Identifier: Apache-2.0
// Each resource limit of docs/limits.md at the limit and one past it, through the public API.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "souple/files.h"
#include "souple/release.h"
#include "souple/testing.h"
#include "test_support.h"

using namespace souple_test;

namespace {

// A schema whose root holds `activity` and a chain of objects `a.a.a...` ending in a boolean
// at level `levels` (the root is level 1).
std::string NestedSchema(int levels) {
  std::string leaf = R"({"type": "boolean"})";
  for (int i = levels - 1; i >= 2; --i) {
    leaf = R"({"type": "object", "additionalProperties": false, "properties": {"a": )" + leaf + "}}";
  }
  return R"({"type": "object", "additionalProperties": false, "properties": {
    "activity": {"type": "object", "additionalProperties": false,
                 "properties": {"id": {"type": "string"}}, "required": ["id"]},
    "a": )" + leaf + "}}";
}

std::string Fields(int segments) {
  std::string path = "activity";
  for (int i = 1; i < segments; ++i) path += ".id";
  return path;
}

struct TempDir {
  std::filesystem::path path;
  TempDir() {
    char tmpl[] = "/tmp/souple-limits-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { std::filesystem::remove_all(path); }
};

}  // namespace

TEST_CASE("Schema nesting: 32 levels compile, 33 are E2020", "[limits]") {
  CHECK(Compile(Policy(Rule("")), NestedSchema(32)).policy_set != nullptr);
  const auto r = Compile(Policy(Rule("")), NestedSchema(33));
  CHECK(r.policy_set == nullptr);
  CHECK(OnlyDiag(r.diagnostics).code == "E2020");
  CHECK(OnlyDiag(r.diagnostics).message.find("schema nesting exceeds the limit of 32") != std::string::npos);
}

TEST_CASE("Placeholders: 256 per message and 32 fields per path; one more is E2017", "[limits]") {
  auto message = [](int placeholders) {
    std::string m;
    for (int i = 0; i < placeholders; ++i) m += "{activity.id}";
    return m;
  };
  CHECK(Compile(Policy(Rule("", "r", message(256)))).policy_set != nullptr);
  const auto many = Compile(Policy(Rule("", "r", message(257))));
  CHECK(many.policy_set == nullptr);
  CHECK(OnlyDiag(many.diagnostics).code == "E2017");
  // `activity.id.id...`: the type check fails past `id` (a text has no fields), so the limit
  // is what reports the 33-field path, before any type is looked at.
  const auto at = Compile(Policy(Rule("", "r", "{" + Fields(32) + "}")));
  CHECK(at.policy_set == nullptr);
  CHECK(OnlyDiag(at.diagnostics).code == "E2006");
  const auto past = Compile(Policy(Rule("", "r", "{" + Fields(33) + "}")));
  CHECK(past.policy_set == nullptr);
  CHECK(OnlyDiag(past.diagnostics).code == "E2017");
}

TEST_CASE("Policy files: 1 MiB compiles, one byte more is E5003", "[limits]") {
  const std::string base = Policy(Rule(""));
  auto padded = [&](size_t size) {
    std::string comment = "// ";
    comment += std::string(size - base.size() - comment.size() - 1, 'x');
    return comment + "\n" + base;
  };
  const std::string at = padded(1u << 20);
  REQUIRE(at.size() == (1u << 20));
  CHECK(Compile(at).policy_set != nullptr);
  const auto past = Compile(padded((1u << 20) + 1));
  CHECK(past.policy_set == nullptr);
  CHECK(OnlyDiag(past.diagnostics).code == "E5003");
}

TEST_CASE("Activities: 4 MiB load, one byte more is E5003", "[limits]") {
  const auto compiled = Compile(Policy(Rule("")));
  REQUIRE(compiled.policy_set != nullptr);
  const std::string body = "flag_a: true\n";
  auto padded = [&](size_t size) { return body + "# " + std::string(size - body.size() - 3, 'x') + "\n"; };
  const std::string at = padded(4u << 20);
  REQUIRE(at.size() == (4u << 20));
  CHECK(souple::LoadActivity(*compiled.policy_set, {"a.yaml", at}).activity != nullptr);
  const auto past = souple::LoadActivity(*compiled.policy_set, {"a.yaml", padded((4u << 20) + 1)});
  CHECK(past.activity == nullptr);
  CHECK(OnlyDiag(past.diagnostics).code == "E5003");
}

TEST_CASE("ReadInputFile: regular files up to the limit; devices, FIFOs, folders refused unread", "[limits]") {
  TempDir dir;
  const std::string file = (dir.path / "ten.txt").string();
  std::ofstream(file) << "0123456789";
  souple::Diagnostics diags;
  CHECK(souple::ReadInputFile(file, diags, 10) == std::optional<std::string>("0123456789"));
  CHECK_FALSE(diags.HasErrors());
  CHECK_FALSE(souple::ReadInputFile(file, diags, 9).has_value());
  CHECK(OnlyDiag(diags).code == "E5003");
  CHECK(OnlyDiag(diags).message == "file of 10 bytes exceeds the limit of 9");

  // A sparse file one byte over the default limit is refused without being read.
  const std::string big = (dir.path / "big.yaml").string();
  std::ofstream(big).close();
  std::filesystem::resize_file(big, souple::kMaxInputFileBytes + 1);
  souple::Diagnostics big_diags;
  CHECK_FALSE(souple::ReadInputFile(big, big_diags).has_value());
  CHECK(OnlyDiag(big_diags).code == "E5003");

  const std::string fifo = (dir.path / "fifo").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& path : {std::string("/dev/zero"), fifo, dir.path.string()}) {
    INFO(path);
    souple::Diagnostics d;
    CHECK_FALSE(souple::ReadInputFile(path, d).has_value());
    CHECK(OnlyDiag(d).code == "E5001");
    CHECK(OnlyDiag(d).location.file == path);
  }
  souple::Diagnostics missing;
  CHECK_FALSE(souple::ReadInputFile((dir.path / "nope").string(), missing).has_value());
  CHECK(OnlyDiag(missing).message == "no such file or directory");
}

TEST_CASE("Release files: over 16 MiB is E5003 before parsing; test files: over 4 MiB", "[limits]") {
  const auto release = souple::LoadRelease({"r.json", std::string(souple::kMaxReleaseBytes + 1, ' ')});
  CHECK(release.policy_set == nullptr);
  CHECK(OnlyDiag(release.diagnostics).code == "E5003");
  // At the limit it is parsed (and here refused as malformed, not as too large).
  const auto at = souple::LoadRelease({"r.json", std::string(souple::kMaxReleaseBytes, ' ')});
  CHECK(OnlyDiag(at.diagnostics).code == "E4001");

  const auto compiled = Compile(Policy(Rule("")));
  REQUIRE(compiled.policy_set != nullptr);
  const std::string cases = "cases: []\n";
  auto padded = [&](size_t size) { return cases + "# " + std::string(size - cases.size() - 3, 'x') + "\n"; };
  const auto past = souple::RunPolicyTests(*compiled.policy_set, {{"t.test.yaml", padded(souple::kMaxTestFileBytes + 1)}});
  CHECK(OnlyDiag(past.diagnostics).code == "E5003");
  const auto ok = souple::RunPolicyTests(*compiled.policy_set, {{"t.test.yaml", padded(souple::kMaxTestFileBytes)}});
  CHECK_FALSE(ok.diagnostics.HasErrors());
}
