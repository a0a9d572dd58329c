// SPDX-License-Identifier: Apache-2.0
#include "lint/lint_checks.h"

#include <map>
#include <set>

namespace souple::internal::lint {

namespace {

using ast::Expr;
using ast::ExprKind;

template <class F>
void Walk(const Expr* e, F&& f) {
  if (e == nullptr) return;
  f(*e);
  for (const auto& k : e->kids) Walk(k.get(), f);
}

size_t NodeCount(const Expr* e) {
  size_t n = 0;
  Walk(e, [&](const Expr&) { ++n; });
  return n;
}

// Names an expression refers to (variables, definitions, tables, root fields, calls).
void Names(const Expr* e, std::set<std::string>& out) {
  Walk(e, [&](const Expr& x) {
    if (x.kind == ExprKind::kName || x.kind == ExprKind::kCall) out.insert(x.text);
  });
}

// `{a.b}` placeholders of a message text, in order of appearance (`{{` is a literal brace).
std::vector<std::string> Placeholders(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      ++i;
      continue;
    }
    if (text[i] != '{') continue;
    const size_t close = text.find('}', i);
    if (close == std::string::npos) break;
    out.push_back(text.substr(i + 1, close - i - 1));
    i = close;
  }
  return out;
}

// Root names of the placeholders of a localized text (`{t.name}` uses `t`).
void PlaceholderNames(const ast::Localized& l, std::set<std::string>& out) {
  for (const std::string* text : {&l.fr, &l.en}) {
    for (const auto& p : Placeholders(*text)) out.insert(p.substr(0, p.find('.')));
  }
}

// A canonical text of an expression (spans left out), to compare conditions.
std::string Canon(const Expr* e) {
  if (e == nullptr) return "";
  std::string kids;
  for (const auto& k : e->kids) kids += Canon(k.get()) + ",";
  switch (e->kind) {
    case ExprKind::kBool: return e->bool_value ? "true" : "false";
    case ExprKind::kInt: return std::to_string(e->int_value);
    case ExprKind::kText: return "\"" + e->text + "\"";
    case ExprKind::kDate: return "d" + std::to_string(e->date_value);
    case ExprKind::kDuration:
      return "p" + std::to_string(e->duration_value.months) + "m" + std::to_string(e->duration_value.days);
    case ExprKind::kName: return e->text;
    case ExprKind::kBinary: return std::string("(") + ast::BinaryOpText(e->op) + " " + kids + ")";
    case ExprKind::kIn: return std::string(e->bool_value ? "(notin " : "(in ") + kids + ")";
    case ExprKind::kQuantifier:
      return std::string(e->bool_value ? "(every " : "(some ") + e->text + " " + kids + ")";
    default: return "(" + std::to_string(static_cast<int>(e->kind)) + " " + e->text + " " + kids + ")";
  }
}

// A path of the activity written from a root name: `a.b.c`; empty for anything else.
std::string PathOf(const Expr* e) {
  if (e == nullptr) return "";
  if (e->kind == ExprKind::kName) return e->text;
  if (e->kind == ExprKind::kField && e->kids.size() == 1) {
    const std::string base = PathOf(e->kids[0].get());
    return base.empty() ? "" : base + "." + e->text;
  }
  return "";
}

bool IsLiteral(const Expr* e) {
  return e != nullptr && (e->kind == ExprKind::kBool || e->kind == ExprKind::kInt ||
                          e->kind == ExprKind::kText || e->kind == ExprKind::kDate ||
                          e->kind == ExprKind::kDuration);
}

// Top-level conjuncts of a condition (`a and b and c` → a, b, c).
void Conjuncts(const Expr* e, std::vector<const Expr*>& out) {
  if (e == nullptr) return;
  if (e->kind == ExprKind::kBinary && e->op == ast::BinaryOp::kAnd && e->kids.size() == 2) {
    Conjuncts(e->kids[0].get(), out);
    Conjuncts(e->kids[1].get(), out);
    return;
  }
  out.push_back(e);
}

// `path == literal` or `path != literal`, either way round.
struct Atom {
  std::string path, value;
  bool equal = true;
};
bool AtomOf(const Expr* e, Atom& atom) {
  if (e->kind != ExprKind::kBinary || e->kids.size() != 2 ||
      (e->op != ast::BinaryOp::kEq && e->op != ast::BinaryOp::kNe)) {
    return false;
  }
  const Expr* a = e->kids[0].get();
  const Expr* b = e->kids[1].get();
  if (IsLiteral(a)) std::swap(a, b);
  atom.path = PathOf(a);
  if (atom.path.empty() || !IsLiteral(b)) return false;
  atom.value = Canon(b);
  atom.equal = e->op == ast::BinaryOp::kEq;
  return true;
}

