// SPDX-License-Identifier: Apache-2.0
// Completion from the words before the cursor, so that it works in a document that does not
// parse (it rarely does while a name is being typed): the fields along the path being
// written, enum values after `==`, `!=` and `in [`, rule kinds and confidences, sources
// after `cite`, modules after `import`, rules after `see`, else the names in scope.
#include <algorithm>

#include "authoring/cursor.h"
#include "authoring/features.h"
#include "authoring/resolve.h"
#include "sema/vocabulary.h"

namespace souple::internal::authoring {

namespace {

class Completer {
 public:
  Completer(Workspace& ws, const std::string& path, TextPoint at) : ws_(ws), path_(path), at_(at) {}

  CompletionList Run() {
    list_.replace = {at_, at_};
    const Outline* o = ws_.OutlineOf(path_);
    if (o == nullptr || o->InComment(at_.line, at_.column)) return list_;
    const auto& t = o->tokens;
    next_ = FirstFrom(t, at_);
    size_t before = next_ == 0 ? kNoToken : next_ - 1;
    bool in_string = false;
    if (before != kNoToken && t[before].line == at_.line && t[before].column < at_.column &&
        at_.column <= t[before].end_column) {
      const Token& word = t[before];
      if (word.IsIdent()) {
        prefix_ = word.text.substr(0, at_.column - word.column);
        list_.replace.start = {at_.line, word.column};
        before = before == 0 ? kNoToken : before - 1;
      } else if (word.kind == TokenKind::kString && (word.unterminated || at_.column < word.end_column)) {
        in_string = true;
        prefix_ = Unquote(word).substr(0, at_.column - word.column - 1);
        list_.replace.start = {at_.line, word.column + 1};
        before = before == 0 ? kNoToken : before - 1;
      }
    }
    if (before == kNoToken) {
      if (!in_string) Names(*o);
      return list_;
    }
    if (!in_string && Dotted(*o, before)) return list_;
    if (!in_string && t[before].Is(".")) {
      Members(*o, before);
      return list_;
    }
    if (EnumValues(*o, before, in_string) || in_string) return list_;
    const std::string keyword = KeywordBefore(t, before + 1);
    if (keyword == "cite") {
      if (const OutlineUnit* unit = o->UnitAt(at_.line)) {
        for (const DeclRef& s : ws_.AllVisible(path_, *unit, DeclKind::kSource)) {
          std::string title;
          for (const auto& [field, value] : s.decl->fields) {
            if (field == "title") title = value;
          }
          Add(s.decl->name, CompletionKind::kSource, title, s.decl->doc);
        }
      }
    } else if (keyword == "kind") {
      for (const auto& k : RuleKinds()) Add(k, CompletionKind::kKeyword, "rule kind");
    } else if (keyword == "confidence") {
      for (const auto& c : Confidences()) Add(c, CompletionKind::kKeyword, "confidence");
    } else if (keyword == "status") {
      for (const char* s : {"draft", "final"}) Add(s, CompletionKind::kKeyword, "status");
    } else {
      Names(*o);
    }
    return list_;
  }

 private:
  void Add(const std::string& label, CompletionKind kind, std::string detail, std::string doc = "",
           std::string insert = "") {
    if (label.compare(0, prefix_.size(), prefix_) != 0) return;
    list_.items.push_back({label, kind, std::move(detail), std::move(doc), std::move(insert)});
  }

