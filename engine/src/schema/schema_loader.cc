// SPDX-License-Identifier: Apache-2.0
// Reads the JSON Schema subset described in docs/activity-schema.md.
#include <nlohmann/json.hpp>
#include <set>

#include "base/diag_codes.h"
#include "base/sha256.h"
#include "schema/schema.h"

namespace souple::internal {

namespace {

using Json = nlohmann::json;

const std::set<std::string> kAnnotations = {"title", "description", "examples", "$comment",
                                            "$schema", "$id", "default", "$defs", "deprecated",
                                            "x-souple-replaced-by", "x-labels", "x-description-fr"};
const std::set<std::string> kKeywords = {"type", "properties", "required",
                                         "additionalProperties", "items", "enum", "format",
                                         "$ref"};

class Loader {
 public:
  Loader(const std::string& path, const Json& doc, TypeArena& arena, Diagnostics& diags)
      : path_(path), doc_(doc), arena_(arena), diags_(diags) {}

  static constexpr int kMaxSchemaDepth = 32;

  const Type* Build(const Json& node, const std::string& pointer, const std::string& name) {
    // A schema is a few levels deep; a hostile one (say, embedded in a release) could nest
    // far enough to exhaust the stack, with a JSON pointer growing at every level.
    struct Depth {
      int& d;
      explicit Depth(int& depth) : d(++depth) {}
      ~Depth() { --d; }
    } depth(depth_);
    if (depth_ > kMaxSchemaDepth) {
      return Fail(pointer.substr(0, 64) + "...", "schema nesting exceeds the limit of " + std::to_string(kMaxSchemaDepth));
    }
    if (!node.is_object()) return Fail(pointer, "a schema must be an object");
    for (auto it = node.begin(); it != node.end(); ++it) {
      if (!kAnnotations.count(it.key()) && !kKeywords.count(it.key())) {
        return Fail(pointer + "/" + it.key(), "unsupported JSON Schema keyword `" + it.key() + "`");
      }
    }
    if (node.contains("$ref")) return Ref(node["$ref"], pointer, name);
    if (!node.contains("type")) return Fail(pointer, "missing `type`");
    std::string type;
    const Json& t = node["type"];
    if (t.is_string()) {
      type = t.get<std::string>();
    } else if (t.is_array() && t.size() == 2 && t[1] == "null" && t[0].is_string()) {
      type = t[0].get<std::string>();  // nullable: null means "unknown", as absence does
    } else {
      return Fail(pointer + "/type", "`type` must be a type name or [type, \"null\"]");
    }
    if (type == "object") return Object(node, pointer, name);
    if (type == "array") {
      if (!node.contains("items")) return Fail(pointer, "an array needs `items`");
      const Type* element = Build(node["items"], pointer + "/items", name + "[]");
      return arena_.ListOf(element);
    }
    if (type == "boolean") return arena_.Bool();
    if (type == "integer") return arena_.Int();
    if (type == "string") {
      if (node.contains("enum")) return Enum(node, pointer, name);
      if (node.contains("format")) {
        const std::string format = node["format"].is_string() ? node["format"].get<std::string>() : "";
        if (format == "date") return arena_.Date();
        if (format == "duration") return arena_.Duration();
        return Fail(pointer + "/format", "unsupported format (use `date` or `duration`)");
      }
      return arena_.Text();
    }
    return Fail(pointer + "/type", "unsupported type `" + type + "`");
  }

  bool ok() const { return ok_; }

 private:
  const Type* Object(const Json& node, const std::string& pointer, const std::string& name) {
    if (!node.contains("additionalProperties") || node["additionalProperties"] != false) {
      return Fail(pointer, "objects must set \"additionalProperties\": false (records are closed)");
    }
    Type* rec = arena_.New(TypeKind::kRecord, name.empty() ? "activity" : name);
    std::set<std::string> required;
    if (node.contains("required")) {
      for (const auto& r : node["required"]) {
        if (r.is_string()) required.insert(r.get<std::string>());
      }
    }
    if (node.contains("properties")) {
      const Json& props = node["properties"];
      if (!props.is_object()) return Fail(pointer + "/properties", "`properties` must be an object");
      for (auto it = props.begin(); it != props.end(); ++it) {
        FieldDef f;
        f.name = it.key();
        const std::string child = name.empty() ? it.key() : name + "." + it.key();
        f.type = Build(it.value(), pointer + "/properties/" + it.key(), child);
        f.required = required.count(it.key()) > 0;
        if (it.value().is_object() && it.value().contains("description") &&
            it.value()["description"].is_string()) {
          f.description = it.value()["description"].get<std::string>();
          if (it.value().contains("x-description-fr") && it.value()["x-description-fr"].is_string()) {
            f.description_fr = it.value()["x-description-fr"].get<std::string>();
          }
        }
        if (it.value().is_object() && it.value().contains("x-souple-replaced-by")) {
          const Json& by = it.value()["x-souple-replaced-by"];
          if (!by.is_string()) return Fail(pointer + "/properties/" + it.key(), "`x-souple-replaced-by` must be a path");
          f.replaced_by = by.get<std::string>();
        }
        rec->field_index[f.name] = static_cast<uint32_t>(rec->fields.size());
        rec->fields.push_back(std::move(f));
      }
    }
    for (const auto& r : required) {
      if (!rec->field_index.count(r)) Fail(pointer + "/required", "required field `" + r + "` is not a property");
    }
    return rec;
  }

