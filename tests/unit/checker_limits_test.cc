// SPDX-License-Identifier: Apache-2.0
// sema/: bounds on inlining definitions, so that hostile policies cannot exhaust the
// stack or grow without bound at compile time.
#include <catch2/catch.hpp>

#include <chrono>

#include "test_support.h"

using namespace souple_test;

namespace {
bool HasCode(const souple::Diagnostics& d, const std::string& code) {
  for (const auto& x : d.items()) {
    if (x.code == code) return true;
  }
  return false;
}
}  // namespace

TEST_CASE("A long chain of definitions is rejected, not a stack overflow", "[checker]") {
  std::string defs;
  const int n = 20000;
  for (int i = 0; i < n; ++i) defs += "  def d" + std::to_string(i) + " = d" + std::to_string(i + 1) + "\n";
  defs += "  def d" + std::to_string(n) + " = flag_a\n";
  const auto r = Compile(Policy(defs + Rule("    when d0\n")));
  CHECK(r.policy_set == nullptr);
  REQUIRE(r.diagnostics.items().size() == 1);
  CHECK(r.diagnostics.items()[0].code == "E1003");
  CHECK(r.diagnostics.items()[0].message == "definitions used inside definitions nest deeper than 64 levels");
}

TEST_CASE("A short chain of definitions is fine", "[checker]") {
  std::string defs;
  const int n = 40;
  for (int i = 0; i < n; ++i) defs += "  def d" + std::to_string(i) + " = d" + std::to_string(i + 1) + "\n";
  defs += "  def d" + std::to_string(n) + " = flag_a\n";
  const auto report = Run(Policy(defs + Rule("    when d0\n")), "flag_a: true\n");
  CHECK(Only(report).status == "applies");
}

TEST_CASE("Definitions that double at each level are bounded", "[checker]") {
  // e40 would expand to 2^40 copies of `flag_a`.
  std::string defs = "  def e0 = flag_a\n";
  for (int i = 1; i <= 40; ++i) {
    defs += "  def e" + std::to_string(i) + " = e" + std::to_string(i - 1) + " and e" +
            std::to_string(i - 1) + "\n";
  }
  const auto start = std::chrono::steady_clock::now();
  const auto r = Compile(Policy(defs + Rule("    when e40\n")));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  CHECK(seconds < 10.0);
  CHECK(r.policy_set == nullptr);
  REQUIRE(r.diagnostics.items().size() == 1);
  CHECK(r.diagnostics.items()[0].code == "E2023");
  CHECK(r.diagnostics.items()[0].message == "expanding the definitions makes this rule larger than 100000 nodes");
  // A few doublings are fine.
  CHECK(Only(Run(Policy(defs + Rule("    when e8\n")), "flag_a: true\n")).status == "applies");
}

TEST_CASE("Expanded definitions are bounded per policy, not only per rule", "[checker]") {
  // e14 is 2^14 copies of `flag_a` joined by 2^14 - 1 `and`: 32,767 nodes, under the
  // 100,000 a rule may have. Six rules using it fit in the policy's 200,000; seven do not.
  std::string defs = "  def e0 = flag_a\n";
  for (int i = 1; i <= 14; ++i) {
    defs += "  def e" + std::to_string(i) + " = e" + std::to_string(i - 1) + " and e" +
            std::to_string(i - 1) + "\n";
  }
  auto rules = [](int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += Rule("    when e14\n", "r" + std::to_string(i));
    return out;
  };
  const auto six = Compile(Policy(defs + rules(6)));
  CHECK(six.policy_set != nullptr);
  const auto seven = Compile(Policy(defs + rules(7)));
  CHECK(seven.policy_set == nullptr);
  REQUIRE(seven.diagnostics.items().size() == 1);  // one for the policy, not one per rule
  CHECK(seven.diagnostics.items()[0].code == "E2023");
  CHECK(seven.diagnostics.items()[0].message ==
        "expanding the definitions makes this policy larger than 200000 nodes; share the logic in "
        "fewer, smaller definitions");
  // The budget is the policy's: a second policy has its own.
  const auto two = Compile(std::vector<souple::SourceFile>{
      {"p.souple", Policy(defs + rules(6), "t.p")}, {"q.souple", Policy(defs + rules(6), "t.q")}});
  CHECK(two.policy_set != nullptr);
}

TEST_CASE("Recursion through parameters is still reported as recursion", "[checker]") {
  const auto r = Compile(Policy("  def f(x) = g(x)\n  def g(y) = f(y)\n" + Rule("    when f(flag_a)\n")));
  CHECK(r.policy_set == nullptr);
  CHECK(HasCode(r.diagnostics, "E2014"));
  CHECK_FALSE(HasCode(r.diagnostics, "E1003"));
}

TEST_CASE("Expressions nest at most 1024 levels once definitions are inlined", "[checker]") {
  // Regression (fuzz_policy, stack overflow under ASan): 64 definitions of 120 `not` each
  // stayed under both the parser's 128 levels and the 64 levels of definitions, but nested
  // 7,700 levels deep once inlined.
  // d_k = `not` x n then d_{k-1}; d_0 = flag_a. From the rule's `when d_K`, the name d_K is
  // level 1, each definition adds n + 1 levels, and flag_a is level K(n + 1) + 2.
  auto chain = [](int defs, int nots) {
    std::string out = "  def d0 = flag_a\n";
    for (int k = 1; k <= defs; ++k) {
      out += "  def d" + std::to_string(k) + " = ";
      for (int i = 0; i < nots; ++i) out += "not ";
      out += "d" + std::to_string(k - 1) + "\n";
    }
    return Policy(out + Rule("    when d" + std::to_string(defs) + "\n"));
  };
  SECTION("1024 levels: 14 definitions of 72 `not`") {
    const auto r = Compile(chain(14, 72));
    INFO(r.diagnostics.RenderText());
    CHECK(r.policy_set != nullptr);
  }
  SECTION("1025 levels: 11 definitions of 92 `not`") {
    const auto r = Compile(chain(11, 92));
    CHECK(r.policy_set == nullptr);
    REQUIRE(r.diagnostics.items().size() == 1);
    CHECK(r.diagnostics.items()[0].code == "E1003");
    CHECK(r.diagnostics.items()[0].message ==
          "once definitions are inlined, this expression nests deeper than 1024 levels");
  }
  SECTION("parameters count: each one binds a level around the body") {
    // 14 x 72 `not` is 1024 levels; one parameter per definition adds 14 more.
    std::string out = "  def d0(x) = x\n";
    for (int k = 1; k <= 14; ++k) {
      out += "  def d" + std::to_string(k) + "(x) = ";
      for (int i = 0; i < 72; ++i) out += "not ";
      out += "d" + std::to_string(k - 1) + "(x)\n";
    }
    const auto r = Compile(Policy(out + Rule("    when d14(flag_a)\n")));
    CHECK(r.policy_set == nullptr);
    CHECK(HasCode(r.diagnostics, "E1003"));
  }
}
