// SPDX-License-Identifier: Apache-2.0
#include "translate.h"

#include <stdexcept>

namespace souple::bench {

namespace {

using nlohmann::json;

const char* JsonType(const std::string& neutral) {
  if (neutral == "int") return "integer";
  if (neutral == "bool") return "boolean";
  return "string";
}

json Nullable(const char* type) { return json::array({type, "null"}); }

json EmptyObject() {
  return {{"type", Nullable("object")}, {"additionalProperties", false}, {"properties", json::object()}};
}

// The object schema at dotted `path` below `root`, created on the way (all nullable).
json& ObjectAt(json& root, const std::string& path) {
  json* at = &root;
  size_t start = 0;
  while (start < path.size()) {
    const size_t dot = path.find('.', start);
    const std::string step = path.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    json& props = (*at)["properties"];
    if (!props.contains(step)) props[step] = EmptyObject();
    at = &props[step];
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return *at;
}

// `a.b.c` -> parent `a.b`, leaf `c` (parent empty at the top).
std::pair<std::string, std::string> Split(const std::string& path) {
  const size_t dot = path.rfind('.');
  if (dot == std::string::npos) return {"", path};
  return {path.substr(0, dot), path.substr(dot + 1)};
}

json& Parent(json& root, const std::string& parent) { return parent.empty() ? root : ObjectAt(root, parent); }

std::string Literal(const json& v) {
  if (v.is_string() || v.is_boolean() || v.is_number_integer()) return v.dump();
  throw std::runtime_error("unsupported value in a rule: " + v.dump());
}

class Writer {
 public:
  std::string Node(const json& n, const std::string& prefix) {
    if (n.contains("all")) return Join(n.at("all"), " and ", prefix);
    if (n.contains("any")) return Join(n.at("any"), " or ", prefix);
    if (n.contains("not")) return "(not " + Node(n.at("not"), prefix) + ")";
    return Predicate(n, prefix);
  }

 private:
  std::string Join(const json& kids, const char* op, const std::string& prefix) {
    std::string out = "(";
    for (size_t i = 0; i < kids.size(); ++i) out += (i ? op : "") + Node(kids[i], prefix);
    return out + ")";
  }

  // A predicate on the value at `prefix + path`: false (never unknown) when it is absent.
  std::string Predicate(const json& n, const std::string& prefix) {
    const std::string op = n.at("op");
    const std::string p = prefix + n.at("path").get<std::string>();
    const std::string known = "known(" + p + ")";
    if (op == "exists") return "(" + known + ")";
    if (op == "missing") return "(not " + known + ")";
    if (op == "eq") return "(" + known + " and " + p + " == " + Literal(n.at("value")) + ")";
    if (op == "neq") return "(" + known + " and " + p + " != " + Literal(n.at("value")) + ")";
    if (op == "gt") return "(" + known + " and " + p + " > " + Literal(n.at("value")) + ")";
    if (op == "lt") return "(" + known + " and " + p + " < " + Literal(n.at("value")) + ")";
    if (op == "in") {
      std::string list = "[";
      for (size_t i = 0; i < n.at("value").size(); ++i) list += (i ? ", " : "") + Literal(n.at("value")[i]);
      return "(" + known + " and " + p + " in " + list + "])";
    }
    const std::string var = "e" + std::to_string(++vars_);
    if (op == "contains") {
      return "(" + known + " and (some " + var + " in " + p + " satisfies " + var + " == " +
             Literal(n.at("value")) + "))";
    }
    if (op == "some") {
      std::string where = "(";
      const json& preds = n.at("where");
      for (size_t i = 0; i < preds.size(); ++i) where += (i ? " and " : "") + Predicate(preds[i], var + ".");
      return "(" + known + " and (some " + var + " in " + p + " satisfies " + where + ")))";
    }
    throw std::runtime_error("unsupported operator: " + op);
  }

  int vars_ = 0;
};

}  // namespace

std::string SchemaFor(const json& rules) {
  const json& s = rules.at("schema");
  json root = {{"$schema", "https://json-schema.org/draft/2020-12/schema"},
               {"title", "Peer benchmark record"},
               {"type", "object"},
               {"additionalProperties", false},
               {"properties", json::object()}};
  for (const auto& [path, type] : s.at("scalars").items()) {
    const auto [parent, leaf] = Split(path);
    Parent(root, parent)["properties"][leaf] = {{"type", Nullable(JsonType(type))}};
  }
  for (const auto& path : s.at("string_lists")) {
    const auto [parent, leaf] = Split(path.get<std::string>());
    Parent(root, parent)["properties"][leaf] = {{"type", Nullable("array")}, {"items", {{"type", "string"}}}};
  }
  for (const auto& [path, fields] : s.at("object_lists").items()) {
    json item = {{"type", "object"}, {"additionalProperties", false}, {"properties", json::object()}};
    for (const auto& [name, type] : fields.items()) item["properties"][name] = {{"type", Nullable(JsonType(type))}};
    const auto [parent, leaf] = Split(path);
    Parent(root, parent)["properties"][leaf] = {{"type", Nullable("array")}, {"items", item}};
  }
  for (const auto& path : s.at("optional_objects")) ObjectAt(root, path.get<std::string>());
  return root.dump(1);
}

std::string PolicyFor(const json& rules) {
  std::string out =
      "policy bench.peer {\n"
      "  title fr \"Banc d'essai partagé des moteurs de règles\" en \"Shared rules-engine benchmark\"\n"
      "  version \"1\"\n"
      "  status final\n"
      "  effective 2000-01-01\n"
      "  source W { publisher \"peer benchmark\" title \"rules.json\" }\n";
  for (const auto& r : rules.at("rules")) {
    const std::string id = r.at("id");
    Writer w;
    out += "  rule " + id + " {\n    kind " + r.at("kind").get<std::string>() +
           "\n    confidence confirmed\n    when " + w.Node(r.at("when"), "") + "\n    cite W \"" + id +
           "\"\n    fr \"" + id + "\"\n    en \"" + id + "\"\n  }\n";
  }
  return out + "}\n";
}

}  // namespace souple::bench