  const Type* Enum(const Json& node, const std::string& pointer, const std::string& name) {
    const Json& values = node["enum"];
    if (!values.is_array() || values.empty()) return Fail(pointer + "/enum", "`enum` must be a non-empty array");
    Type* e = arena_.New(TypeKind::kEnum, name);
    for (const auto& v : values) {
      if (v.is_null()) continue;  // nullable enums list null among their values
      if (!v.is_string()) return Fail(pointer + "/enum", "enum values must be strings");
      e->enum_values.push_back(v.get<std::string>());
    }
    // `x-labels: {fr: {value: label}, en: {...}}`: what reports print for a value.
    if (node.contains("x-labels")) {
      const Json& labels = node["x-labels"];
      const std::string at = pointer + "/x-labels";
      if (!labels.is_object()) return Fail(at, "`x-labels` must be an object {fr: {...}, en: {...}}");
      for (const auto& [lang, map] : labels.items()) {
        if (lang != "fr" && lang != "en") return Fail(at, "`x-labels` has languages `fr` and `en`, not `" + lang + "`");
        if (!map.is_object()) return Fail(at + "/" + lang, "labels are an object {value: label}");
        auto& out = lang == "fr" ? e->labels_fr : e->labels_en;
        for (const auto& [value, label] : map.items()) {
          if (!e->HasEnumValue(value)) return Fail(at + "/" + lang, "a label for `" + value + "`, which is not a value of the enum");
          if (!label.is_string() || label.get<std::string>().empty()) {
            return Fail(at + "/" + lang + "/" + value, "a label is a non-empty string");
          }
          out[value] = label.get<std::string>();
        }
      }
    }
    return e;
  }

  const Type* Ref(const Json& ref, const std::string& pointer, const std::string& name) {
    const std::string prefix = "#/$defs/";
    if (!ref.is_string() || ref.get<std::string>().rfind(prefix, 0) != 0) {
      return Fail(pointer + "/$ref", "only local references `#/$defs/Name` are supported");
    }
    const std::string def = ref.get<std::string>().substr(prefix.size());
    if (auto it = defs_.find(def); it != defs_.end()) return it->second;
    if (!doc_.contains("$defs") || !doc_["$defs"].contains(def)) {
      return Fail(pointer + "/$ref", "no definition `" + def + "` in `$defs`");
    }
    if (!building_.insert(def).second) return Fail(pointer + "/$ref", "recursive definition `" + def + "`");
    const Type* t = Build(doc_["$defs"][def], "/$defs/" + def, name);
    building_.erase(def);
    defs_[def] = t;
    return t;
  }

  const Type* Fail(const std::string& pointer, const std::string& message) {
    ok_ = false;
    diags_.Add(MakeError(DiagCode::kInvalidSchema, message + " (at `" + pointer + "`)",
                         Location{path_, 0, 0, 0}));
    return arena_.Error();
  }

  const std::string& path_;
  const Json& doc_;
  TypeArena& arena_;
  Diagnostics& diags_;
  std::map<std::string, const Type*> defs_;
  std::set<std::string> building_;
  bool ok_ = true;
  int depth_ = 0;
};

}  // namespace

std::unique_ptr<Schema> Schema::Load(const std::string& path, const std::string& text,
                                     Diagnostics& diags) {
  Json doc;
  try {
    doc = Json::parse(text);
  } catch (const Json::parse_error& e) {
    diags.Add(MakeError(DiagCode::kInvalidSchema, std::string("malformed JSON: ") + e.what(),
                        Location{path, 0, 0, 0}));
    return nullptr;
  }
  auto schema = std::unique_ptr<Schema>(new Schema());
  Loader loader(path, doc, schema->arena_, diags);
  schema->root_ = loader.Build(doc, "", "");
  if (!loader.ok()) return nullptr;
  if (schema->root_->kind != TypeKind::kRecord) {
    diags.Add(MakeError(DiagCode::kInvalidSchema, "the root of the schema must be an object",
                        Location{path, 0, 0, 0}));
    return nullptr;
  }
  if (doc.contains("$id") && doc["$id"].is_string()) schema->id_ = doc["$id"].get<std::string>();
  schema->hash_ = Sha256Hex(text);
  return schema;
}

}  // namespace souple::internal
