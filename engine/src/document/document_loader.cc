// SPDX-License-Identifier: Apache-2.0
// YAML/JSON -> DocNode, validated against the schema types as it goes.
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>
#include <set>

#include "base/diag_codes.h"
#include "base/files.h"
#include "base/suggest.h"
#include "base/utf8.h"
#include "document/document.h"
#include "document/json_document.h"
#include "document/scalar.h"
#include "document/yaml_document.h"
#include "syntax/parser.h"

namespace souple::internal {

std::string PathOf(const DocNode* node) {
  std::vector<const DocNode*> chain;
  for (const DocNode* n = node; n != nullptr && n->parent != nullptr; n = n->parent) chain.push_back(n);
  std::string out;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const DocNode* n = *it;
    if (n->parent->kind == DocNode::Kind::kList) {
      out += "[" + std::to_string(n->index) + "]";
    } else {
      if (!out.empty()) out += '.';
      out += n->parent->type->fields[n->index].name;
    }
  }
  return out;
}

const std::string* TextField(const DocNode& record, const char* name) {
  if (record.kind != DocNode::Kind::kRecord) return nullptr;
  const int slot = record.type->FindField(name);
  if (slot < 0 || record.items[slot].kind != DocNode::Kind::kText) return nullptr;
  return &record.items[slot].text;
}

const std::string* RecordName(const DocNode& record) {
  const std::string* id = TextField(record, "id");
  return id != nullptr ? id : TextField(record, "name");
}

bool DeclaresSchemaV2(const DocNode& root) {
  const int activity = root.type->FindField("activity");
  if (activity < 0 || root.items[activity].kind != DocNode::Kind::kRecord) return false;
  const std::string* version = TextField(root.items[activity], "schema_version");
  return version != nullptr && *version == "2";
}

namespace {

// Line in the file of a 0-based YAML mark line (the text may be one line of a register).
uint32_t MarkLine(const DocumentOptions& options, int mark_line) {
  return options.first_line + static_cast<uint32_t>(mark_line);
}

// A value quoted in a message: long ones are cut (at a character boundary) so that a
// megabyte-long value does not become a megabyte-long diagnostic.
std::string Quote(const std::string& value) {
  constexpr size_t kShown = 60;
  if (value.size() <= kShown + 20) return "`" + value + "`";
  size_t cut = kShown;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0) == 0x80) --cut;
  return "`" + value.substr(0, cut) + "…` (" + std::to_string(value.size()) + " bytes)";
}

// Strict JSON syntax check with nesting limit; reports the byte position of the error.
class JsonChecker : public nlohmann::json::json_sax_t {
 public:
  explicit JsonChecker(uint32_t max_depth) : max_depth_(max_depth) {}
  bool null() override { return true; }
  bool boolean(bool) override { return true; }
  bool number_integer(number_integer_t) override { return true; }
  bool number_unsigned(number_unsigned_t) override { return true; }
  bool number_float(number_float_t, const string_t&) override { return true; }
  bool string(string_t&) override { return true; }
  bool binary(binary_t&) override { return true; }
  bool start_object(std::size_t) override { return Push(); }
  bool key(string_t&) override { return true; }
  bool end_object() override { return Pop(); }
  bool start_array(std::size_t) override { return Push(); }
  bool end_array() override { return Pop(); }
  bool parse_error(std::size_t position, const std::string&,
                   const nlohmann::detail::exception& ex) override {
    error_position = position;
    error = ex.what();
    const auto p = error.find("syntax error");
    if (p != std::string::npos) error = error.substr(p);
    return false;
  }
  size_t error_position = 0;
  std::string error;
  bool too_deep = false;

 private:
  bool Push() {
    if (++depth_ > max_depth_) {
      too_deep = true;
      return false;
    }
    return true;
  }
  bool Pop() {
    --depth_;
    return true;
  }
  uint32_t depth_ = 0, max_depth_;
};

// Calls `visit(i)` for each byte of JSON text outside string literals, until it returns true.
template <typename Visit>
void ForEachOutsideStrings(const std::string& text, Visit visit) {
  bool in_string = false;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') ++i;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (visit(i)) {
      return;
    }
  }
}

