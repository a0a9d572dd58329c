// SPDX-License-Identifier: Apache-2.0
// ExprChecker: name resolution, typing and elaboration of expressions.
#include "base/suggest.h"
#include "sema/checker_internal.h"
#include "sema/vocabulary.h"

namespace souple::internal {

namespace {
bool IsError(const Type* t) { return t->kind == TypeKind::kError; }
bool IsTextual(const Type* t) { return t->kind == TypeKind::kText || t->kind == TypeKind::kEnum; }

// Schema field types and literal types live in different arenas, so scalar types are
// distinct objects: compare scalars by kind, lists by element, records and rows by identity.
bool SameType(const Type* a, const Type* b) {
  if (a == b || (IsTextual(a) && IsTextual(b))) return true;
  if (a->kind != b->kind) return false;
  if (a->kind == TypeKind::kList) return SameType(a->element, b->element);
  return a->kind != TypeKind::kRecord && a->kind != TypeKind::kRow;
}
}  // namespace

NodePtr ExprChecker::Make(Op op, const Type* type, const ast::Span& span) {
  ++nodes_;
  if (budget_ != nullptr) ++budget_->used;
  auto n = std::make_unique<Node>();
  n->op = op;
  n->type = type;
  n->span = span;
  return n;
}

NodePtr ExprChecker::Bad(const ast::Span& span) { return Make(Op::kConst, types_.Error(), span); }

uint32_t ExprChecker::Bind(const std::string& name, const Type* type) {
  const uint32_t slot = next_slot_++;
  scope_.push_back({name, type, slot, false});
  return slot;
}

void ExprChecker::BindLet(const std::string& name, const Type* type, uint32_t index) {
  scope_.push_back({name, type, index, true});
}

void ExprChecker::Unbind(size_t count) { scope_.resize(scope_.size() - count); }

std::vector<std::string> ExprChecker::VisibleNames() const {
  std::vector<std::string> names;
  for (const auto& b : scope_) names.push_back(b.name);
  for (const auto& [name, def] : env_->defs) names.push_back(name);
  for (const auto& [name, table] : env_->tables) names.push_back(name);
  for (const auto& f : root_->fields) names.push_back(f.name);
  return names;
}

NodePtr ExprChecker::CheckBool(const ast::Expr& e, const char* what) {
  NodePtr n = Check(e);
  if (!IsError(n->type) && n->type->kind != TypeKind::kBool) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    std::string(what) + " must be a condition (bool), found " + TypeName(n->type),
                    e.span);
    return Bad(e.span);
  }
  return n;
}

// The IR is walked recursively (evaluation, comparison, destruction): its depth, which
// inlined definitions multiply, is bounded here, where it is built.
NodePtr ExprChecker::Check(const ast::Expr& e) {
  if (depth_ >= kMaxDepth) {
    if (!limit_reported_) {
      reporter_.Error(DiagCode::kNestingTooDeep,
                      "once definitions are inlined, this expression nests deeper than " +
                          std::to_string(kMaxDepth) + " levels",
                      e.span);
      limit_reported_ = true;
    }
    return Bad(e.span);
  }
  ++depth_;
  NodePtr n = CheckNode(e);
  --depth_;
  return n;
}

NodePtr ExprChecker::CheckNode(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kBool:
    case ast::ExprKind::kInt:
    case ast::ExprKind::kText:
    case ast::ExprKind::kDate:
    case ast::ExprKind::kDuration: return Literal(e);
    case ast::ExprKind::kList: return List(e);
    case ast::ExprKind::kName: return Name(e);
    case ast::ExprKind::kField: return Field(e);
    case ast::ExprKind::kIndex: return Index(e);
    case ast::ExprKind::kCall: return Call(e);
    case ast::ExprKind::kNeg: {
      NodePtr inner = Check(*e.kids[0]);
      if (!IsError(inner->type) && inner->type->kind != TypeKind::kInt) {
        reporter_.Error(DiagCode::kTypeMismatch, "`-` needs an int, found " + TypeName(inner->type),
                        e.span);
        return Bad(e.span);
      }
      NodePtr n = Make(Op::kNeg, types_.Int(), e.span);
      n->kids.push_back(std::move(inner));
      return n;
    }
    case ast::ExprKind::kNot: {
      NodePtr inner = CheckBool(*e.kids[0], "the operand of `not`");
      NodePtr n = Make(Op::kNot, types_.Bool(), e.span);
      n->kids.push_back(std::move(inner));
      return n;
    }
    case ast::ExprKind::kBinary: return Binary(e);
    case ast::ExprKind::kIn: return In(e);
    case ast::ExprKind::kQuantifier:
    case ast::ExprKind::kCount:
    case ast::ExprKind::kFirst: return Binder(e);
    case ast::ExprKind::kIf: return If(e);
  }
  return Bad(e.span);
}

