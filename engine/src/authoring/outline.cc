// SPDX-License-Identifier: Apache-2.0
#include "authoring/outline.h"

namespace souple::internal::authoring {

namespace {

// Words that start an item of a policy or module body (grammar/Souple.g4, `item`).
bool StartsItem(const Token& t) {
  if (t.kind == TokenKind::kDoc) return true;
  if (!t.IsIdent()) return false;
  for (const char* w : {"title", "version", "status", "effective", "until", "supersedes", "import", "applies",
                        "source", "def", "table", "rule"}) {
    if (t.text == w) return true;
  }
  return false;
}

class Reader {
 public:
  explicit Reader(const std::vector<Token>& tokens) : t_(tokens) {}

  std::vector<OutlineUnit> Read() {
    std::vector<OutlineUnit> units;
    size_t k = 0;
    while (k < t_.size()) {
      if ((t_[k].Is("policy") || t_[k].Is("module")) && Ident(k + 1)) {
        OutlineUnit unit;
        unit.head = Named(t_[k].Is("policy") ? DeclKind::kPolicy : DeclKind::kModule, k);
        k = Dotted(k + 1, unit.head);
        if (k < t_.size() && t_[k].Is("{")) k = Body(k + 1, unit);
        Finish(unit.head, k == 0 ? 0 : k - 1);
        units.push_back(std::move(unit));
      } else {
        ++k;
      }
    }
    return units;
  }

 private:
  bool Ident(size_t k) const { return k < t_.size() && t_[k].IsIdent(); }
  bool AfterDot(size_t k) const { return k > 0 && t_[k - 1].Is("."); }

  // A declaration starting at keyword `k`, named by the token after it, with the doc
  // comment lines just above.
  Decl Named(DeclKind kind, size_t k) const {
    Decl d;
    d.kind = kind;
    d.first_token = k;
    d.first_line = t_[k].line;
    size_t first_doc = k;
    while (first_doc > 0 && t_[first_doc - 1].kind == TokenKind::kDoc) --first_doc;
    for (size_t i = first_doc; i < k; ++i) {
      std::string line = t_[i].text.substr(3);
      if (!line.empty() && line[0] == ' ') line.erase(0, 1);
      d.doc += (d.doc.empty() ? "" : "\n") + line;
    }
    if (Ident(k + 1)) {
      d.name = t_[k + 1].text;
      d.line = t_[k + 1].line;
      d.column = t_[k + 1].column;
      d.end_column = t_[k + 1].end_column;
    }
    return d;
  }

  // Extends `d`'s name over `a.b.c` starting at `k`; returns the index after it.
  size_t Dotted(size_t k, Decl& d) const {
    d.name = t_[k].text;
    ++k;
    while (k + 1 < t_.size() && t_[k].Is(".") && t_[k + 1].IsIdent() && t_[k + 1].line == d.line) {
      d.name += "." + t_[k + 1].text;
      d.end_column = t_[k + 1].end_column;
      k += 2;
    }
    return k;
  }

  void Finish(Decl& d, size_t last) const {
    d.last_token = last;
    d.last_line = t_[last].line;
  }

  // Index of the `}` closing the `{` before `k` (or the end).
  size_t Closing(size_t k) const {
    int depth = 1;
    for (; k < t_.size(); ++k) {
      if (t_[k].Is("{")) ++depth;
      if (t_[k].Is("}") && --depth == 0) return k;
    }
    return t_.size() - 1;
  }