// Byte offset of the bracket that takes the nesting of (syntactically valid) JSON text
// past `limit`: the sax parser stops there but reports no position.
size_t DeepestOpening(const std::string& text, uint32_t limit) {
  uint32_t depth = 0;
  size_t at = 0;
  ForEachOutsideStrings(text, [&](size_t i) {
    const char c = text[i];
    if ((c == '[' || c == '{') && ++depth > limit) {
      at = i;
      return true;
    }
    if ((c == ']' || c == '}') && depth > 0) --depth;
    return false;
  });
  return at;
}

// Replaces tabs outside JSON strings by spaces, so the YAML reader (which gives us line
// and column marks) accepts tab-indented JSON. Columns are unchanged.
std::string DetabJson(const std::string& text) {
  std::string out = text;
  ForEachOutsideStrings(text, [&](size_t i) {
    if (out[i] == '\t') out[i] = ' ';
    return false;
  });
  return out;
}

class Converter {
 public:
  Converter(const std::string& path, Diagnostics& diags, const DocumentOptions& options)
      : path_(path), diags_(diags), options_(options) {}

  void Convert(const YAML::Node& n, const Type* type, DocNode& out, uint32_t depth) {
    out.type = type;
    out.line = MarkLine(options_, n.Mark().line);
    out.column = static_cast<uint32_t>(n.Mark().column + 1);
    if (++nodes_ > options_.max_nodes) {
      Error(DiagCode::kMalformedDocument, "document has more than " +
                                              std::to_string(options_.max_nodes) + " values", n);
      return;
    }
    if (depth > options_.max_depth) {
      Error(DiagCode::kMalformedDocument, "nesting exceeds the limit of " +
                                              std::to_string(options_.max_depth), n);
      return;
    }
    if (n.IsNull()) {
      out.kind = DocNode::Kind::kNull;  // stated as unknown
      return;
    }
    switch (type->kind) {
      case TypeKind::kRecord: return Record(n, type, out, depth);
      case TypeKind::kList: return List(n, type, out, depth);
      default: return Scalar(n, type, out);
    }
  }

  bool failed() const { return errors_ > 0; }

  /// Schema v1 fields replaced in v2, found in the document: refused when the document
  /// declares `activity.schema_version: "2"` (a v1 description keeps them).
  void RefuseV1Fields(const YAML::Node& root) {
    // Looked up on const nodes: a missing key must not be created (yaml-cpp's non-const
    // operator[] would, and the node would then be invalid).
    auto field = [](const YAML::Node& map, const char* key) {
      if (map.IsMap()) {
        for (auto it = map.begin(); it != map.end(); ++it) {
          if (it->first.IsScalar() && it->first.Scalar() == key) return YAML::Node(it->second);
        }
      }
      return YAML::Node(YAML::NodeType::Undefined);
    };
    const YAML::Node version = field(field(root, "activity"), "schema_version");
    if (!version.IsDefined() || !version.IsScalar() || version.Scalar() != "2") return;
    for (const auto& f : v1_fields_) {
      Error(DiagCode::kDocV1Field,
            "`" + f.name + "` is a schema v1 field; this description declares schema_version 2: state it as `" +
                f.replaced_by + "`",
            f.at, {"`souple migrate FILE` rewrites a v1 description as v2"});
    }
  }

 private:
  void Record(const YAML::Node& n, const Type* type, DocNode& out, uint32_t depth) {
    if (!n.IsMap()) return WrongType(n, "an object (" + TypeName(type) + ")");
    out.kind = DocNode::Kind::kRecord;
    out.items.resize(type->fields.size());
    std::vector<bool> seen(type->fields.size(), false);
    std::vector<std::string> names;
    for (const auto& f : type->fields) names.push_back(f.name);
    for (auto it = n.begin(); it != n.end(); ++it) {
      const YAML::Node key = it->first;  // a copy: `it->` yields a temporary proxy
      if (!key.IsScalar()) {
        Error(DiagCode::kMalformedDocument, "object keys must be plain strings", key);
        continue;
      }
      const std::string name = key.Scalar();
      const int slot = type->FindField(name);
      if (slot < 0 && options_.ignore_unknown_fields) continue;
      if (slot < 0) {
        Error(DiagCode::kDocUnknownField,
              "unknown field `" + name + "` in " + TypeName(type), key, DidYouMean(name, names));
        continue;
      }
      if (seen[slot]) {
        Error(DiagCode::kDocDuplicateKey, "duplicate field `" + name + "`", key);
        continue;
      }
      seen[slot] = true;
      if (!type->fields[slot].replaced_by.empty()) v1_fields_.push_back({name, type->fields[slot].replaced_by, key});
      Convert(it->second, type->fields[slot].type, out.items[slot], depth + 1);
    }
    for (size_t i = 0; i < type->fields.size(); ++i) {
      out.items[i].type = type->fields[i].type;
      if (type->fields[i].required && !seen[i]) {
        Error(DiagCode::kDocMissingRequired,
              "missing required field `" + type->fields[i].name + "` in " + TypeName(type), n);
      }
    }
  }

