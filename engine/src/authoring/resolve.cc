// SPDX-License-Identifier: Apache-2.0
#include "authoring/resolve.h"

#include <algorithm>

#include "sema/vocabulary.h"

namespace souple::internal::authoring {

namespace {

// Definitions whose bodies name other definitions are followed this deep, no further (a
// definition may use itself in a policy being typed).
constexpr int kMaxDepth = 8;

// Index of the `[` matching the `]` at `close`, or npos.
size_t OpeningBracket(const std::vector<Token>& t, size_t close) {
  int depth = 0;
  for (size_t k = close + 1; k-- > 0;) {
    if (t[k].Is("]")) ++depth;
    if (t[k].Is("[") && --depth == 0) return k;
  }
  return std::string::npos;
}

// The path starting at `k`; `end` gets the index after it.
Chain ChainFrom(const std::vector<Token>& t, size_t k, size_t& end) {
  Chain chain;
  while (k < t.size() && t[k].IsIdent()) {
    Segment s{t[k].text, false, k};
    ++k;
    if (k < t.size() && t[k].Is("[")) {
      int depth = 0;
      for (; k < t.size(); ++k) {
        if (t[k].Is("[")) ++depth;
        if (t[k].Is("]") && --depth == 0) break;
      }
      ++k;
      s.indexed = true;
    }
    chain.push_back(std::move(s));
    if (k + 1 < t.size() && t[k].Is(".") && t[k + 1].IsIdent()) {
      ++k;
      continue;
    }
    break;
  }
  end = k;
  return chain;
}

// The item (rule, definition) of `unit` holding token `k`.
const Decl* ItemAt(const OutlineUnit& unit, size_t k) {
  for (const auto& d : unit.items) {
    if (d.first_token <= k && k <= d.last_token + 1) return &d;
  }
  return nullptr;
}

}  // namespace

Chain ChainEndingAt(const std::vector<Token>& t, size_t last) {
  Chain reversed;
  size_t k = last;
  while (k < t.size()) {
    if (t[k].IsIdent()) {
      reversed.push_back({t[k].text, false, k});
    } else if (t[k].Is("]")) {
      const size_t open = OpeningBracket(t, k);
      if (open == std::string::npos || open == 0 || !t[open - 1].IsIdent()) break;
      k = open - 1;
      reversed.push_back({t[k].text, true, k});
    } else {
      break;
    }
    if (k < 2 || !t[k - 1].Is(".")) break;
    k -= 2;
  }
  return Chain(reversed.rbegin(), reversed.rend());
}

bool DeclaresVariable(const std::vector<Token>& t, size_t k) {
  if (k == 0 || k + 1 >= t.size() || (k >= 2 && t[k - 2].Is("."))) return false;
  const Token& binder = t[k - 1];
  if (binder.Is("let")) return t[k + 1].Is("=");
  return (binder.Is("for") || binder.Is("some") || binder.Is("every") || binder.Is("count") || binder.Is("first")) &&
         t[k + 1].Is("in");
}

Scope::Scope(Workspace& ws, std::string path, size_t at, int depth)
    : ws_(ws), path_(std::move(path)), depth_(depth) {
  outline_ = ws_.OutlineOf(path_);
  if (outline_ == nullptr) return;
  const auto& t = outline_->tokens;
  const uint32_t line = at < t.size() ? t[at].line : (t.empty() ? 1 : t.back().line);
  unit_ = outline_->UnitAt(line);
  if (unit_ == nullptr) return;
  const Decl* item = ItemAt(*unit_, at);
  if (item == nullptr) return;
  for (const auto& p : item->params) bindings_.push_back({p, {}, false, item->first_token});
  for (size_t k = item->first_token; k + 3 < t.size() && k + 3 <= at; ++k) {
    if (k > 0 && t[k - 1].Is(".")) continue;
    const bool binder = t[k].Is("for") || t[k].Is("some") || t[k].Is("every") || t[k].Is("count") || t[k].Is("first");
    if (binder && t[k + 1].IsIdent() && t[k + 2].Is("in")) {
      size_t end = 0;
      bindings_.push_back({t[k + 1].text, ChainFrom(t, k + 3, end), true, k + 1});
    } else if (t[k].Is("let") && t[k + 1].IsIdent() && t[k + 2].Is("=")) {
      size_t end = 0;
      Chain chain = ChainFrom(t, k + 3, end);
      // `let x = a.b and c` binds no path: a path is followed only when it is the whole value.
      const Token* next = end < t.size() ? &t[end] : nullptr;
      const bool continues = next != nullptr && ((next->kind == TokenKind::kPunct && !next->Is("}")) ||
                                                 next->Is("and") || next->Is("or") || next->Is("implies") ||
                                                 next->Is("in") || next->Is("not"));
      bindings_.push_back({t[k + 1].text, continues ? Chain{} : std::move(chain), false, k + 1});
    }
  }
}

Resolved Scope::DefinitionValue(const DeclRef& def) const {
  Resolved r;
  const Outline* o = ws_.OutlineOf(def.path);
  if (o == nullptr || depth_ >= kMaxDepth || !def.decl->params.empty()) return r;
  const auto& t = o->tokens;
  size_t k = def.decl->first_token;
  while (k <= def.decl->last_token && !t[k].Is("=")) ++k;
  size_t end = 0;
  Chain body = ChainFrom(t, k + 1, end);
  if (body.empty() || end != def.decl->last_token + 1) return r;
  Scope there(ws_, def.path, k + 1, depth_ + 1);
  std::vector<Resolved> all = there.Resolve(body);
  return all.empty() ? r : all.back();
}

Resolved Scope::First(const Segment& s) const {
  Resolved r;
  for (auto it = bindings_.rbegin(); it != bindings_.rend(); ++it) {
    if (it->name != s.name) continue;
    r.meaning = Meaning::kVariable;
    r.binding = &*it;
    if (!it->chain.empty() && depth_ < kMaxDepth) {
      Scope at_binding(ws_, path_, it->token, depth_ + 1);
      std::vector<Resolved> bound = at_binding.Resolve(it->chain);
      if (!bound.empty()) {
        const Resolved& v = bound.back();
        r.type = v.type;
        r.row_of = v.row_of;
        if (it->element) r.type = v.type != nullptr && v.type->kind == TypeKind::kList ? v.type->element : nullptr;
      }
    }
    return r;
  }
  if (unit_ != nullptr) {
    if (DeclRef table = ws_.FindVisible(path_, *unit_, DeclKind::kTable, s.name); table.decl != nullptr) {
      r.meaning = Meaning::kTable;
      r.decl = table;
      if (s.indexed) r.row_of = table;
      return r;
    }
    if (DeclRef def = ws_.FindVisible(path_, *unit_, DeclKind::kDef, s.name); def.decl != nullptr) {
      r = DefinitionValue(def);
      r.meaning = Meaning::kDefinition;
      r.decl = def;
      r.field = nullptr;
      return r;
    }
  }
  if (const Type* root = ws_.root(); root != nullptr) {
    const int slot = root->FindField(s.name);
    if (slot >= 0) {
      r.meaning = Meaning::kRootField;
      r.field = &root->fields[slot];
      r.type = r.field->type;
      return r;
    }
  }
  const auto& builtins = BuiltinNames();
  if (std::find(builtins.begin(), builtins.end(), s.name) != builtins.end()) r.meaning = Meaning::kBuiltin;
  return r;
}

std::vector<Resolved> Scope::Resolve(const Chain& chain) const {
  std::vector<Resolved> out;
  if (chain.empty()) return out;
  out.push_back(First(chain[0]));
  for (size_t i = 1; i < chain.size(); ++i) {
    const Resolved& prev = out.back();
    Resolved r;
    if (prev.row_of.decl != nullptr) {
      for (const auto& [column, type] : prev.row_of.decl->fields) {
        if (column != chain[i].name) continue;
        r.meaning = Meaning::kColumn;
        r.decl = prev.row_of;
        r.column_type = type;
      }
    } else if (prev.type != nullptr && prev.type->kind == TypeKind::kRecord) {
      const int slot = prev.type->FindField(chain[i].name);
      if (slot >= 0) {
        r.meaning = Meaning::kField;
        r.field = &prev.type->fields[slot];
        r.type = r.field->type;
      }
    }
    out.push_back(r);
    if (r.meaning == Meaning::kNone) break;
  }
  while (out.size() < chain.size()) out.push_back({});
  return out;
}

}  // namespace souple::internal::authoring
