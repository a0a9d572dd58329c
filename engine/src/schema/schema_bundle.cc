// SPDX-License-Identifier: Apache-2.0
// Assembles an activity schema split into section files (docs/activity-schema.md, "Layout")
// into the one self-contained document the schema loader and releases take.
#include <nlohmann/json.hpp>

#include <filesystem>
#include <set>

#include "base/diag_codes.h"
#include "souple/engine.h"
#include "souple/files.h"

namespace souple {

namespace {

using Json = nlohmann::json;
namespace fs = std::filesystem;

// A section file is small; the whole schema is read once per compilation.
constexpr uint64_t kMaxSchemaFileBytes = 1u << 20;
constexpr int kMaxFileDepth = 4;
constexpr size_t kMaxFiles = 256;

bool IsFileRef(const std::string& ref) { return !ref.empty() && ref[0] != '#'; }

// A section reference names a `.json` file below the folder of the file that refers to it:
// lower-case letters, digits, `_`, `-` and `/`, no `..`, no absolute path.
bool ValidFileRef(const std::string& ref) {
  if (ref.size() < 6 || ref.compare(ref.size() - 5, 5, ".json") != 0 || ref[0] == '/') return false;
  if (ref.find("..") != std::string::npos || ref.find("//") != std::string::npos) return false;
  for (char c : ref.substr(0, ref.size() - 5)) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-' || c == '/')) return false;
  }
  return true;
}

class Bundler {
 public:
  Bundler(Diagnostics& diags) : diags_(diags) {}

  std::optional<Json> Load(const fs::path& path, int depth) {
    if (depth > kMaxFileDepth) return Fail(path, "section files nest deeper than " + std::to_string(kMaxFileDepth));
    if (!stack_.insert(path.lexically_normal().string()).second) return Fail(path, "refers to itself through `$ref`");
    if (++files_ > kMaxFiles) return Fail(path, "the schema has more than " + std::to_string(kMaxFiles) + " files");
    auto text = ReadInputFile(path.string(), diags_, kMaxSchemaFileBytes);
    if (!text) return std::nullopt;
    Json doc;
    try {
      doc = Json::parse(*text);
    } catch (const Json::parse_error& e) {
      return Fail(path, std::string("not valid JSON: ") + e.what());
    }
    if (!doc.is_object()) return Fail(path, "a schema file must hold a JSON object");
    if (!MergeFrench(doc, path)) return std::nullopt;
    if (doc.contains("$defs")) {
      if (!doc["$defs"].is_object()) return Fail(path, "`$defs` must be an object");
      for (auto it = doc["$defs"].begin(); it != doc["$defs"].end(); ++it) {
        if (!Inline(it.value(), path, depth)) return std::nullopt;
        auto [where, inserted] = def_files_.emplace(it.key(), path.string());
        if (!inserted) {
          return Fail(path, "definition `" + it.key() + "` is also defined in " + where->second +
                                " (definition names are shared by all section files)");
        }
        defs_[it.key()] = std::move(it.value());
      }
      doc.erase("$defs");
    }
    if (!Inline(doc, path, depth)) return std::nullopt;
    stack_.erase(path.lexically_normal().string());
    return doc;
  }

  Json TakeDefs() { return std::move(defs_); }

 private:
  // `NAME.fr.json` next to `NAME.json`, if present: `{"descriptions": {POINTER: text}}`, the
  // French of the descriptions of NAME.json, kept apart as a translation catalogue and set
  // as `x-description-fr` on each described object before the file is inlined.
  bool MergeFrench(Json& doc, const fs::path& path) {
    fs::path catalogue = path;
    catalogue.replace_extension(".fr.json");
    std::error_code ec;
    if (!fs::exists(catalogue, ec)) return true;
    auto text = ReadInputFile(catalogue.string(), diags_, kMaxSchemaFileBytes);
    if (!text) return false;
    const Json fr = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
    if (!fr.is_object() || !fr.contains("descriptions") || !fr["descriptions"].is_object()) {
      Fail(catalogue, "a French catalogue is a JSON object {\"descriptions\": {\"/json/pointer\": \"texte\"}}");
      return false;
    }
    for (const auto& [pointer, description] : fr["descriptions"].items()) {
      Json* target = nullptr;
      try {
        target = &doc.at(Json::json_pointer(pointer));
      } catch (const Json::exception&) {
        target = nullptr;
      }
      if (target == nullptr || !target->is_object() || !target->contains("description") || !description.is_string() ||
          description.get<std::string>().empty()) {
        Fail(catalogue, "`" + pointer + "` names no described object of " + path.filename().string() +
                            " (or its French text is not a non-empty string)");
        return false;
      }
      (*target)["x-description-fr"] = description;
    }
    return true;
  }

  // Replaces every `{"$ref": "file.json", ...}` below `node` by the file's schema; the
  // referring object's annotations (a `description`) override the file's.
  bool Inline(Json& node, const fs::path& file, int depth) {
    if (node.is_array()) {
      for (auto& item : node) {
        if (!Inline(item, file, depth)) return false;
      }
      return true;
    }
    if (!node.is_object()) return true;
    if (node.contains("$ref") && node["$ref"].is_string() && IsFileRef(node["$ref"].get<std::string>())) {
      const std::string ref = node["$ref"].get<std::string>();
      if (!ValidFileRef(ref)) {
        Fail(file, "`$ref` \"" + ref + "\" must name a `.json` file below this file's folder");
        return false;
      }
      auto section = Load(file.parent_path() / ref, depth + 1);
      if (!section) return false;
      section->erase("$schema");
      section->erase("$id");
      for (auto it = node.begin(); it != node.end(); ++it) {
        if (it.key() != "$ref") (*section)[it.key()] = it.value();
      }
      node = std::move(*section);
      return true;
    }
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!Inline(it.value(), file, depth)) return false;
    }
    return true;
  }

  std::nullopt_t Fail(const fs::path& path, const std::string& message) {
    diags_.Add(internal::MakeError(internal::DiagCode::kInvalidSchema, message, Location{path.string(), 0, 0, 0}));
    return std::nullopt;
  }

  Diagnostics& diags_;
  std::set<std::string> stack_;
  size_t files_ = 0;
  Json defs_ = Json::object();
  std::map<std::string, std::string> def_files_;
};

}  // namespace

std::optional<SourceFile> ReadActivitySchema(const std::string& path, const std::string& label,
                                             Diagnostics& diags) {
  Bundler bundler(diags);
  auto doc = bundler.Load(path, 0);
  if (!doc) return std::nullopt;
  Json defs = bundler.TakeDefs();
  if (!defs.empty()) (*doc)["$defs"] = std::move(defs);
  return SourceFile{label, doc->dump(2) + "\n"};
}

}  // namespace souple
