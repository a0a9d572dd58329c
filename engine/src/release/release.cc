// SPDX-License-Identifier: Apache-2.0
// Building, reading, verifying and printing release files.
#include "souple/release.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/calendar.h"
#include "base/diag_codes.h"
#include "base/sha256.h"
#include "base/utf8.h"

namespace souple {

using internal::DiagCode;
using internal::MakeError;
using internal::Sha256Hex;

std::string ContentHash(const SourceFile& schema, const std::vector<SourceFile>& files) {
  std::vector<std::pair<std::string, std::string>> lines;
  for (const auto& f : files) lines.emplace_back(f.path, Sha256Hex(f.text));
  std::sort(lines.begin(), lines.end());
  std::string manifest = "schema " + Sha256Hex(schema.text) + "  " + schema.path + "\n";
  for (const auto& [path, hash] : lines) manifest += "policy " + hash + "  " + path + "\n";
  return Sha256Hex(manifest);
}

namespace {
ReleaseResult Compile(Release release) {
  ReleaseResult result;
  std::sort(release.files.begin(), release.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.path < b.path; });
  CompileResult compiled = CompilePolicies(release.schema, release.files);
  result.diagnostics = std::move(compiled.diagnostics);
  result.policy_set = compiled.policy_set;
  if (compiled.policy_set != nullptr) release.policies = compiled.policy_set->policies();
  release.hash = ContentHash(release.schema, release.files);
  result.release = std::move(release);
  return result;
}
}  // namespace

ReleaseResult BuildRelease(const std::string& id, const std::string& date, const SourceFile& schema,
                           std::vector<SourceFile> files) {
  Release release;
  release.id = id;
  release.date = date;
  release.engine_version = EngineVersion();
  release.schema = schema;
  release.files = std::move(files);
  ReleaseResult result = Compile(std::move(release));
  if (!IsValidDate(date)) {
    result.diagnostics.Add(MakeError(DiagCode::kInvalidDates, "release date `" + date + "` is not YYYY-MM-DD",
                                     Location{"release", 0, 0, 0}));
    result.policy_set = nullptr;
  }
  return result;
}

ReleaseResult LoadRelease(const SourceFile& file) {
  ReleaseResult fail;
  auto error = [&](DiagCode code, const std::string& message) {
    fail.diagnostics.Add(MakeError(code, message, Location{file.path, 0, 0, 0}));
    return fail;
  };
  if (file.text.size() > kMaxReleaseBytes) {
    return error(DiagCode::kFileTooLarge, "release file of " + std::to_string(file.text.size()) +
                                              " bytes exceeds the limit of " + std::to_string(kMaxReleaseBytes));
  }
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(file.text);
  } catch (const nlohmann::json::parse_error& e) {
    const auto pos = internal::PositionOfOffset(file.text, e.byte > 0 ? e.byte - 1 : 0);
    fail.diagnostics.Add(MakeError(DiagCode::kMalformedDocument, std::string("malformed release file: ") + e.what(),
                                   Location{file.path, pos.line, pos.column, 0}));
    return fail;
  } catch (const nlohmann::json::exception& e) {  // e.g. a number out of range (`1e400`)
    return error(DiagCode::kMalformedDocument, std::string("malformed release file: ") + e.what());
  }
  try {
    Release r;
    if (doc.at("format_version").get<std::string>() != kReleaseFormatVersion) {
      return error(DiagCode::kMalformedDocument, "unsupported release format version");
    }
    r.id = doc.at("release").get<std::string>();
    r.date = doc.at("date").get<std::string>();
    // The date is not covered by the hash: it must at least be a real calendar date.
    if (!internal::ParseDate(r.date)) {
      return error(DiagCode::kMalformedDocument, "release date `" + r.date + "` is not a date (YYYY-MM-DD)");
    }
    r.engine_version = doc.at("engine_version").get<std::string>();
    const auto& schema = doc.at("schema");
    r.schema = {schema.at("path").get<std::string>(), schema.at("text").get<std::string>()};
    if (Sha256Hex(r.schema.text) != schema.at("sha256").get<std::string>()) {
      return error(DiagCode::kReleaseIntegrity, "the schema text does not match its sha256");
    }
    for (const auto& f : doc.at("files")) {
      SourceFile s{f.at("path").get<std::string>(), f.at("text").get<std::string>()};
      if (Sha256Hex(s.text) != f.at("sha256").get<std::string>()) {
        return error(DiagCode::kReleaseIntegrity, "file `" + s.path + "` does not match its sha256");
      }
      r.files.push_back(std::move(s));
    }
    const std::string declared = doc.at("hash").get<std::string>();
    ReleaseResult result = Compile(std::move(r));
    // A release is a snapshot: a `see` towards a text published later is expected there.
    Diagnostics kept;
    for (const auto& d : result.diagnostics.items()) {
      if (d.code != "W2001") kept.Add(d);
    }
    result.diagnostics = std::move(kept);
    if ("sha256:" + result.release.hash != declared) {
      return error(DiagCode::kReleaseIntegrity, "the release hash does not match its contents");
    }
    return result;
  } catch (const nlohmann::json::exception& e) {
    return error(DiagCode::kMalformedDocument, std::string("malformed release file: ") + e.what());
  }
}

namespace {
// The release file, or (without the texts) its manifest: the same hashes either way.
std::string RenderRelease(const Release& r, bool with_texts) {
  nlohmann::ordered_json doc;
  doc["format_version"] = kReleaseFormatVersion;
  doc["release"] = r.id;
  doc["date"] = r.date;
  doc["engine_version"] = r.engine_version;
  doc["hash"] = "sha256:" + r.hash;
  nlohmann::ordered_json policies = nlohmann::ordered_json::array();
  for (const auto& p : r.policies) {
    policies.push_back({{"id", p.id}, {"version", p.version}, {"status", p.status},
                        {"effective", p.effective}, {"until", p.until.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.until)},
                        {"file", p.file}, {"content_hash", "sha256:" + p.content_hash},
                        {"rules", p.rule_count}});
  }
  doc["policies"] = std::move(policies);
  auto entry = [with_texts](const SourceFile& f) {
    nlohmann::ordered_json e = {{"path", f.path}, {"sha256", Sha256Hex(f.text)}};
    if (with_texts) e["text"] = f.text;
    return e;
  };
  doc["schema"] = entry(r.schema);
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const auto& f : r.files) files.push_back(entry(f));
  doc["files"] = std::move(files);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}
}  // namespace

std::string RenderReleaseJson(const Release& r) { return RenderRelease(r, true); }

std::string RenderReleaseManifestJson(const Release& r) { return RenderRelease(r, false); }

std::string RenderReleaseText(const Release& r) {
  std::ostringstream out;
  out << "release " << r.id << " (" << r.date << "), sha256:" << r.hash << "\n";
  out << "built by souple " << r.engine_version << "; schema " << r.schema.path << " sha256:"
      << Sha256Hex(r.schema.text).substr(0, 16) << "…\n";
  size_t rules = 0;
  for (const auto& p : r.policies) rules += p.rule_count;
  out << r.policies.size() << " policy versions, " << rules << " rules, " << r.files.size() << " files\n";
  for (const auto& p : r.policies) {
    out << "  " << p.id << ' ' << p.version << " [" << p.status << "] effective " << p.effective;
    if (!p.until.empty()) out << " until " << p.until;
    out << ", " << p.rule_count << " rules, sha256:" << p.content_hash.substr(0, 16) << "… (" << p.file << ")\n";
  }
  return out.str();
}

}  // namespace souple
