// SPDX-License-Identifier: Apache-2.0
// Schema v1 -> v2 for activity descriptions. YAML is edited as text, block by block, so that
// the DPO's comments survive (yaml-cpp would drop them on output); JSON has none to keep.
#include "souple/migrate.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/diag_codes.h"
#include "base/files.h"
#include "base/utf8.h"
#include "document/yaml_document.h"

namespace souple {

namespace {

using internal::DiagCode;
using internal::MakeError;

// What v1 states in the two replaced sections, read from either format.
struct V1Facts {
  bool has_measures = false, has_passwords = false;
  std::vector<std::string> measures;
  std::vector<std::pair<std::string, std::string>> passwords;  // v2 field, YAML/JSON scalar text
};

// password_policy fields with an exact v2 equivalent; `hashed` has none (which algorithm?).
const char* const kPasswordFields[] = {"min_length", "sent_in_clear"};

void NoteUnmappedPasswordField(const std::string& name, const std::string& value, MigrationResult& out) {
  if (name == "hashed") {
    out.unmapped.push_back("password_policy.hashed: " + value +
                           " — state security.passwords.storage (e.g. bcrypt, argon2, pbkdf2, sha2_salted, md5, "
                           "plaintext) and security.passwords.salted: v1 did not say how passwords are stored");
  } else {
    out.unmapped.push_back("password_policy." + name + ": no v2 equivalent");
  }
}

bool IsPasswordField(const std::string& name) {
  return std::find(std::begin(kPasswordFields), std::end(kPasswordFields), name) != std::end(kPasswordFields);
}

// ---- JSON -------------------------------------------------------------------------------

MigrationResult MigrateJson(const SourceFile& in) {
  MigrationResult out;
  using Json = nlohmann::ordered_json;
  Json doc;
  try {
    doc = Json::parse(in.text);
  } catch (const Json::parse_error& e) {
    out.diagnostics.Add(MakeError(DiagCode::kMalformedDocument, std::string("malformed JSON: ") + e.what(),
                                  Location{in.path, 0, 0, 0}));
    return out;
  }
  if (!doc.is_object() || !doc.contains("activity") || !doc["activity"].is_object()) {
    out.diagnostics.Add(MakeError(DiagCode::kMalformedDocument, "not an activity description (no `activity` object)",
                                  Location{in.path, 1, 1, 0}));
    return out;
  }
  if (doc["activity"].value("schema_version", "") == "2") {
    out.diagnostics.Add(MakeError(DiagCode::kDocInvalidValue, "the description already declares schema_version 2",
                                  Location{in.path, 1, 1, 0}));
    return out;
  }
  // A copy, assigned back at the end: erasing keys of an ordered_json moves its elements.
  Json security = doc.contains("security") ? doc["security"] : Json::object();
  if (doc.contains("security_measures")) {
    if (security.contains("measures")) {
      out.diagnostics.Add(MakeError(DiagCode::kDocDuplicateKey,
                                    "both `security_measures` (v1) and `security.measures` (v2) are stated: merge them by hand",
                                    Location{in.path, 1, 1, 0}));
      return out;
    }
    Json measures = Json::object();
    for (const auto& m : doc["security_measures"]) {
      if (m.is_string()) {
        measures[m.get<std::string>()] = true;
        out.mapped.push_back("security_measures: " + m.get<std::string>() + " -> security.measures." +
                             m.get<std::string>() + ": true");
      }
    }
    security["measures"] = std::move(measures);
    doc.erase("security_measures");
  }
  if (doc.contains("password_policy")) {
    if (security.contains("passwords")) {
      out.diagnostics.Add(MakeError(DiagCode::kDocDuplicateKey,
                                    "both `password_policy` (v1) and `security.passwords` (v2) are stated: merge them by hand",
                                    Location{in.path, 1, 1, 0}));
      return out;
    }
    Json passwords = Json::object();
    for (auto it = doc["password_policy"].begin(); it != doc["password_policy"].end(); ++it) {
      if (IsPasswordField(it.key())) {
        passwords[it.key()] = it.value();
        out.mapped.push_back("password_policy." + it.key() + " -> security.passwords." + it.key());
      } else {
        NoteUnmappedPasswordField(it.key(), it.value().dump(), out);
      }
    }
    security["passwords"] = std::move(passwords);
    doc.erase("password_policy");
  }
  if (!security.empty()) doc["security"] = std::move(security);
  // schema_version first among the activity's fields, where a reader looks for it.
  Json activity = Json::object();
  activity["schema_version"] = "2";
  for (auto it = doc["activity"].begin(); it != doc["activity"].end(); ++it) {
    if (it.key() != "schema_version") activity[it.key()] = it.value();
  }
  doc["activity"] = std::move(activity);
  out.mapped.insert(out.mapped.begin(), "activity.schema_version: \"2\"");
  out.text = doc.dump(2) + "\n";
  return out;
}

// ---- YAML -------------------------------------------------------------------------------

bool StartsBlock(const std::string& line) {
  return !line.empty() && line[0] != ' ' && line[0] != '\t' && line[0] != '#';
}

// A top-level key and the lines of its value: up to the next line that starts in column 1
// (another key, or a comment introducing it).
struct Block {
  std::string key;
  size_t first = 0, end = 0;  // [first, end) lines
  YAML::Node value;
};

size_t Indent(const std::string& line) {
  size_t i = 0;
  while (i < line.size() && line[i] == ' ') ++i;
  return i;
}

MigrationResult MigrateYaml(const SourceFile& in) {
  MigrationResult out;
  auto fail = [&](DiagCode code, const std::string& message, size_t line, size_t column = 1) {
    out.diagnostics.Add(MakeError(code, message,
                                  Location{in.path, static_cast<uint32_t>(line), static_cast<uint32_t>(column), 0}));
    out.text.clear();
    return out;
  };
  YAML::Node root;
  try {
    internal::SingleYamlDocument document = internal::LoadSingleYamlDocument(in.text);
    if (document.second) return fail(DiagCode::kMalformedDocument, "an activity file holds exactly one YAML document", document.second->line + 1);
    root = document.node;
  } catch (const YAML::Exception& e) {
    return fail(DiagCode::kMalformedDocument, "malformed YAML: " + e.msg, e.mark.line + 1, e.mark.column + 1);
  }
  if (!root.IsMap() || root.Style() == YAML::EmitterStyle::Flow) {
    return fail(DiagCode::kMalformedDocument, "migrate reads a block-style YAML mapping at the top level", 1);
  }
  const std::vector<std::string> lines = internal::SplitLines(in.text);
  std::vector<Block> blocks;
  for (auto it = root.begin(); it != root.end(); ++it) {
    const YAML::Node key = it->first;
    if (key.Mark().column != 0) return fail(DiagCode::kMalformedDocument, "top-level keys must start in column 1", key.Mark().line + 1);
    blocks.push_back({key.Scalar(), static_cast<size_t>(key.Mark().line), 0, YAML::Node(it->second)});
  }
  for (auto& b : blocks) {
    size_t end = b.first + 1;
    while (end < lines.size() && !StartsBlock(lines[end]) && !(!lines[end].empty() && lines[end][0] == '#')) ++end;
    // Blank lines at the end of a block separate it from the next one: they stay.
    while (end > b.first + 1 && lines[end - 1].find_first_not_of(" \t") == std::string::npos) --end;
    b.end = end;
  }
  auto find = [&](const std::string& key) -> Block* {
    for (auto& b : blocks) {
      if (b.key == key) return &b;
    }
    return nullptr;
  };
  Block* activity = find("activity");
  if (activity == nullptr || !activity->value.IsMap()) {
    return fail(DiagCode::kMalformedDocument, "not an activity description (no `activity` object)", 1);
  }
  const YAML::Node version = activity->value["schema_version"];
  if (version.IsDefined() && version.IsScalar() && version.Scalar() == "2") {
    return fail(DiagCode::kDocInvalidValue, "the description already declares schema_version 2", version.Mark().line + 1);
  }
  if (version.IsDefined()) {
    return fail(DiagCode::kDocInvalidValue, "remove `schema_version` before migrating (a v1 description needs none)",
                version.Mark().line + 1);
  }

  // The v2 security block, built from the v1 sections.
  Block* measures = find("security_measures");
  Block* passwords = find("password_policy");
  Block* security = find("security");
  std::vector<std::string> carried_comments;  // comments inside the removed blocks
  auto carry = [&](const Block& b) {
    const size_t hash = lines[b.first].find(" #");
    if (hash != std::string::npos) carried_comments.push_back("  " + lines[b.first].substr(hash + 1));
    for (size_t i = b.first + 1; i < b.end; ++i) {
      const std::string& l = lines[i];
      const size_t text = l.find_first_not_of(' ');
      if (text != std::string::npos && l[text] == '#') carried_comments.push_back("  " + l.substr(text));
    }
  };
  std::vector<std::string> children;  // lines below `security:`, two-space indented
  if (measures != nullptr) {
    if (security != nullptr && security->value.IsMap() && security->value["measures"].IsDefined()) {
      return fail(DiagCode::kDocDuplicateKey,
                  "both `security_measures` (v1) and `security.measures` (v2) are stated: merge them by hand",
                  measures->first + 1);
    }
    carry(*measures);
    children.push_back("  measures:");
    size_t count = 0;
    if (measures->value.IsSequence()) {
      for (const auto& m : measures->value) {
        if (!m.IsScalar()) continue;
        children.push_back("    " + m.Scalar() + ": true");
        out.mapped.push_back("security_measures: " + m.Scalar() + " -> security.measures." + m.Scalar() + ": true");
        ++count;
      }
    }
    if (count == 0) children.back() = "  measures: {}";
  }
  if (passwords != nullptr) {
    if (security != nullptr && security->value.IsMap() && security->value["passwords"].IsDefined()) {
      return fail(DiagCode::kDocDuplicateKey,
                  "both `password_policy` (v1) and `security.passwords` (v2) are stated: merge them by hand",
                  passwords->first + 1);
    }
    carry(*passwords);
    std::vector<std::string> fields;
    if (passwords->value.IsMap()) {
      for (auto it = passwords->value.begin(); it != passwords->value.end(); ++it) {
        const std::string name = it->first.Scalar();
        const std::string value = it->second.IsScalar() ? it->second.Scalar() : "";
        if (IsPasswordField(name)) {
          fields.push_back("    " + name + ": " + value);
          out.mapped.push_back("password_policy." + name + " -> security.passwords." + name);
        } else {
          NoteUnmappedPasswordField(name, value, out);
        }
      }
    }
    if (fields.empty()) {
      children.push_back("  passwords: {}");
    } else {
      children.push_back("  passwords:");
      children.insert(children.end(), fields.begin(), fields.end());
    }
  }

  // Re-assemble: the activity gets its version, the v1 blocks give way to the v2 one.
  std::vector<std::string> result;
  const bool new_security = !children.empty() && security == nullptr;
  const Block* anchor = measures != nullptr ? measures : passwords;
  for (size_t i = 0; i < lines.size();) {
    const Block* here = nullptr;
    for (const auto& b : blocks) {
      if (b.first == i) here = &b;
    }
    if (here != nullptr && (here == measures || here == passwords)) {
      if (new_security && here == anchor) {
        result.insert(result.end(), carried_comments.begin(), carried_comments.end());
        result.push_back("security:");
        result.insert(result.end(), children.begin(), children.end());
      }
      i = here->end;
      continue;
    }
    if (here != nullptr && here == activity) {
      if (activity->value.Style() == YAML::EmitterStyle::Flow) {
        std::string line = lines[i];
        const size_t brace = line.find('{');
        if (brace == std::string::npos || activity->end != activity->first + 1) {
          return fail(DiagCode::kMalformedDocument, "write `activity:` in block style, or on one line, to migrate it", i + 1);
        }
        line.insert(brace + 1, "schema_version: \"2\", ");
        result.push_back(line);
      } else {
        result.push_back(lines[i]);
        size_t indent = 2;
        for (size_t k = i + 1; k < activity->end; ++k) {
          if (lines[k].find_first_not_of(' ') != std::string::npos && lines[k][Indent(lines[k])] != '#') {
            indent = Indent(lines[k]);
            break;
          }
        }
        result.push_back(std::string(indent, ' ') + "schema_version: \"2\"");
      }
      ++i;
      continue;
    }
    if (here != nullptr && here == security && !children.empty()) {
      if (security->value.Style() == YAML::EmitterStyle::Flow || !security->value.IsMap()) {
        return fail(DiagCode::kMalformedDocument, "write `security:` in block style to migrate into it", i + 1);
      }
      result.push_back(lines[i]);
      result.insert(result.end(), carried_comments.begin(), carried_comments.end());
      result.insert(result.end(), children.begin(), children.end());
      ++i;
      continue;
    }
    result.push_back(lines[i]);
    ++i;
  }
  out.mapped.insert(out.mapped.begin(), "activity.schema_version: \"2\"");
  std::string text;
  for (const auto& l : result) text += l + "\n";
  out.text = std::move(text);
  return out;
}

}  // namespace

MigrationResult MigrateActivity(const SourceFile& v1) {
  const bool json = v1.format == SourceFormat::kJson ||
                    (v1.format == SourceFormat::kByPath && internal::EndsWith(v1.path, ".json"));
  return json ? MigrateJson(v1) : MigrateYaml(v1);
}

}  // namespace souple