NodePtr ExprChecker::Literal(const ast::Expr& e) {
  switch (e.kind) {
    case ast::ExprKind::kBool: {
      NodePtr n = Make(Op::kConst, types_.Bool(), e.span);
      n->constant = Value::Bool(e.bool_value);
      return n;
    }
    case ast::ExprKind::kInt: {
      NodePtr n = Make(Op::kConst, types_.Int(), e.span);
      n->constant = Value::Int(e.int_value);
      return n;
    }
    case ast::ExprKind::kText: {
      NodePtr n = Make(Op::kConst, types_.Text(), e.span);
      n->text_storage = e.text;
      n->constant = Value::Text(n->text_storage);
      return n;
    }
    case ast::ExprKind::kDate: {
      NodePtr n = Make(Op::kConst, types_.Date(), e.span);
      n->constant = Value::OfDate(e.date_value);
      return n;
    }
    default: {
      NodePtr n = Make(Op::kConst, types_.Duration(), e.span);
      n->constant = Value::OfDuration(e.duration_value);
      return n;
    }
  }
}

NodePtr ExprChecker::List(const ast::Expr& e) {
  const Type* element = nullptr;
  NodePtr n = Make(Op::kConstList, nullptr, e.span);
  n->list_texts.reserve(e.kids.size());  // stable storage for text views
  for (const auto& k : e.kids) {
    if (k->kind == ast::ExprKind::kList || k->kind == ast::ExprKind::kName ||
        k->kind == ast::ExprKind::kField || k->kind == ast::ExprKind::kCall ||
        k->kind == ast::ExprKind::kIndex || k->kind == ast::ExprKind::kBinary) {
      reporter_.Error(DiagCode::kTypeMismatch, "list literal elements must be constants", k->span);
      return Bad(e.span);
    }
    NodePtr item = Check(*k);
    if (item->op != Op::kConst || IsError(item->type)) return Bad(e.span);
    if (element == nullptr) {
      element = item->type;
    } else if (item->type != element) {
      reporter_.Error(DiagCode::kTypeMismatch, "list elements must share one type: " +
                                                   TypeName(element) + " and " + TypeName(item->type),
                      k->span);
      return Bad(e.span);
    }
    if (item->constant.kind == Value::Kind::kText) {
      n->list_texts.push_back(item->text_storage);
      item->constant.text = n->list_texts.back();
    }
    n->list.push_back(item->constant);
  }
  n->type = types_.ListOf(element != nullptr ? element : types_.Error());
  return n;
}

NodePtr ExprChecker::Name(const ast::Expr& e) {
  for (auto it = scope_.rbegin(); it != scope_.rend(); ++it) {
    if (it->name != e.text) continue;
    NodePtr n = Make(it->is_let ? Op::kLetRef : Op::kLocal, it->type, e.span);
    n->slot = it->slot;
    n->name = e.text;
    return n;
  }
  if (auto it = env_->defs.find(e.text); it != env_->defs.end()) {
    const ast::DefDecl& def = *it->second.first;
    if (!def.params.empty()) {
      reporter_.Error(DiagCode::kArityMismatch,
                      "`" + e.text + "` takes " + std::to_string(def.params.size()) +
                          " argument(s); call it as `" + e.text + "(...)`",
                      e.span);
      return Bad(e.span);
    }
    return InlineDef(def, *it->second.second, {}, e);
  }
  if (env_->tables.count(e.text)) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    "table `" + e.text + "` must be indexed by its key: `" + e.text + "[key]`", e.span);
    return Bad(e.span);
  }
  const int slot = root_->FindField(e.text);
  if (slot >= 0) {
    NodePtr n = Make(Op::kRoot, root_->fields[slot].type, e.span);
    n->slot = static_cast<uint32_t>(slot);
    n->name = e.text;
    return n;
  }
  std::vector<std::string> help = reporter_.Suggest(e.text, [&] { return VisibleNames(); });
  if (help.empty() && !reporter_.Full()) help = RootFieldHelp(e.text);
  reporter_.Error(DiagCode::kUnknownName, "unknown name `" + e.text + "`", e.span,
                  std::move(help));
  return Bad(e.span);
}

