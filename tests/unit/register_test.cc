// SPDX-License-Identifier: Apache-2.0
// register/: RegisterReader reads files, folders and JSON Lines one activity at a time.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "souple/register.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace souple_test;

namespace {
struct TempDir {
  fs::path path;
  TempDir() {
    char tmpl[] = "/tmp/souple-register-XXXXXX";
    path = mkdtemp(tmpl);
  }
  ~TempDir() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    const fs::path p = path / name;
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
    return p.string();
  }
};

std::vector<souple::SourceFile> ReadAll(souple::RegisterReader& reader, souple::Diagnostics& diags) {
  std::vector<souple::SourceFile> out;
  souple::SourceFile s;
  while (reader.Next(s, diags)) out.push_back(s);
  return out;
}
}  // namespace

TEST_CASE("A folder is read recursively, activity files only, sorted by path", "[register]") {
  TempDir dir;
  dir.Write("b.yaml", "flag_a: true\n");
  dir.Write("a/z.json", "{\"flag_a\": false}");
  dir.Write("a/y.yml", "flag_b: true\n");
  dir.Write("notes.txt", "not an activity");
  dir.Write("c.test.yaml.bak", "x");
  souple::RegisterReader reader({dir.path.string()});
  souple::Diagnostics diags;
  const auto all = ReadAll(reader, diags);
  CHECK_FALSE(diags.HasErrors());
  REQUIRE(all.size() == 3);
  CHECK(all[0].path == (dir.path / "a/y.yml").string());
  CHECK(all[1].path == (dir.path / "a/z.json").string());
  CHECK(all[2].path == (dir.path / "b.yaml").string());
  CHECK(all[1].text == "{\"flag_a\": false}");
  CHECK(reader.bytes_read() == reader.bytes_total());
}

TEST_CASE("A JSON Lines file gives one JSON activity per line, located by its line", "[register]") {
  TempDir dir;
  const std::string path = dir.Write("r.jsonl", "{\"flag_a\": true}\n\n  \n{\"flag_a\": false}\r\n{\"count_a\": 3}");
  souple::RegisterReader reader({path});
  souple::Diagnostics diags;
  const auto all = ReadAll(reader, diags);
  CHECK_FALSE(diags.HasErrors());
  REQUIRE(all.size() == 3);
  CHECK(all[0].first_line == 1);
  CHECK(all[1].first_line == 4);
  CHECK(all[1].text == "{\"flag_a\": false}");  // without its \r
  CHECK(all[2].first_line == 5);               // the last line has no newline
  CHECK(all[2].format == souple::SourceFormat::kJson);

  // Loaded, an entry's diagnostics give its line in the file.
  const auto compiled = Compile(Policy(Rule("")));
  REQUIRE(compiled.policy_set != nullptr);
  souple::SourceFile bad = all[1];
  bad.text = "{\"flag_a\": false, \"bogus\": 1}";
  const auto loaded = souple::LoadActivity(*compiled.policy_set, bad);
  CHECK(Where(OnlyDiag(loaded.diagnostics)) == path + ":4:19");
}

TEST_CASE("A line longer than the limit stops its file; other inputs go on", "[register]") {
  TempDir dir;
  const std::string big = dir.Write("big.jsonl", "{\"flag_a\": true}\n" + std::string(100, 'x') + "\n{\"flag_a\": true}\n");
  const std::string next = dir.Write("next.yaml", "flag_b: true\n");
  souple::RegisterOptions options;
  options.max_entry_bytes = 50;
  souple::RegisterReader reader({big, next}, options);
  souple::Diagnostics diags;
  const auto all = ReadAll(reader, diags);
  REQUIRE(all.size() == 2);
  CHECK(all[0].path == big);
  CHECK(all[1].path == next);
  const auto& d = OnlyDiag(diags);
  CHECK(d.code == "E5003");
  CHECK(Where(d) == big + ":2:1");
}

TEST_CASE("Registers refuse what is not a regular file, and empty folders", "[register]") {
  TempDir dir;
  fs::create_directories(dir.path / "empty");
  const std::string fifo = (dir.path / "f.jsonl").string();
  REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
  for (const std::string& input : {std::string("/dev/zero"), fifo, (dir.path / "empty").string(),
                                   (dir.path / "missing.yaml").string()}) {
    INFO(input);
    souple::RegisterReader reader({input});
    souple::Diagnostics diags;
    CHECK(ReadAll(reader, diags).empty());
    CHECK(OnlyDiag(diags).code == "E5001");
  }
}
