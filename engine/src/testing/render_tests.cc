// SPDX-License-Identifier: Apache-2.0
// Text, JSON and JUnit XML renderings of a policy test run.
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/xml.h"
#include "souple/testing.h"

namespace souple {

using internal::XmlEscape;

namespace {
std::vector<std::string> Problems(const CaseResult& c) {
  std::vector<std::string> out;
  for (const auto& x : c.expectations) {
    for (const auto& p : x.problems) {
      out.push_back(x.rule_id + (x.element.empty() ? "" : " @ " + x.element) + ": " + p);
    }
  }
  for (const auto& u : c.unexpected) out.push_back("unexpected finding " + u);
  return out;
}

size_t Incomplete(const TestRun& run) {
  size_t n = 0;
  for (const auto& r : run.coverage) n += r.complete() ? 0 : 1;
  return n;
}
}  // namespace

std::string RenderTestText(const TestRun& run, bool show_coverage) {
  std::ostringstream out;
  for (const auto& c : run.cases) {
    out << (c.passed ? "PASS " : "FAIL ") << c.file << ':' << c.line << ": " << c.name;
    if (c.origin == "regulator") out << "  [regulator example]";
    out << '\n';
    for (const auto& p : Problems(c)) out << "     " << p << '\n';
  }
  if (show_coverage) {
    out << "\nCoverage (fires / does not fire / exception / missing fact):\n";
    for (const auto& r : run.coverage) {
      out << "  " << (r.complete() ? "ok  " : "GAP ") << r.rule_id << " @ " << r.policy_version << "  " << (r.fires ? 'F' : '-')
          << (r.does_not_fire ? 'N' : '-') << (r.has_exception ? (r.exception ? 'E' : '-') : '.')
          << (r.missing ? 'M' : '-') << '\n';
    }
    out << Incomplete(run) << " of " << run.coverage.size() << " rule versions lack a kind of case\n";
  }
  out << '\n' << run.Passed() << " passed, " << run.Failed() << " failed\n";
  return out.str();
}

std::string RenderTestJson(const TestRun& run) {
  nlohmann::ordered_json doc;
  doc["passed"] = run.Passed();
  doc["failed"] = run.Failed();
  nlohmann::ordered_json cases = nlohmann::ordered_json::array();
  for (const auto& c : run.cases) {
    nlohmann::ordered_json j;
    j["file"] = c.file;
    j["line"] = c.line;
    j["name"] = c.name;
    j["origin"] = c.origin;
    j["source"] = c.source;
    j["passed"] = c.passed;
    nlohmann::ordered_json xs = nlohmann::ordered_json::array();
    for (const auto& x : c.expectations) {
      xs.push_back({{"rule", x.rule_id}, {"element", x.element}, {"expected", x.expected},
                    {"actual", x.actual}, {"passed", x.passed}, {"problems", x.problems}});
    }
    j["expectations"] = std::move(xs);
    j["unexpected"] = c.unexpected;
    cases.push_back(std::move(j));
  }
  doc["cases"] = std::move(cases);
  nlohmann::ordered_json cov = nlohmann::ordered_json::array();
  for (const auto& r : run.coverage) {
    cov.push_back({{"rule", r.rule_id}, {"version", r.policy_version}, {"fires", r.fires}, {"does_not_fire", r.does_not_fire},
                   {"has_exception", r.has_exception}, {"exception", r.exception},
                   {"missing", r.missing}, {"complete", r.complete()}});
  }
  doc["coverage"] = std::move(cov);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

std::string RenderTestJunit(const TestRun& run) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites tests=\"" << run.cases.size() << "\" failures=\"" << run.Failed() << "\">\n";
  std::string current;
  for (size_t i = 0; i < run.cases.size(); ++i) {
    const CaseResult& c = run.cases[i];
    if (c.file != current) {
      if (!current.empty()) out << "  </testsuite>\n";
      current = c.file;
      size_t n = 0, failed = 0;
      for (const auto& k : run.cases) {
        if (k.file == c.file) {
          ++n;
          failed += k.passed ? 0 : 1;
        }
      }
      out << "  <testsuite name=\"" << XmlEscape(c.file) << "\" tests=\"" << n << "\" failures=\"" << failed << "\">\n";
    }
    out << "    <testcase classname=\"" << XmlEscape(c.file) << "\" name=\"" << XmlEscape(c.name) << "\"";
    if (c.passed) {
      out << "/>\n";
      continue;
    }
    out << ">\n      <failure message=\"" << XmlEscape(c.file + ":" + std::to_string(c.line)) << "\">";
    for (const auto& p : Problems(c)) out << XmlEscape(p) << '\n';
    out << "</failure>\n    </testcase>\n";
  }
  if (!current.empty()) out << "  </testsuite>\n";
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace souple