// For a name that is no root field, local or definition: the root fields (or list
// elements) that have a field of that name (`dpo_designated` → `organisation.dpo_designated`),
// else the root names an expression can start with.
std::vector<std::string> ExprChecker::RootFieldHelp(const std::string& name) const {
  std::vector<std::string> paths;
  for (const FieldDef& root : root_->fields) {
    const Type* t = root.type;
    std::string path = root.name;
    if (t != nullptr && t->kind == TypeKind::kList && t->element != nullptr) {
      t = t->element;
      path = "some x in " + root.name + " satisfies x";
    }
    if (t != nullptr && t->kind == TypeKind::kRecord && t->FindField(name) >= 0) {
      paths.push_back("`" + path + "." + name + "`");
    }
  }
  if (!paths.empty()) {
    constexpr size_t kShown = 3;
    std::string list;
    for (size_t i = 0; i < paths.size() && i < kShown; ++i) list += (i ? ", " : "") + paths[i];
    if (paths.size() > kShown) list += ", …";
    return {"`" + name + "` is a field below a root name: " + list};
  }
  std::string roots;
  for (const FieldDef& root : root_->fields) roots += (roots.empty() ? "`" : ", `") + root.name + "`";
  return {"an expression starts from a root field of the activity (" + roots + "), a `def`, a "
          "table or a variable"};
}

NodePtr ExprChecker::Field(const ast::Expr& e) {
  NodePtr object = Check(*e.kids[0]);
  const Type* t = object->type;
  if (IsError(t)) return Bad(e.span);
  if (t->kind == TypeKind::kRecord || t->kind == TypeKind::kRow) {
    const int slot = t->FindField(e.text);
    if (slot < 0) {
      reporter_.Error(DiagCode::kUnknownField,
                      "unknown field `" + e.text + "` in " + TypeName(t), e.name_span,
                      reporter_.Suggest(e.text, [&] {
                        std::vector<std::string> names;
                        for (const auto& f : t->fields) names.push_back(f.name);
                        return names;
                      }));
      return Bad(e.span);
    }
    NodePtr n = Make(t->kind == TypeKind::kRow ? Op::kRowField : Op::kField, t->fields[slot].type, e.span);
    n->slot = static_cast<uint32_t>(slot);
    n->name = e.text;
    n->kids.push_back(std::move(object));
    return n;
  }
  std::vector<std::string> help;
  if (t->kind == TypeKind::kList) {
    help.push_back("`" + TypeName(t) + "` has no fields: use `some x in ... satisfies x." + e.text +
                   " ...` or a rule `for x in ...`");
  }
  reporter_.Error(DiagCode::kTypeMismatch, "cannot read field `" + e.text + "` of " + TypeName(t),
                  e.name_span, std::move(help));
  return Bad(e.span);
}

NodePtr ExprChecker::Index(const ast::Expr& e) {
  const ast::Expr& target = *e.kids[0];
  if (target.kind != ast::ExprKind::kName || !env_->tables.count(target.text)) {
    auto tables = [&] {
      std::vector<std::string> names;
      for (const auto& [name, t] : env_->tables) names.push_back(name);
      return names;
    };
    reporter_.Error(DiagCode::kTypeMismatch, "only tables can be indexed with `[...]`", target.span,
                    target.kind == ast::ExprKind::kName ? reporter_.Suggest(target.text, tables)
                                                        : std::vector<std::string>{});
    return Bad(e.span);
  }
  const CompiledTable* table = env_->tables.at(target.text);
  NodePtr key = Check(*e.kids[1]);
  if (!IsError(key->type) && !IsTextual(key->type)) {
    reporter_.Error(DiagCode::kTypeMismatch, "a table key must be text, found " + TypeName(key->type),
                    e.kids[1]->span);
    return Bad(e.span);
  }
  if (key->op == Op::kConst && key->constant.kind == Value::Kind::kText &&
      !table->by_key.count(std::string(key->constant.text))) {
    reporter_.Error(DiagCode::kTableError,
                    "table `" + table->name + "` has no row `" + std::string(key->constant.text) + "`",
                    e.kids[1]->span, reporter_.Suggest(key->constant.text, [&] {
                      std::vector<std::string> keys;
                      for (const auto& [k, row] : table->by_key) keys.push_back(k);
                      return keys;
                    }));
    return Bad(e.span);
  }
  NodePtr n = Make(Op::kTableRow, table->row_type, e.span);
  n->table = table;
  n->name = table->name;
  n->kids.push_back(std::move(key));
  return n;
}