  void List(const YAML::Node& n, const Type* type, DocNode& out, uint32_t depth) {
    if (!n.IsSequence()) return WrongType(n, "a list (" + TypeName(type) + ")");
    out.kind = DocNode::Kind::kList;
    if (n.size() > options_.max_list_items) {
      // Each element of a list can be the subject of dozens of findings, and a rule may
      // compare every element with every element of another list.
      return Error(DiagCode::kDocInvalidValue,
                   "list of " + std::to_string(n.size()) + " elements; an activity may have at most " +
                       std::to_string(options_.max_list_items) +
                       " per list: describe distinct processings as distinct activities",
                   n);
    }
    out.items.resize(n.size());
    size_t i = 0;
    for (const auto& item : n) Convert(item, type->element, out.items[i++], depth + 1);
  }

  void Scalar(const YAML::Node& n, const Type* type, DocNode& out) {
    if (!n.IsScalar()) return WrongType(n, "a " + TypeName(type) + " value");
    const std::string& s = n.Scalar();
    switch (ConvertScalar(s, n.Tag() == "!", type, options_.ignore_unknown_fields, out)) {
      case ScalarOutcome::kOk: return;
      case ScalarOutcome::kWrongType: return WrongType(n, ScalarExpectation(type));
      case ScalarOutcome::kUnknownEnum:
        return Error(DiagCode::kDocUnknownEnumValue, Quote(s) + " is not a value of " + TypeName(type), n,
                     DidYouMean(s, type->enum_values));
      case ScalarOutcome::kInvalidDate:
        return Error(DiagCode::kDocInvalidValue, Quote(s) + " is not a date (YYYY-MM-DD)", n);
      case ScalarOutcome::kInvalidDuration:
        return Error(DiagCode::kDocInvalidValue,
                     Quote(s) + " is not an ISO 8601 duration such as P3Y, P13M or P30D", n);
    }
  }

  void WrongType(const YAML::Node& n, const std::string& expected) {
    std::string got = n.IsMap() ? "an object" : n.IsSequence() ? "a list" : Quote(n.Scalar());
    Error(DiagCode::kDocWrongType, "expected " + expected + ", found " + got, n);
  }

  void Error(DiagCode code, const std::string& message, const YAML::Node& at,
             std::vector<std::string> help = {}) {
    if (++errors_ > options_.max_errors) return;
    diags_.Add(MakeError(code, message,
                         Location{path_, MarkLine(options_, at.Mark().line),
                                  static_cast<uint32_t>(at.Mark().column + 1), 0},
                         std::move(help)));
  }

  struct V1Field {
    std::string name, replaced_by;
    YAML::Node at;
  };
  std::vector<V1Field> v1_fields_;
  const std::string& path_;
  Diagnostics& diags_;
  const DocumentOptions& options_;
  size_t errors_ = 0;
  size_t nodes_ = 0;
};

void LinkParents(DocNode& node) {
  for (size_t i = 0; i < node.items.size(); ++i) {
    node.items[i].parent = &node;
    node.items[i].index = static_cast<uint32_t>(i);
    LinkParents(node.items[i]);
  }
}

}  // namespace

