// SPDX-License-Identifier: Apache-2.0
// JUnit XML for CI systems and GRC tools that read test reports: one test suite per
// activity, one test case per finding. A finding not met is a failure (its type the rule's
// kind), one that cannot be told is skipped (with the facts to state); met, exempted and
// applicable findings pass.
#include <sstream>

#include "base/xml.h"
#include "souple/engine.h"
#include "souple/report.h"

namespace souple {

using internal::XmlEscape;

namespace {

struct Counts {
  size_t tests = 0, failures = 0, skipped = 0;
  void Add(const Finding& f) {
    ++tests;
    failures += f.status == "not_met" ? 1 : 0;
    skipped += f.status == "unknown" ? 1 : 0;
  }
};

std::string Attributes(const Counts& c) {
  return "tests=\"" + std::to_string(c.tests) + "\" failures=\"" + std::to_string(c.failures) + "\" errors=\"0\" skipped=\"" +
         std::to_string(c.skipped) + "\"";
}

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : separator) + i;
  return out;
}

/// The body of a failure: the message, the sources, the facts the finding rests on.
std::string Details(const Finding& f, bool fr) {
  std::ostringstream out;
  out << (fr ? f.message_fr : f.message_en) << "\n";
  out << (fr ? "Nature : " : "Kind: ") << f.kind << ", " << (fr ? "fiabilité : " : "confidence: ") << f.confidence
      << "\n";
  for (const auto& c : f.citations) {
    out << (fr ? "Source : " : "Source: ") << c.publisher << ", " << c.title << (c.date.empty() ? "" : " (" + c.date + ")")
        << (c.section.empty() ? "" : ", " + c.section) << (c.url.empty() ? "" : " <" + c.url + ">") << "\n";
  }
  for (const auto& fact : f.facts) {
    out << (fr ? "Fait : " : "Fact: ") << fact.path << " = " << fact.Text(fr)
        << (fact.location.empty() ? "" : " (" + fact.location + ")") << "\n";
  }
  return out.str();
}

}  // namespace

std::string RenderJunit(const std::vector<Report>& reports, Language language) {
  const bool fr = language == Language::kFrench;
  Counts all;
  for (const Report& r : reports) {
    for (const Finding& f : r.findings) all.Add(f);
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"souple eval\" " << Attributes(all) << ">\n";
  for (const Report& r : reports) {
    Counts counts;
    for (const Finding& f : r.findings) counts.Add(f);
    out << "  <testsuite name=\"" << XmlEscape(r.activity_id) << "\" " << Attributes(counts) << " timestamp=\""
        << XmlEscape(r.evaluation_date) << "T00:00:00\">\n";
    out << "    <properties>\n";
    auto property = [&](const char* name, const std::string& value) {
      if (!value.empty()) out << "      <property name=\"" << name << "\" value=\"" << XmlEscape(value) << "\"/>\n";
    };
    property("activity_file", r.activity_file);
    property("activity_name", r.activity_name);
    property("evaluation_date", r.evaluation_date);
    property("policy_set_hash", "sha256:" + r.policy_set_hash);
    property("release", r.release_id);
    property("engine_version", r.engine_version);
    out << "    </properties>\n";
    for (const Finding& f : r.findings) {
      out << "    <testcase classname=\"" << XmlEscape(f.policy_id) << "\" name=\"" << XmlEscape(f.id) << "\"";
      if (f.status == "not_met") {
        out << ">\n      <failure type=\"" << XmlEscape(f.kind) << "\" message=\""
            << XmlEscape(fr ? f.message_fr : f.message_en) << "\">" << XmlEscape(Details(f, fr))
            << "</failure>\n    </testcase>\n";
      } else if (f.status == "unknown") {
        std::string why = f.missing.empty() ? (fr ? f.unknown_reason_fr : f.unknown_reason)
                                            : (fr ? "à préciser : " : "to state: ") + Join(f.missing, ", ");
        out << ">\n      <skipped message=\"" << XmlEscape((fr ? "impossible de conclure ; " : "cannot tell; ") + why)
            << "\"/>\n    </testcase>\n";
      } else {
        out << "/>\n";
      }
    }
    out << "  </testsuite>\n";
  }
  out << "</testsuites>\n";
  return out.str();
}

}  // namespace souple