NodePtr ExprChecker::Call(const ast::Expr& e) {
  std::vector<NodePtr> args;
  for (const auto& k : e.kids) args.push_back(Check(*k));
  for (const auto& a : args) {
    if (IsError(a->type)) return Bad(e.span);
  }
  auto arity = [&](size_t n) {
    if (args.size() == n) return true;
    reporter_.Error(DiagCode::kArityMismatch,
                    "`" + e.text + "` takes " + std::to_string(n) + " argument(s), given " +
                        std::to_string(args.size()),
                    e.span);
    return false;
  };
  auto expect = [&](size_t i, bool ok, const char* what) {
    if (ok) return true;
    reporter_.Error(DiagCode::kTypeMismatch,
                    "argument " + std::to_string(i + 1) + " of `" + e.text + "` must be " + what +
                        ", found " + TypeName(args[i]->type),
                    e.kids[i]->span);
    return false;
  };
  auto build = [&](Op op, const Type* type) {
    NodePtr n = Make(op, type, e.span);
    n->name = e.text;
    for (auto& a : args) n->kids.push_back(std::move(a));
    return n;
  };
  if (e.text == "known") {
    if (!arity(1)) return Bad(e.span);
    return build(Op::kKnown, types_.Bool());
  }
  if (e.text == "count") {
    if (!arity(1) || !expect(0, args[0]->type->kind == TypeKind::kList, "a list")) return Bad(e.span);
    return build(Op::kListCount, types_.Int());
  }
  if (e.text == "starts_with" || e.text == "contains") {
    if (!arity(2) || !expect(0, IsTextual(args[0]->type), "text") ||
        !expect(1, IsTextual(args[1]->type), "text")) {
      return Bad(e.span);
    }
    return build(e.text == "contains" ? Op::kContains : Op::kStartsWith, types_.Bool());
  }
  if (e.text == "evaluation_date") {
    if (!arity(0)) return Bad(e.span);
    return build(Op::kEvaluationDate, types_.Date());
  }
  auto it = env_->defs.find(e.text);
  if (it == env_->defs.end()) {
    reporter_.Error(DiagCode::kUnknownName, "unknown function `" + e.text + "`", e.name_span,
                    reporter_.Suggest(e.text, [&] {
                      std::vector<std::string> names = BuiltinNames();
                      for (const auto& [name, def] : env_->defs) names.push_back(name);
                      return names;
                    }));
    return Bad(e.span);
  }
  const ast::DefDecl& def = *it->second.first;
  if (!arity(def.params.size())) return Bad(e.span);
  return InlineDef(def, *it->second.second, std::move(args), e);
}

