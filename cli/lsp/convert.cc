// SPDX-License-Identifier: Apache-2.0
#include "lsp/convert.h"

#include <cctype>

namespace souple::cli::lsp {

namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// LSP's CompletionItemKind and SymbolKind numbers.
int KindNumber(CompletionKind kind) {
  switch (kind) {
    case CompletionKind::kField: return 5;
    case CompletionKind::kEnumValue: return 20;
    case CompletionKind::kKeyword: return 14;
    case CompletionKind::kSource: return 21;      // Constant
    case CompletionKind::kDefinition: return 3;   // Function
    case CompletionKind::kTable: return 22;       // Struct
    case CompletionKind::kModule: return 9;
    case CompletionKind::kRule: return 18;        // Reference
    case CompletionKind::kFunction: return 3;
    case CompletionKind::kVariable: return 6;
  }
  return 1;
}

int KindNumber(SymbolKind kind) {
  switch (kind) {
    case SymbolKind::kPolicy: return 3;      // Namespace
    case SymbolKind::kModule: return 2;
    case SymbolKind::kRule: return 6;        // Method
    case SymbolKind::kDefinition: return 12; // Function
    case SymbolKind::kTable: return 23;      // Struct
    case SymbolKind::kSource: return 14;     // Constant
  }
  return 1;
}

}  // namespace

std::string PathOfUri(const std::string& uri) {
  const std::string scheme = "file://";
  if (uri.compare(0, scheme.size(), scheme) != 0) return uri;
  std::string path;
  for (size_t i = scheme.size(); i < uri.size(); ++i) {
    if (uri[i] == '%' && i + 2 < uri.size() && HexValue(uri[i + 1]) >= 0 && HexValue(uri[i + 2]) >= 0) {
      path += static_cast<char>(HexValue(uri[i + 1]) * 16 + HexValue(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  // `file://host/path`: only local files are read; the host is dropped.
  if (!path.empty() && path[0] != '/') {
    const size_t slash = path.find('/');
    path = slash == std::string::npos ? "/" : path.substr(slash);
  }
  return path;
}

std::string UriOfPath(const std::string& path) {
  if (path.empty() || path[0] != '/') return path;  // a name such as `untitled:1`, as the client gave it
  static const char* const kHex = "0123456789ABCDEF";
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
      uri += static_cast<char>(c);
    } else {
      uri += '%';
      uri += kHex[c >> 4];
      uri += kHex[c & 15];
    }
  }
  return uri;
}

TextPoint PointOf(const Json& position) {
  const int64_t line = position.at("line").get<int64_t>();
  const int64_t character = position.at("character").get<int64_t>();
  if (line < 0 || character < 0 || line >= (1ll << 31) || character >= (1ll << 31)) {
    throw InvalidParams("position out of range");
  }
  return {static_cast<uint32_t>(line) + 1, static_cast<uint32_t>(character) + 1};
}

Json ToJson(const TextRange& r) {
  auto point = [](const TextPoint& p) {
    return Json{{"line", p.line > 0 ? p.line - 1 : 0}, {"character", p.column > 0 ? p.column - 1 : 0}};
  };
  return {{"start", point(r.start)}, {"end", point(r.end)}};
}

Json ToJson(const DocumentDiagnostic& d) {
  std::string message = d.diagnostic.message;
  for (const auto& help : d.diagnostic.help) message += "\nhelp: " + help;
  const int severity = d.diagnostic.severity == Severity::kError     ? 1
                       : d.diagnostic.severity == Severity::kWarning ? 2
                                                                      : 3;
  return {{"range", ToJson(d.range)}, {"severity", severity}, {"code", d.diagnostic.code},
          {"source", "souple"}, {"message", message}};
}

Json ToJson(const HoverResult& hover) {
  return {{"contents", {{"kind", "markdown"}, {"value", hover.markdown}}}, {"range", ToJson(hover.range)}};
}

Json ToJson(const CompletionList& list) {
  Json items = Json::array();
  const Json range = ToJson(list.replace);
  for (const auto& item : list.items) {
    Json j = {{"label", item.label},
              {"kind", KindNumber(item.kind)},
              {"textEdit", {{"range", range}, {"newText", item.insert_text.empty() ? item.label : item.insert_text}}}};
    if (!item.detail.empty()) j["detail"] = item.detail;
    if (!item.documentation.empty()) j["documentation"] = {{"kind", "markdown"}, {"value", item.documentation}};
    // The client filters on what replaces the typed word (`"controller"` after `== `).
    if (!item.insert_text.empty()) j["filterText"] = item.insert_text;
    items.push_back(std::move(j));
  }
  return {{"isIncomplete", false}, {"items", std::move(items)}};
}

Json ToJson(const DocumentSymbol& s) {
  Json children = Json::array();
  for (const auto& c : s.children) children.push_back(ToJson(c));
  Json j = {{"name", s.name}, {"kind", KindNumber(s.kind)}, {"range", ToJson(s.range)},
            {"selectionRange", ToJson(s.selection_range)}, {"children", std::move(children)}};
  if (!s.detail.empty()) j["detail"] = s.detail;
  return j;
}

}  // namespace souple::cli::lsp
