// SPDX-License-Identifier: Apache-2.0
// Go to definition and the document outline.
#include "authoring/cursor.h"
#include "authoring/features.h"
#include "authoring/resolve.h"

namespace souple::internal::authoring {

std::optional<NamedTarget> NamedAt(Workspace& ws, const std::string& path, const OutlineUnit* unit, size_t k) {
  const Outline* o = ws.OutlineOf(path);
  if (o == nullptr || unit == nullptr || k >= o->tokens.size() || !o->tokens[k].IsIdent()) return std::nullopt;
  const auto& t = o->tokens;
  NamedTarget target;
  target.first = DottedStart(t, k);
  target.what = KeywordBefore(t, target.first);
  size_t last = k;
  while (last + 2 < t.size() && t[last + 1].Is(".") && t[last + 2].IsIdent() && t[last + 2].line == t[k].line) last += 2;
  const std::string name = DottedText(t, target.first, last);
  const std::string& word = t[k].text;
  const bool own_name = target.first == k;
  if (target.what == "cite" && own_name) {
    if (DeclRef s = ws.FindVisible(path, *unit, DeclKind::kSource, word); s.decl != nullptr) target.decls.push_back(s);
  } else if (target.what == "import") {
    if (UnitRef m = ws.FindModule(path, name); m.unit != nullptr) target.decls.push_back({m.path, &m.unit->head});
  } else if (target.what == "see" || target.what == "supersedes") {
    const bool see = target.what == "see";
    const size_t dot = name.rfind('.');
    const std::string policy = see ? (dot == std::string::npos ? "" : name.substr(0, dot)) : name;
    for (const UnitRef& u : ws.UnitsSeenFrom(path)) {
      if (u.unit->head.kind != DeclKind::kPolicy || u.unit->head.name != policy) continue;
      const Decl* d = see ? u.unit->Find(DeclKind::kRule, name.substr(dot + 1)) : &u.unit->head;
      if (d != nullptr) target.decls.push_back({u.path, d});
    }
  } else if (own_name && (target.what == "def" || target.what == "table" || target.what == "source" ||
                          target.what == "rule")) {
    const DeclKind kind = target.what == "def"     ? DeclKind::kDef
                          : target.what == "table" ? DeclKind::kTable
                          : target.what == "source" ? DeclKind::kSource
                                                   : DeclKind::kRule;
    if (const Decl* d = unit->Find(kind, word)) target.decls.push_back({path, d});
  } else if (target.what == "policy" || target.what == "module") {
    target.decls.push_back({path, &unit->head});
  } else {
    return std::nullopt;
  }
  return target;
}

std::vector<DocumentLocation> DefinitionAt(Workspace& ws, const std::string& path, TextPoint at) {
  std::vector<DocumentLocation> out;
  const Outline* o = ws.OutlineOf(path);
  if (o == nullptr) return out;
  const size_t k = TokenAt(o->tokens, at);
  if (k == kNoToken || !o->tokens[k].IsIdent()) return out;
  const OutlineUnit* unit = o->UnitAt(o->tokens[k].line);
  if (auto named = NamedAt(ws, path, unit, k)) {
    for (const DeclRef& d : named->decls) out.push_back({d.path, NameRange(*d.decl)});
    return out;
  }
  const Scope scope(ws, path, k);
  const std::vector<Resolved> resolved = scope.Resolve(ChainEndingAt(o->tokens, k));
  if (resolved.empty()) return out;
  const Resolved& r = resolved.back();
  if (r.meaning == Meaning::kDefinition || r.meaning == Meaning::kTable || r.meaning == Meaning::kColumn) {
    out.push_back({r.decl.path, NameRange(*r.decl.decl)});
  } else if (r.meaning == Meaning::kVariable) {
    out.push_back({path, RangeOf(o->tokens[r.binding->token])});
  }
  return out;
}

namespace {
DocumentSymbol SymbolOf(const Decl& d, const std::vector<Token>& tokens) {
  DocumentSymbol s;
  s.name = d.name;
  s.range = WholeRange(d, tokens);
  s.selection_range = NameRange(d);
  switch (d.kind) {
    case DeclKind::kPolicy: s.kind = SymbolKind::kPolicy; break;
    case DeclKind::kModule: s.kind = SymbolKind::kModule; break;
    case DeclKind::kDef: s.kind = SymbolKind::kDefinition; break;
    case DeclKind::kTable: s.kind = SymbolKind::kTable; break;
    case DeclKind::kSource: s.kind = SymbolKind::kSource; break;
    default: s.kind = SymbolKind::kRule;
  }
  if (d.kind == DeclKind::kRule) {
    s.detail = d.rule_kind + (d.confidence.empty() ? "" : " · " + d.confidence);
  }
  return s;
}
}  // namespace

std::vector<DocumentSymbol> SymbolsOf(Workspace& ws, const std::string& path) {
  std::vector<DocumentSymbol> out;
  const Outline* o = ws.OutlineOf(path);
  if (o == nullptr) return out;
  for (const auto& unit : o->units) {
    if (unit.head.name.empty()) continue;
    DocumentSymbol s = SymbolOf(unit.head, o->tokens);
    for (const auto& d : unit.items) {
      if (d.kind == DeclKind::kImport || d.kind == DeclKind::kSupersedes || d.name.empty()) continue;
      s.children.push_back(SymbolOf(d, o->tokens));
    }
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace souple::internal::authoring
