// SPDX-License-Identifier: Apache-2.0
// Souple as an engine of the shared peer benchmark (../shared/bench, "Engine contract"):
//
//   souple_peer --rules rules.json --activities activities.jsonl --out fired.txt
//               [--detail verdicts|full] [--dump DIR]
//
// compile: the neutral rules translated into a Souple schema and policy (translate.h), then
// compiled by the library; parse: LoadActivity of each line (the register's JSON loader,
// schema validation included); eval: Evaluate with the policy in force, and the ids of the
// rules whose finding is `applies`. --detail full builds the findings as `souple eval` reports
// them (messages, citations, facts); verdicts (the default) as GRC screening does.
// --dump DIR writes the generated schema and policy.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <unordered_map>
#include <vector>

#include <nlohmann/json.hpp>

#include "souple/engine.h"
#include "translate.h"

namespace {

using Clock = std::chrono::steady_clock;

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

std::string Slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The record id of a line, for fired.txt only (outside the timed regions): the value of the
// first "id" key, which the workload writes first.
std::string RecordId(const char* p, const char* end) {
  static const char kKey[] = "\"id\":\"";
  const char* at = std::search(p, end, kKey, kKey + sizeof(kKey) - 1);
  if (at == end) return "";
  at += sizeof(kKey) - 1;
  const char* close = std::find(at, end, '"');
  return std::string(at, close);
}

int Run(int argc, char** argv) {
  std::string rules_path, acts_path, out_path, detail = "verdicts", dump;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    if (a == "--rules") rules_path = argv[i + 1];
    else if (a == "--activities") acts_path = argv[i + 1];
    else if (a == "--out") out_path = argv[i + 1];
    else if (a == "--detail") detail = argv[i + 1];
    else if (a == "--dump") dump = argv[i + 1];
  }
  if (rules_path.empty() || acts_path.empty() || out_path.empty() ||
      (detail != "verdicts" && detail != "full")) {
    std::fprintf(stderr, "usage: %s --rules R --activities A --out O [--detail verdicts|full] [--dump DIR]\n",
                 argv[0]);
    return 2;
  }

  const auto t0 = Clock::now();
  const std::string data = Slurp(acts_path);
  const auto t1 = Clock::now();

  const nlohmann::json rules = nlohmann::json::parse(Slurp(rules_path));
  const std::string schema = souple::bench::SchemaFor(rules), policy = souple::bench::PolicyFor(rules);
  souple::CompileResult compiled = souple::CompilePolicies({"peer.schema.json", schema}, {{"peer.souple", policy}});
  const auto t2 = Clock::now();
  if (!dump.empty()) {
    std::ofstream(dump + "/peer.schema.json") << schema;
    std::ofstream(dump + "/peer.souple") << policy;
  }
  if (compiled.policy_set == nullptr) {
    std::cerr << compiled.diagnostics.RenderText();
    return 2;
  }
  std::unordered_map<std::string, std::string> short_id;  // bench.peer.R0001 -> R0001
  for (const auto& r : rules.at("rules")) short_id["bench.peer." + r.at("id").get<std::string>()] = r.at("id");

  souple::EvalOptions options;
  options.evaluation_date = "2026-01-15";
  options.detail = detail == "full" ? souple::EvalOptions::Detail::kFull : souple::EvalOptions::Detail::kVerdicts;

  Clock::duration parse_d{0}, eval_d{0};
  std::string out;
  std::vector<const std::string*> fired;
  size_t records = 0, fired_total = 0;
  const char* p = data.data();
  const char* end = p + data.size();
  while (p < end) {
    const char* nl = static_cast<const char*>(std::memchr(p, '\n', end - p));
    const char* le = nl ? nl : end;
    if (le > p) {
      ++records;
      const auto a = Clock::now();
      souple::SourceFile line{acts_path, std::string(p, le)};
      line.first_line = static_cast<uint32_t>(records);
      souple::LoadResult loaded = souple::LoadActivity(*compiled.policy_set, line);
      const auto b = Clock::now();
      if (loaded.activity == nullptr) {
        std::cerr << loaded.diagnostics.RenderText();
        return 2;
      }
      const souple::Report report = souple::Evaluate(*compiled.policy_set, *loaded.activity, options);
      fired.clear();
      for (const auto& f : report.findings) {
        if (f.status == "applies") fired.push_back(&short_id.at(f.rule_id));
      }
      const auto c = Clock::now();
      parse_d += b - a;
      eval_d += c - b;
      std::sort(fired.begin(), fired.end(), [](const std::string* x, const std::string* y) { return *x < *y; });
      out += RecordId(p, le);
      out += ' ';
      for (size_t k = 0; k < fired.size(); ++k) {
        if (k) out += ',';
        out += *fired[k];
      }
      out += '\n';
      fired_total += fired.size();
    }
    p = le + 1;
  }
  std::ofstream(out_path, std::ios::binary) << out;

  const nlohmann::json result = {
      {"engine", detail == "full" ? "souple-full" : "souple"},
      {"records", records},
      {"rules", rules.at("rules").size()},
      {"io_ms", Ms(t1 - t0)},
      {"parse_ms", Ms(parse_d)},
      {"compile_ms", Ms(t2 - t1)},
      {"eval_ms", Ms(eval_d)},
      {"fired_total", fired_total},
      {"detail", detail},
  };
  std::cout << result.dump() << std::endl;
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return Run(argc, argv);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "souple_peer: %s\n", e.what());
    return 2;
  }
}