std::unique_ptr<DocNode> LoadDocument(const std::string& path, const std::string& text,
                                      const Type* root_type, Diagnostics& diags,
                                      const DocumentOptions& options) {
  // `.json` files, and the lines of a JSON Lines register (`.jsonl`), are JSON.
  const bool json = options.format == DocumentOptions::Format::kJson ||
                    (options.format == DocumentOptions::Format::kByPath &&
                     (EndsWith(path, ".json") || EndsWith(path, ".jsonl") ||
                      path.find(".jsonl#") != std::string::npos));
  {
    Diagnostics input;
    const bool ok = CheckInputText(path, text, options.max_bytes, input);
    // Valid JSON goes through in one pass; anything else is read again below, and said.
    if (ok && json && options.json_fast_path) {
      if (auto doc = LoadJsonFast(text, root_type, options)) {
        LinkParents(*doc);
        return doc;
      }
    }
    diags.AddSourceText(path, text);  // only kept for a text that may be reported on
    for (Diagnostic d : input.items()) {
      if (d.location.line > 0) d.location.line += options.first_line - 1;
      diags.Add(std::move(d));
    }
    if (!ok) return nullptr;
  }
  std::string yaml_text = text;
  if (json) {
    JsonChecker checker(options.max_depth);
    const bool ok = nlohmann::json::sax_parse(text, &checker, nlohmann::json::input_format_t::json, true);  // strict: one value, nothing after it
    if (!ok) {
      const size_t at = checker.too_deep ? DeepestOpening(text, options.max_depth)
                        : checker.error_position > 0 ? checker.error_position - 1 : 0;
      const TextPosition pos = PositionOfOffset(text, at);
      diags.Add(MakeError(DiagCode::kMalformedDocument,
                          checker.too_deep ? "nesting exceeds the limit of " +
                                                 std::to_string(options.max_depth)
                                           : "malformed JSON: " + checker.error,
                          Location{path, pos.line + options.first_line - 1, pos.column, 0}));
      return nullptr;
    }
    yaml_text = DetabJson(text);
  }
  YAML::Node root;
  try {
    // Content after the first document is an error, never silently ignored. JSON was
    // already parsed strictly (one value, nothing after it): one pass is enough.
    SingleYamlDocument document;
    if (json) {
      document.node = YAML::Load(yaml_text);
    } else {
      document = LoadSingleYamlDocument(yaml_text);
    }
    if (document.second) {
      const YAML::Mark at = *document.second;
      diags.Add(MakeError(DiagCode::kMalformedDocument,
                          document.stuck ? "malformed YAML: unexpected character"
                                         : "a second YAML document starts here; an activity file holds exactly one",
                          Location{path, MarkLine(options, at.line),
                                   static_cast<uint32_t>(at.column + 1), 0}));
      return nullptr;
    }
    root = document.node;
  } catch (const YAML::DeepRecursion& e) {  // yaml-cpp's own message for it is "bad file"
    diags.Add(MakeError(DiagCode::kMalformedDocument,
                        "nesting exceeds the limit of " + std::to_string(options.max_depth),
                        Location{path, MarkLine(options, e.mark.line),
                                 static_cast<uint32_t>(e.mark.column + 1), 0}));
    return nullptr;
  } catch (const YAML::Exception& e) {
    diags.Add(MakeError(DiagCode::kMalformedDocument, "malformed YAML: " + e.msg,
                        Location{path, MarkLine(options, e.mark.line),
                                 static_cast<uint32_t>(e.mark.column + 1), 0}));
    return nullptr;
  } catch (const std::exception& e) {
    diags.Add(MakeError(DiagCode::kMalformedDocument, std::string("malformed YAML: ") + e.what(),
                        Location{path, 0, 0, 0}));
    return nullptr;
  }
  return LoadDocumentNode(path, root, root_type, diags, options);
}

std::unique_ptr<DocNode> LoadDocumentNode(const std::string& path, const YAML::Node& root,
                                          const Type* root_type, Diagnostics& diags,
                                          const DocumentOptions& options) {
  if (!root.IsDefined() || root.IsNull()) {
    diags.Add(MakeError(DiagCode::kMalformedDocument, "the document is empty",
                        Location{path, options.first_line, 1, 0}));
    return nullptr;
  }
  auto doc = std::make_unique<DocNode>();
  Converter converter(path, diags, options);
  try {
    converter.Convert(root, root_type, *doc, 0);
    converter.RefuseV1Fields(root);
  } catch (const YAML::Exception& e) {
    diags.Add(MakeError(DiagCode::kMalformedDocument, "malformed YAML: " + e.msg,
                        Location{path, MarkLine(options, e.mark.line),
                                 static_cast<uint32_t>(e.mark.column + 1), 0}));
    return nullptr;
  }
  if (converter.failed()) return nullptr;
  LinkParents(*doc);
  return doc;
}

}  // namespace souple::internal