  // After `import`, `see` or `supersedes`: the whole dotted name is replaced.
  bool Dotted(const Outline& o, size_t before) {
    const auto& t = o.tokens;
    // The words and dots typed since the keyword, on the cursor's line.
    size_t head = before + 1;
    for (size_t k = before; k > 0 && t[k].Is(".") && t[k - 1].IsIdent() && t[k - 1].line == at_.line;) {
      head = k - 1;
      if (head == 0) break;
      k = head - 1;
    }
    const std::string keyword = KeywordBefore(t, head);
    if (keyword != "import" && keyword != "see" && keyword != "supersedes") return false;
    if (head <= before) {
      prefix_ = DottedText(t, head, before) + "." + prefix_;
      list_.replace.start = {at_.line, t[head].column};
    }
    for (const UnitRef& u : ws_.UnitsSeenFrom(path_)) {
      const Decl& h = u.unit->head;
      if (keyword == "import" && h.kind == DeclKind::kModule) Add(h.name, CompletionKind::kModule, u.path, h.doc);
      if (keyword == "supersedes" && h.kind == DeclKind::kPolicy) Add(h.name, CompletionKind::kModule, u.path, h.doc);
      if (keyword == "see" && h.kind == DeclKind::kPolicy) {
        for (const auto& d : u.unit->items) {
          if (d.kind == DeclKind::kRule) Add(h.name + "." + d.name, CompletionKind::kRule, d.rule_kind, d.doc);
        }
      }
    }
    // Several versions of a policy declare the same rules.
    std::sort(list_.items.begin(), list_.items.end(),
              [](const CompletionItem& a, const CompletionItem& b) { return a.label < b.label; });
    list_.items.erase(std::unique(list_.items.begin(), list_.items.end(),
                                  [](const CompletionItem& a, const CompletionItem& b) { return a.label == b.label; }),
                      list_.items.end());
    return true;
  }

  void Members(const Outline& o, size_t dot) {
    if (dot == 0) return;
    const Chain chain = ChainEndingAt(o.tokens, dot - 1);
    if (chain.empty()) return;
    const Scope scope(ws_, path_, next_);
    const Resolved r = scope.Resolve(chain).back();
    if (r.row_of.decl != nullptr) {
      for (const auto& [column, type] : r.row_of.decl->fields) Add(column, CompletionKind::kField, type);
    } else if (r.type != nullptr && r.type->kind == TypeKind::kRecord) {
      for (const auto& f : r.type->fields) Add(f.name, CompletionKind::kField, TypeName(f.type), f.description);
    }
  }

  // After `PATH ==`, `PATH !=` or `PATH in [..., ` where PATH is an enum.
  bool EnumValues(const Outline& o, size_t before, bool in_string) {
    const auto& t = o.tokens;
    size_t op = before;
    if (!t[op].Is("==") && !t[op].Is("!=")) {
      while (op > 0 && (t[op].Is(",") || t[op].kind == TokenKind::kString)) --op;
      if (!t[op].Is("[") || op < 2 || !t[op - 1].Is("in")) return false;
      --op;  // `in`
      if (op > 0 && t[op - 1].Is("not")) --op;
    }
    if (op == 0) return false;
    const Chain chain = ChainEndingAt(t, op - 1);
    if (chain.empty()) return false;
    const Scope scope(ws_, path_, next_);
    const Resolved r = scope.Resolve(chain).back();
    if (r.type == nullptr || r.type->kind != TypeKind::kEnum) return false;
    for (const auto& v : r.type->enum_values) {
      const std::string& label = r.type->Label(v, false);
      Add(v, CompletionKind::kEnumValue, label == v ? TypeName(r.type) : label, "", in_string ? "" : "\"" + v + "\"");
    }
    return true;
  }

  // What an expression can start with.
  void Names(const Outline& o) {
    const Scope scope(ws_, path_, next_);
    for (const auto& b : scope.bindings()) Add(b.name, CompletionKind::kVariable, "variable");
    if (const OutlineUnit* unit = o.UnitAt(at_.line)) {
      for (const DeclRef& d : ws_.AllVisible(path_, *unit, DeclKind::kDef)) {
        Add(d.decl->name, CompletionKind::kDefinition, "def", d.decl->doc);
      }
      for (const DeclRef& d : ws_.AllVisible(path_, *unit, DeclKind::kTable)) {
        Add(d.decl->name, CompletionKind::kTable, "table", d.decl->doc);
      }
    }
    if (const Type* root = ws_.root()) {
      for (const auto& f : root->fields) Add(f.name, CompletionKind::kField, TypeName(f.type), f.description);
    }
    for (const auto& b : BuiltinNames()) Add(b, CompletionKind::kFunction, "built-in function");
  }

  Workspace& ws_;
  const std::string& path_;
  TextPoint at_;
  size_t next_ = 0;
  std::string prefix_;
  CompletionList list_;
};

}  // namespace

CompletionList CompleteAt(Workspace& ws, const std::string& path, TextPoint at) {
  return Completer(ws, path, at).Run();
}

}  // namespace souple::internal::authoring
