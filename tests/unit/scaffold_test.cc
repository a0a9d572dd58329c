// SPDX-License-Identifier: Apache-2.0
// scaffold/: `souple new-version` edits the header in place and keeps everything else.
#include <catch2/catch.hpp>

#include "souple/scaffold.h"

namespace {
souple::ScaffoldResult Scaffold(const std::string& header, const std::string& version = "2.0",
                                const std::string& effective = "2027-01-01",
                                const std::string& status = "") {
  const std::string text = "policy t.nv {\n  title fr \"T\" en \"T\"\n" + header +
                           "  source S { publisher \"X\" title \"Y\" }\n}\n";
  return souple::ScaffoldNewVersion({"p.souple", text}, {version, effective, status});
}

std::string Header(const souple::ScaffoldResult& r) {
  INFO(r.diagnostics.RenderText());
  REQUIRE_FALSE(r.text.empty());
  const size_t start = r.text.find('\n', r.text.find('\n') + 1) + 1;
  return r.text.substr(start, r.text.find("  source") - start);
}
}  // namespace

TEST_CASE("new-version sets version and effective, records what it supersedes", "[scaffold]") {
  CHECK(Header(Scaffold("  version \"1\"\n  status final\n  effective 2020-01-01\n")) ==
        "  version \"2.0\"\n  status final\n  effective 2027-01-01\n  supersedes t.nv @ \"1\"\n");
}

TEST_CASE("new-version drops until and the previous supersedes of the same id", "[scaffold]") {
  CHECK(Header(Scaffold("  version \"2\"\n  status draft\n  effective 2020-01-01\n  until 2026-01-01\n"
                        "  supersedes t.nv @ \"1\"\n",
                        "3", "2027-01-01", "final")) ==
        "  version \"3\"\n  status final\n  effective 2027-01-01\n  supersedes t.nv @ \"2\"\n");
}

TEST_CASE("new-version counts columns in code points, not bytes", "[scaffold]") {
  // Regression: non-ASCII text before a header value shifted the edit (tests/reliability/
  // repro/newversion-nonascii-*.souple).
  CHECK(Header(Scaffold("  /* é */ version \"1\"\n  status final\n  /* ééé */ effective 2020-01-01\n")) ==
        "  /* é */ version \"2.0\"\n  status final\n  /* ééé */ effective 2027-01-01\n"
        "  supersedes t.nv @ \"1\"\n");
  CHECK(Header(Scaffold("  version \"1-é\"\n  status final\n  effective 2020-01-01\n", "2-è")) ==
        "  version \"2-è\"\n  status final\n  effective 2027-01-01\n  supersedes t.nv @ \"1-é\"\n");
}

TEST_CASE("new-version quotes labels as string literals", "[scaffold]") {
  CHECK(Header(Scaffold("  version \"a\\\"b\"\n  status final\n  effective 2020-01-01\n", "c\\d\te")) ==
        "  version \"c\\\\d\\u0009e\"\n  status final\n  effective 2027-01-01\n"
        "  supersedes t.nv @ \"a\\\"b\"\n");
}

TEST_CASE("new-version refuses what it cannot do faithfully", "[scaffold]") {
  const std::string header = "  version \"1\"\n  status final\n  effective 2020-01-01\n";
  auto message = [](const souple::ScaffoldResult& r) {
    CHECK(r.text.empty());
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].code == "E2016");
    return r.diagnostics.items()[0].message;
  };
  CHECK(message(Scaffold(header, "1")) == "the new version must have a new label (it is `1`)");
  CHECK(message(Scaffold(header, "2", "2019-12-31")) ==
        "the new version must take effect after the previous one (2020-01-01)");
  CHECK(message(Scaffold(header, "2", "2027-02-30")) == "--effective must be YYYY-MM-DD");
  CHECK(message(Scaffold(header, "2", "2027-01-01", "adopted")) == "--status must be draft or final");
  CHECK(message(Scaffold("  version \"1\"\n  status final\n  effective 2020-01-01 until 2026-01-01\n")) ==
        "put `until` and `supersedes` on lines of their own: they are dropped from the new version");
}
