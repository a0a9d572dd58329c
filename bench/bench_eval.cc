// SPDX-License-Identifier: Apache-2.0
// Benchmark: compile the bundled policies once, then evaluate a generated set of
// activities. Prints compile time, load and evaluation time per activity (median, p99),
// activities per second (1 thread and N threads sharing one compiled set) and peak memory.
//
//   build/bench/souple_bench [--activities N] [--threads T] [--seed S]
//
// Activities are generated from the bundled examples (examples/*.yaml): each copy gets
// its durations, booleans and list lengths varied with a fixed seed, so runs are
// comparable and every rule's branches are exercised.
#include <sys/resource.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <thread>

#include "souple/engine.h"

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

const char* kDurations[] = {"P1M", "P6M", "P13M", "P2Y", "P3Y", "P5Y", "P10Y", "P30D"};

// Varies a YAML tree in place: durations, booleans, and sometimes drops a field (missing facts).
void Mutate(YAML::Node node, std::mt19937& rng) {
  if (node.IsMap()) {
    std::vector<std::string> drop;
    for (auto it = node.begin(); it != node.end(); ++it) {
      YAML::Node v = it->second;
      if (v.IsScalar()) {
        const std::string s = v.Scalar();
        if (s.size() > 1 && s[0] == 'P' && std::isdigit(static_cast<unsigned char>(s[1]))) {
          v = kDurations[rng() % 8];
        } else if (s == "true" || s == "false") {
          v = (rng() % 2) ? "true" : "false";
        }
        if (rng() % 10 == 0 && it->first.Scalar() != "id" && it->first.Scalar() != "name" &&
            it->first.Scalar() != "role" && it->first.Scalar() != "legal_basis" &&
            it->first.Scalar() != "data_category" && it->first.Scalar() != "purpose") {
          drop.push_back(it->first.Scalar());
        }
      } else {
        Mutate(v, rng);
      }
    }
    for (const auto& k : drop) node.remove(k);
  } else if (node.IsSequence()) {
    for (auto item : node) Mutate(item, rng);
  }
}