// The line of a unit's comment-allowable declaration for a rule-level lint.
uint32_t LineOf(const ast::RuleDecl& r) { return r.span.line; }

// Every condition of a rule, with what it is called in messages.
std::vector<std::pair<const char*, const Expr*>> ConditionsOf(const ast::RuleDecl& r) {
  std::vector<std::pair<const char*, const Expr*>> out;
  if (r.when) out.emplace_back("when", r.when.get());
  for (const auto& x : r.exceptions) out.emplace_back("unless", x.condition.get());
  if (r.met) out.emplace_back("met when", r.met.get());
  return out;
}

}  // namespace

void UnusedDeclarations(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  // Names used by each unit, and the modules each unit imports.
  std::map<std::string, std::set<std::string>> used_by_unit, cited_by_unit;
  std::map<std::string, std::vector<std::string>> importers;  // module -> units importing it
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      auto& names = used_by_unit[unit.id];
      auto& cited = cited_by_unit[unit.id];
      Names(unit.applies.get(), names);
      for (const auto& d : unit.defs) Names(d.body.get(), names);
      for (const auto& r : unit.rules) {
        for (const auto& f : r.fors) Names(f.list.get(), names);
        for (const auto& l : r.lets) Names(l.value.get(), names);
        for (const auto& [what, cond] : ConditionsOf(r)) Names(cond, names);
        PlaceholderNames(r.message, names);
        PlaceholderNames(r.note, names);
        for (const auto& x : r.exceptions) PlaceholderNames(x.because, names);
        for (const auto& c : r.citations) cited.insert(c.source);
      }
      for (const auto& imp : unit.imports) importers[imp.name].push_back(unit.id);
    }
  }
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      std::set<std::string> names = used_by_unit[unit.id], cited = cited_by_unit[unit.id];
      if (unit.is_module) {
        for (const auto& user : importers[unit.id]) {
          names.insert(used_by_unit[user].begin(), used_by_unit[user].end());
          cited.insert(cited_by_unit[user].begin(), cited_by_unit[user].end());
        }
      }
      // A definition used only by itself is not used (recursion is an error anyway).
      for (const auto& d : unit.defs) {
        if (names.count(d.name) > 0) continue;
        out.push_back({DiagCode::kLintUnusedDefinition,
                       "definition `" + d.name + "` is never used" +
                           (unit.is_module ? " by this module or the units that import it" : ""),
                       file.path, d.span, d.span.line, {"remove it, or use it where its condition is spelt out"}});
      }
      for (const auto& t : unit.tables) {
        if (names.count(t.name) > 0) continue;
        out.push_back({DiagCode::kLintUnusedTable, "table `" + t.name + "` is never read", file.path, t.span,
                       t.span.line, {"remove it, or read it where its figures are written out"}});
      }
      for (const auto& s : unit.sources) {
        if (cited.count(s.id) > 0) continue;
        out.push_back({DiagCode::kLintUnusedSource,
                       "source `" + s.id + "` is never cited" +
                           (unit.is_module ? " by the units that import this module" : ""),
                       file.path, s.span, s.span.line, {"cite it from the rules that rest on it, or remove it"}});
      }
    }
  }
}

void PlaceholderMismatch(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  auto check = [&](const ast::File& file, const ast::Localized& l, const char* what, uint32_t decl) {
    if (!l.has_fr || !l.has_en) return;
    // `{x_fr}` and `{x_en}` are one fact put in each language's words.
    auto same_fact = [](std::vector<std::string> names) {
      std::set<std::string> set;
      for (auto& n : names) {
        const std::string tail = n.size() > 3 ? n.substr(n.size() - 3) : "";
        if (tail == "_fr" || tail == "_en") n.resize(n.size() - 3);
        set.insert(n);
      }
      return set;
    };
    const std::set<std::string> fr_set = same_fact(Placeholders(l.fr)), en_set = same_fact(Placeholders(l.en));
    if (fr_set == en_set) return;
    std::string only_fr, only_en;
    for (const auto& p : fr_set) {
      if (en_set.count(p) == 0) only_fr += (only_fr.empty() ? "" : ", ") + ("{" + p + "}");
    }
    for (const auto& p : en_set) {
      if (fr_set.count(p) == 0) only_en += (only_en.empty() ? "" : ", ") + ("{" + p + "}");
    }
    std::string message = std::string("the French and English ") + what + " show different facts:";
    if (!only_fr.empty()) message += " only in French " + only_fr + ";";
    if (!only_en.empty()) message += " only in English " + only_en + ";";
    message.pop_back();
    out.push_back({DiagCode::kLintPlaceholderMismatch, message, file.path, l.en_text_span, decl,
                   {"a DPO reading either language must see the same facts: use the same placeholders"}});
  };
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      check(file, unit.applies_text, "scope descriptions", unit.span.line);
      for (const auto& r : unit.rules) {
        check(file, r.message, "messages", LineOf(r));
        check(file, r.note, "notes", LineOf(r));
        for (const auto& x : r.exceptions) check(file, x.because, "`because` texts", LineOf(r));
      }
    }
  }
}