// A def is inlined at each use: its parameters become frame slots bound to the
// arguments, and its body is checked with the argument types (defs are generic).
NodePtr ExprChecker::InlineDef(const ast::DefDecl& def, const UnitEnv& def_env,
                               std::vector<NodePtr> args, const ast::Expr& at) {
  if (shallow_defs_) return Bad(at.span);  // checked in its own right, once
  for (const auto* d : def_stack_) {
    if (d == &def) {
      reporter_.Error(DiagCode::kRecursiveDefinition,
                      "definition `" + def.name + "` refers to itself", at.span);
      return Bad(at.span);
    }
  }
  constexpr size_t kMaxDefDepth = 64;
  const bool too_deep = def_stack_.size() >= kMaxDefDepth;
  const bool rule_too_large = nodes_ > ExpansionBudget::kMaxRuleNodes;
  const bool policy_too_large = budget_ != nullptr && budget_->used > ExpansionBudget::kMaxPolicyNodes;
  if (too_deep || rule_too_large || policy_too_large) {
    // One diagnostic per rule, and one per policy for the shared budget.
    const bool report = !limit_reported_ && !(policy_too_large && !too_deep && !rule_too_large &&
                                              budget_->reported);
    if (report) {
      reporter_.Error(too_deep ? DiagCode::kNestingTooDeep : DiagCode::kExpansionTooLarge,
                      too_deep ? "definitions used inside definitions nest deeper than " +
                                     std::to_string(kMaxDefDepth) + " levels"
                      : rule_too_large
                          ? "expanding the definitions makes this rule larger than " +
                                std::to_string(ExpansionBudget::kMaxRuleNodes) + " nodes"
                          : "expanding the definitions makes this policy larger than " +
                                std::to_string(ExpansionBudget::kMaxPolicyNodes) +
                                " nodes; share the logic in fewer, smaller definitions",
                      at.span);
      if (policy_too_large) budget_->reported = true;
    }
    limit_reported_ = true;
    return Bad(at.span);
  }
  def_stack_.push_back(&def);
  // The body sees only its parameters and its own unit's names, not the caller's locals.
  std::vector<Binding> saved_scope;
  saved_scope.swap(scope_);
  const UnitEnv* saved_env = env_;
  env_ = &def_env;
  const Reporter saved_reporter = reporter_;
  std::vector<uint32_t> slots;
  for (size_t i = 0; i < def.params.size(); ++i) slots.push_back(Bind(def.params[i], args[i]->type));
  reporter_ = saved_reporter.ForFile(def_env.file);
  depth_ += def.params.size();  // the parameters' bindings wrap the body
  NodePtr body = Check(*def.body);
  depth_ -= def.params.size();
  reporter_ = saved_reporter;
  env_ = saved_env;
  scope_.swap(saved_scope);
  def_stack_.pop_back();
  if (IsError(body->type)) {
    if (!limit_reported_) reporter_.Error(DiagCode::kTypeMismatch, "in this use of `" + def.name + "`", at.span);
    return body;
  }
  // Wrap: bind parameters from the innermost out.
  for (size_t i = def.params.size(); i-- > 0;) {
    NodePtr bind = Make(Op::kBind, body->type, at.span);
    bind->slot = slots[i];
    bind->kids.push_back(std::move(args[i]));
    bind->kids.push_back(std::move(body));
    body = std::move(bind);
  }
  body->def = std::make_shared<const DefOrigin>(
      DefOrigin{def.name, def_env.file, static_cast<uint32_t>(def.params.size())});
  return body;
}

void ExprChecker::CheckEnumLiteral(const Node& maybe_enum, const Node& other) {
  if (maybe_enum.type->kind != TypeKind::kEnum) return;
  auto check = [&](const Value& v, const ast::Span& span) {
    if (v.kind != Value::Kind::kText || maybe_enum.type->HasEnumValue(std::string(v.text))) return;
    reporter_.Error(DiagCode::kUnknownEnumValue,
                    "`" + std::string(v.text) + "` is not a value of " + TypeName(maybe_enum.type),
                    span, reporter_.Suggest(v.text, [&] { return maybe_enum.type->enum_values; }));
  };
  if (other.op == Op::kConst) check(other.constant, other.span);
  if (other.op == Op::kConstList) {
    for (const auto& v : other.list) check(v, other.span);
  }
}

NodePtr ExprChecker::Binary(const ast::Expr& e) {
  using B = ast::BinaryOp;
  if (e.op == B::kAnd || e.op == B::kOr || e.op == B::kImplies) {
    NodePtr l = CheckBool(*e.kids[0], (std::string("the left operand of `") + ast::BinaryOpText(e.op) + "`").c_str());
    NodePtr r = CheckBool(*e.kids[1], (std::string("the right operand of `") + ast::BinaryOpText(e.op) + "`").c_str());
    NodePtr n = Make(e.op == B::kAnd ? Op::kAnd : e.op == B::kOr ? Op::kOr : Op::kImplies,
                     types_.Bool(), e.span);
    n->kids.push_back(std::move(l));
    n->kids.push_back(std::move(r));
    return n;
  }
  NodePtr l = Check(*e.kids[0]);
  NodePtr r = Check(*e.kids[1]);
  const Type *lt = l->type, *rt = r->type;
  if (IsError(lt) || IsError(rt)) return Bad(e.span);
  auto mismatch = [&]() {
    reporter_.Error(DiagCode::kTypeMismatch,
                    std::string("cannot apply `") + ast::BinaryOpText(e.op) + "` to " + TypeName(lt) +
                        " and " + TypeName(rt),
                    e.span);
    return Bad(e.span);
  };
  auto make = [&](Op op, const Type* type) {
    NodePtr n = Make(op, type, e.span);
    n->kids.push_back(std::move(l));
    n->kids.push_back(std::move(r));
    return n;
  };
  const TypeKind lk = lt->kind, rk = rt->kind;
  switch (e.op) {
    case B::kAdd:
    case B::kSub: {
      const Op op = e.op == B::kAdd ? Op::kAdd : Op::kSub;
      if (lk == TypeKind::kInt && rk == TypeKind::kInt) return make(op, types_.Int());
      if (lk == TypeKind::kDate && rk == TypeKind::kDuration) return make(op, types_.Date());
      if (lk == TypeKind::kDuration && rk == TypeKind::kDuration && e.op == B::kAdd) {
        return make(op, types_.Duration());
      }
      if (lk == TypeKind::kDate && rk == TypeKind::kDate && e.op == B::kSub) {
        return make(op, types_.Duration());
      }
      return mismatch();
    }
    case B::kEq:
    case B::kNe:
      if (!EqualityComparable(lt, rt)) return mismatch();
      CheckEnumLiteral(*l, *r);
      CheckEnumLiteral(*r, *l);
      return make(e.op == B::kEq ? Op::kEq : Op::kNe, types_.Bool());
    default: {
      const bool ordered = lk == rk && (lk == TypeKind::kInt || lk == TypeKind::kDate ||
                                        lk == TypeKind::kDuration);
      if (!ordered) return mismatch();
      const Op op = e.op == B::kLt ? Op::kLt : e.op == B::kLe ? Op::kLe : e.op == B::kGt ? Op::kGt : Op::kGe;
      return make(op, types_.Bool());
    }
  }
}