  // The items of a unit body from `k` to its closing brace; returns the index after it.
  size_t Body(size_t k, OutlineUnit& unit) {
    while (k < t_.size() && !t_[k].Is("}")) {
      const Token& t = t_[k];
      if (t.kind == TokenKind::kDoc || AfterDot(k) || !Ident(k + 1)) {
        k = t.Is("{") ? Closing(k + 1) + 1 : k + 1;
        continue;
      }
      if (t.Is("import") || t.Is("supersedes")) {
        Decl d = Named(t.Is("import") ? DeclKind::kImport : DeclKind::kSupersedes, k);
        k = Dotted(k + 1, d);
        Finish(d, k - 1);
        unit.items.push_back(std::move(d));
      } else if (t.Is("source") && k + 2 < t_.size() && t_[k + 2].Is("{")) {
        Decl d = Named(DeclKind::kSource, k);
        const size_t close = Closing(k + 3);
        for (size_t i = k + 3; i + 1 <= close && i + 1 < t_.size(); ++i) {
          if (t_[i].IsIdent() && t_[i + 1].line == t_[i].line && i + 1 < close) {
            d.fields.emplace_back(t_[i].text, t_[i + 1].kind == TokenKind::kString ? Unquote(t_[i + 1]) : t_[i + 1].text);
            ++i;
          }
        }
        Finish(d, close);
        unit.items.push_back(std::move(d));
        k = close + 1;
      } else if (t.Is("def")) {
        Decl d = Named(DeclKind::kDef, k);
        size_t i = k + 2;
        if (i < t_.size() && t_[i].Is("(")) {
          for (++i; i < t_.size() && !t_[i].Is(")") && !t_[i].Is("="); ++i) {
            if (t_[i].IsIdent()) d.params.push_back(t_[i].text);
          }
        }
        // The body runs to the next item of the unit, or its closing brace.
        int depth = 0;
        for (; i < t_.size(); ++i) {
          if (depth == 0 && (t_[i].Is("}") || (StartsItem(t_[i]) && !AfterDot(i) && i > k + 2))) break;
          if (t_[i].Is("(") || t_[i].Is("[") || t_[i].Is("{")) ++depth;
          if ((t_[i].Is(")") || t_[i].Is("]") || t_[i].Is("}")) && depth > 0) --depth;
        }
        Finish(d, i - 1);
        unit.items.push_back(std::move(d));
        k = i;
      } else if (t.Is("table")) {
        Decl d = Named(DeclKind::kTable, k);
        size_t i = k + 2;
        if (i < t_.size() && t_[i].Is("(")) {
          for (++i; i + 2 < t_.size() && !t_[i].Is(")"); ++i) {
            if (t_[i].IsIdent() && t_[i + 1].Is(":") && t_[i + 2].IsIdent()) {
              const bool optional = i + 3 < t_.size() && t_[i + 3].Is("?");
              d.fields.emplace_back(t_[i].text, t_[i + 2].text + (optional ? "?" : ""));
              i += 2;
            }
          }
        }
        while (i < t_.size() && !t_[i].Is("{") && !t_[i].Is("}")) ++i;
        const size_t close = i < t_.size() && t_[i].Is("{") ? Closing(i + 1) : i;
        Finish(d, close < t_.size() ? close : t_.size() - 1);
        unit.items.push_back(std::move(d));
        k = close + 1;
      } else if (t.Is("rule") && k + 2 < t_.size() && t_[k + 2].Is("{")) {
        Decl d = Named(DeclKind::kRule, k);
        const size_t close = Closing(k + 3);
        for (size_t i = k + 3; i + 1 < close; ++i) {
          if (AfterDot(i) || !t_[i + 1].IsIdent()) continue;
          if (t_[i].Is("kind") && d.rule_kind.empty()) d.rule_kind = t_[i + 1].text;
          if (t_[i].Is("confidence") && d.confidence.empty()) d.confidence = t_[i + 1].text;
        }
        Finish(d, close);
        unit.items.push_back(std::move(d));
        k = close + 1;
      } else {
        k = t.Is("{") ? Closing(k + 1) + 1 : k + 1;
      }
    }
    return k < t_.size() ? k + 1 : k;
  }

  const std::vector<Token>& t_;
};

}  // namespace

const Decl* OutlineUnit::Find(DeclKind kind, const std::string& name) const {
  for (const auto& d : items) {
    if (d.kind == kind && d.name == name) return &d;
  }
  return nullptr;
}

const OutlineUnit* Outline::UnitAt(uint32_t line) const {
  for (const auto& u : units) {
    if (u.head.first_line <= line && line <= u.head.last_line) return &u;
  }
  return units.size() == 1 ? &units.front() : nullptr;
}

bool Outline::InComment(uint32_t line, uint32_t column) const {
  auto after = [](uint32_t l1, uint32_t c1, uint32_t l2, uint32_t c2) { return l1 > l2 || (l1 == l2 && c1 > c2); };
  for (const auto& c : comments) {
    if (after(line, column, c.line, c.column) && !after(line, column, c.end_line, c.end_column)) return true;
  }
  for (const auto& t : tokens) {
    if (t.kind == TokenKind::kDoc && t.line == line && t.column < column) return true;
  }
  return false;
}

Outline BuildOutline(const std::string& text) {
  Outline outline;
  outline.tokens = Tokenize(text, &outline.comments);
  outline.units = Reader(outline.tokens).Read();
  return outline;
}

}  // namespace souple::internal::authoring