void UnverifiedWithoutNote(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      for (const auto& r : unit.rules) {
        if (r.confidence != "unverified" || (r.note.has_fr && r.note.has_en)) continue;
        out.push_back({DiagCode::kLintUnverifiedNoNote,
                       "rule `" + r.id + "` is unverified but has no note saying why (and what to check)",
                       file.path, r.confidence_span, LineOf(r),
                       {"add `note fr \"…\"` and `note en \"…\"`: which source is missing or cut, what would confirm it"}});
      }
    }
  }
}

void ConstantConditions(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  auto constant = [](const Expr* e) {
    bool reads = false;
    Walk(e, [&](const Expr& x) { reads = reads || x.kind == ExprKind::kName || x.kind == ExprKind::kCall; });
    return !reads;
  };
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      if (unit.applies && constant(unit.applies.get())) {
        out.push_back({DiagCode::kLintConstantCondition,
                       "the scope reads no fact of the activity: it is the same for every activity", file.path,
                       unit.applies->span, unit.span.line, {"remove `applies to`, or state what the text covers"}});
      }
      for (const auto& r : unit.rules) {
        for (const auto& [what, cond] : ConditionsOf(r)) {
          if (!constant(cond)) continue;
          out.push_back({DiagCode::kLintConstantCondition,
                         std::string("`") + what + "` of rule `" + r.id +
                             "` reads no fact of the activity: it is always true or always false",
                         file.path, cond->span, LineOf(r), {"write the condition on the facts the text names"}});
        }
      }
    }
  }
}

void DuplicateConditions(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  constexpr size_t kMinNodes = 8;  // smaller conditions are clearer written out
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      std::map<std::string, const ast::RuleDecl*> first;
      for (const auto& r : unit.rules) {
        std::set<std::string> seen_here;
        for (const auto& [what, cond] : ConditionsOf(r)) {
          if (NodeCount(cond) < kMinNodes) continue;
          // A rule's own `let` values are part of what its condition says: the same
          // words with another limit are another condition.
          std::string key = Canon(cond);
          for (const auto& l : r.lets) {
            if (key.find(l.name) != std::string::npos) key += "|" + l.name + "=" + Canon(l.value.get());
          }
          if (!seen_here.insert(key).second) continue;
          auto [it, inserted] = first.emplace(key, &r);
          if (inserted) continue;
          out.push_back({DiagCode::kLintDuplicateCondition,
                         std::string("`") + what + "` of rule `" + r.id + "` repeats a condition of rule `" +
                             it->second->id + "` (line " + std::to_string(it->second->span.line) + ")",
                         file.path, cond->span, LineOf(r),
                         {"name it once with `def` and use the name in both rules"}});
        }
      }
    }
  }
}

void ExcludedByScope(const std::vector<ast::File>& files, std::vector<Hit>& out) {
  for (const auto& file : files) {
    for (const auto& unit : file.units) {
      if (!unit.applies) continue;
      std::vector<const Expr*> scope;
      Conjuncts(unit.applies.get(), scope);
      std::vector<Atom> required;
      for (const Expr* c : scope) {
        Atom a;
        if (AtomOf(c, a)) required.push_back(a);
      }
      if (required.empty()) continue;
      for (const auto& r : unit.rules) {
        if (!r.when || !r.fors.empty()) continue;  // a `for` variable may shadow a root name
        std::vector<const Expr*> when;
        Conjuncts(r.when.get(), when);
        for (const Expr* c : when) {
          Atom a;
          if (!AtomOf(c, a)) continue;
          for (const auto& s : required) {
            if (s.path != a.path) continue;
            const bool contradicts = (s.equal && a.equal && s.value != a.value) ||
                                     (s.equal != a.equal && s.value == a.value);
            if (!contradicts) continue;
            out.push_back({DiagCode::kLintScopeExcluded,
                           "rule `" + r.id + "` applies only when `" + a.path + (a.equal ? " == " : " != ") +
                               a.value + "`, which the policy's scope excludes (`" + s.path +
                               (s.equal ? " == " : " != ") + s.value + "`): it can never apply",
                           file.path, c->span, LineOf(r),
                           {"move the rule to a policy whose scope includes these activities, or fix the condition"}});
          }
        }
      }
    }
  }
}

}  // namespace souple::internal::lint