long PeakRssKib() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  size_t count = 2000;
  unsigned threads = std::max(2u, std::thread::hardware_concurrency());
  unsigned seed = 42;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--activities")) count = std::stoul(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--threads")) threads = std::stoul(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seed")) seed = std::stoul(argv[i + 1]);
  }
  const fs::path root = SOUPLE_SOURCE_DIR;
  souple::Diagnostics schema_diags;
  const souple::SourceFile schema = *souple::ReadActivitySchema(
      (root / "schemas" / "activity.schema.json").string(), "schemas/activity.schema.json", schema_diags);
  std::vector<souple::SourceFile> policies;
  for (const auto& e : fs::recursive_directory_iterator(root / "policies")) {
    if (e.path().extension() == ".souple") policies.push_back({e.path().string(), Slurp(e.path())});
  }
  std::sort(policies.begin(), policies.end(), [](auto& a, auto& b) { return a.path < b.path; });

  // 1. Compile (repeated; the median is reported).
  std::vector<double> compile_us;
  std::shared_ptr<const souple::PolicySet> set;
  for (int i = 0; i < 20; ++i) {
    const auto t0 = Clock::now();
    auto result = souple::CompilePolicies(schema, policies);
    compile_us.push_back(Micros(Clock::now() - t0));
    if (result.policy_set == nullptr) {
      std::fputs(result.diagnostics.RenderText().c_str(), stderr);
      return 2;
    }
    set = result.policy_set;
  }
  size_t rules = 0;
  for (const auto& p : set->policies()) rules += p.rule_count;

  // 2. Generate activity texts from the examples.
  std::vector<YAML::Node> templates;
  for (const auto& e : fs::directory_iterator(root / "examples")) {
    if (e.path().extension() == ".yaml") templates.push_back(YAML::LoadFile(e.path().string()));
  }
  std::sort(templates.begin(), templates.end(), [](const YAML::Node& a, const YAML::Node& b) {
    return a["activity"]["id"].Scalar() < b["activity"]["id"].Scalar();
  });
  std::mt19937 rng(seed);
  std::vector<std::string> texts;
  size_t bytes = 0;
  for (size_t i = 0; i < count; ++i) {
    YAML::Node doc = YAML::Clone(templates[i % templates.size()]);
    Mutate(doc, rng);
    doc["activity"]["id"] = "GEN-" + std::to_string(i);
    YAML::Emitter out;
    out << doc;
    texts.emplace_back(out.c_str());
    bytes += texts.back().size();
  }

  // 3. Load (parse + validate against the schema).
  std::vector<double> load_us;
  std::vector<std::shared_ptr<const souple::Activity>> activities;
  for (size_t i = 0; i < count; ++i) {
    const auto t0 = Clock::now();
    auto loaded = souple::LoadActivity(*set, {"gen.yaml", texts[i]});
    load_us.push_back(Micros(Clock::now() - t0));
    if (loaded.activity == nullptr) {
      std::fputs(loaded.diagnostics.RenderText().c_str(), stderr);
      return 2;
    }
    activities.push_back(loaded.activity);
  }

  // 4. Evaluate, one thread, timing each activity (after one untimed pass, so that both
  //    the single- and the multi-threaded figures are taken with a warm heap and caches).
  for (const auto& a : activities) souple::Evaluate(*set, *a, {"2026-01-15"});
  std::vector<double> eval_us;
  size_t findings = 0;
  const souple::EvalOptions options{"2026-01-15"};
  const auto e0 = Clock::now();
  for (const auto& a : activities) {
    const auto t0 = Clock::now();
    const souple::Report r = souple::Evaluate(*set, *a, options);
    eval_us.push_back(Micros(Clock::now() - t0));
    findings += r.findings.size();
  }
  const double single_s = Micros(Clock::now() - e0) / 1e6;

  // 4b. Verdicts only (no messages, citations or facts): bulk screening.
  std::vector<double> verdict_us;
  souple::EvalOptions verdicts = options;
  verdicts.detail = souple::EvalOptions::Detail::kVerdicts;
  for (const auto& a : activities) {
    const auto t0 = Clock::now();
    const souple::Report r = souple::Evaluate(*set, *a, verdicts);
    verdict_us.push_back(Micros(Clock::now() - t0));
  }

  // 5. Evaluate from several threads sharing the compiled set.
  const auto p0 = Clock::now();
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < threads; ++t) {
    pool.emplace_back([&, t] {
      for (size_t i = t; i < activities.size(); i += threads) souple::Evaluate(*set, *activities[i], options);
    });
  }
  for (auto& th : pool) th.join();
  const double parallel_s = Micros(Clock::now() - p0) / 1e6;

  std::printf("souple %s benchmark (seed %u)\n", souple::EngineVersion(), seed);
  std::printf("policy set: %zu policies, %zu rules\n", set->policies().size(), rules);
  std::printf("compile:    median %.2f ms (20 runs)\n", Percentile(compile_us, 0.5) / 1000);
  std::printf("activities: %zu generated, %.1f KiB of YAML on average\n", count,
              bytes / 1024.0 / count);
  std::printf("load:       median %.1f us, p99 %.1f us per activity\n", Percentile(load_us, 0.5),
              Percentile(load_us, 0.99));
  std::printf("evaluate:   median %.1f us, p99 %.1f us per activity (%.1f findings on average)\n",
              Percentile(eval_us, 0.5), Percentile(eval_us, 0.99), double(findings) / count);
  std::printf("verdicts:   median %.1f us, p99 %.1f us per activity (status only, no explanations)\n",
              Percentile(verdict_us, 0.5), Percentile(verdict_us, 0.99));
  std::printf("throughput: %.0f activities/s on 1 thread, %.0f activities/s on %u threads\n",
              count / single_s, count / parallel_s, threads);
  std::printf("peak RSS:   %.1f MiB\n", PeakRssKib() / 1024.0);
  return 0;
}