NodePtr ExprChecker::In(const ast::Expr& e) {
  NodePtr l = Check(*e.kids[0]);
  NodePtr r = Check(*e.kids[1]);
  if (IsError(l->type) || IsError(r->type)) return Bad(e.span);
  if (r->type->kind != TypeKind::kList) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    "the right operand of `in` must be a list, found " + TypeName(r->type),
                    e.kids[1]->span);
    return Bad(e.span);
  }
  if (!EqualityComparable(l->type, r->type->element)) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    "cannot look for " + TypeName(l->type) + " in " + TypeName(r->type), e.span);
    return Bad(e.span);
  }
  CheckEnumLiteral(*l, *r);
  if (r->type->element->kind == TypeKind::kEnum && l->op == Op::kConst) {
    Node element_view;
    element_view.type = r->type->element;
    CheckEnumLiteral(element_view, *l);
  }
  NodePtr n = Make(Op::kIn, types_.Bool(), e.span);
  n->flag = e.bool_value;
  n->kids.push_back(std::move(l));
  n->kids.push_back(std::move(r));
  return n;
}

NodePtr ExprChecker::Binder(const ast::Expr& e) {
  NodePtr list = Check(*e.kids[0]);
  if (IsError(list->type)) return Bad(e.span);
  if (list->type->kind != TypeKind::kList) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    "`" + e.text + "` must range over a list, found " + TypeName(list->type),
                    e.kids[0]->span);
    return Bad(e.span);
  }
  const uint32_t slot = Bind(e.text, list->type->element);
  NodePtr body = CheckBool(*e.kids[1], "the condition");
  Unbind(1);
  Op op;
  const Type* type = types_.Bool();
  switch (e.kind) {
    case ast::ExprKind::kCount: op = Op::kCount; type = types_.Int(); break;
    case ast::ExprKind::kFirst: op = Op::kFirst; type = list->type->element; break;
    default: op = e.bool_value ? Op::kEvery : Op::kSome; break;
  }
  NodePtr n = Make(op, type, e.span);
  n->slot = slot;
  n->name = e.text;
  n->kids.push_back(std::move(list));
  n->kids.push_back(std::move(body));
  return n;
}

NodePtr ExprChecker::If(const ast::Expr& e) {
  NodePtr c = CheckBool(*e.kids[0], "the condition of `if`");
  NodePtr a = Check(*e.kids[1]);
  NodePtr b = Check(*e.kids[2]);
  if (IsError(a->type) || IsError(b->type)) return Bad(e.span);
  const bool same = SameType(a->type, b->type);
  if (!same) {
    reporter_.Error(DiagCode::kTypeMismatch,
                    "the branches of `if` differ: " + TypeName(a->type) + " and " + TypeName(b->type),
                    e.span);
    return Bad(e.span);
  }
  NodePtr n = Make(Op::kIf, a->type, e.span);
  n->kids.push_back(std::move(c));
  n->kids.push_back(std::move(a));
  n->kids.push_back(std::move(b));
  return n;
}

}  // namespace souple::internal
