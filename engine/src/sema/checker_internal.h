// SPDX-License-Identifier: Apache-2.0
// Internal pieces of the checker shared by its translation units.
#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/diag_codes.h"
#include "base/suggest.h"
#include "sema/checker.h"

namespace souple::internal {

/// What a unit (policy or module) sees: its own and imported defs, tables and sources.
struct UnitEnv {
  const ast::Unit* unit = nullptr;
  std::string file;
  std::map<std::string, std::pair<const ast::DefDecl*, const UnitEnv*>> defs;
  std::map<std::string, const CompiledTable*> tables;
  std::map<std::string, const CompiledSource*> sources;
};

/// Reports diagnostics for one file.
class Reporter {
 public:
  Reporter(Diagnostics& diags, std::string file) : diags_(&diags), file_(std::move(file)) {}
  Reporter ForFile(std::string file) const { return Reporter(*diags_, std::move(file)); }
  void Error(DiagCode code, const std::string& message, const ast::Span& span,
             std::vector<std::string> help = {}) const {
    diags_->Add(MakeError(code, message, Location{file_, span.line, span.column, span.end_column},
                         std::move(help)));
  }
  void Warning(DiagCode code, const std::string& message, const ast::Span& span,
               std::vector<std::string> help = {}) const {
    diags_->Add(MakeWarning(code, message, Location{file_, span.line, span.column, span.end_column},
                            std::move(help)));
  }
  const std::string& file() const { return file_; }
  /// True once further diagnostics would only be counted (Diagnostics::Full).
  bool Full() const { return diags_->Full(); }
  /// "did you mean" help for `word`; `candidates()` is only called when the diagnostic will
  /// be kept, so thousands of errors do not cost thousands of candidate lists.
  template <typename Candidates>
  std::vector<std::string> Suggest(std::string_view word, Candidates&& candidates) const {
    if (Full()) return {};
    return DidYouMean(word, candidates());
  }

 private:
  Diagnostics* diags_;
  std::string file_;
};

/// IR nodes one policy may build once its definitions are inlined (docs/limits.md). A
/// definition is expanded at each use, so a few lines that use each other twice per level
/// grow exponentially; the budget is shared by every rule of the policy.
struct ExpansionBudget {
  static constexpr size_t kMaxRuleNodes = 100000;
  static constexpr size_t kMaxPolicyNodes = 200000;
  size_t used = 0;
  bool reported = false;
};

/// Elaborates expressions of one rule (or table/def context) into typed IR nodes.
class ExprChecker {
 public:
  ExprChecker(const UnitEnv& env, const Type* root, TypeArena& types, Reporter reporter,
              ExpansionBudget* budget = nullptr)
      : env_(&env), root_(root), types_(types), reporter_(std::move(reporter)), budget_(budget) {}

  /// Declares a frame variable visible to later expressions; returns its slot.
  uint32_t Bind(const std::string& name, const Type* type);
  /// Declares a lazily evaluated `let` (index into the rule's lets).
  void BindLet(const std::string& name, const Type* type, uint32_t index);
  void Unbind(size_t count);

  NodePtr Check(const ast::Expr& e);
  /// Checks `e` and requires a bool.
  NodePtr CheckBool(const ast::Expr& e, const char* what);

  uint32_t frame_size() const { return next_slot_; }
  /// Check definitions' bodies on their own: calls to other definitions are resolved
  /// (name, arity) but not expanded; their results are of any type.
  void set_shallow_definitions(bool shallow) { shallow_defs_ = shallow; }
  const Reporter& reporter() const { return reporter_; }

 private:
  struct Binding {
    std::string name;
    const Type* type;
    uint32_t slot;
    bool is_let;
  };

  NodePtr CheckNode(const ast::Expr& e);
  NodePtr Literal(const ast::Expr& e);
  NodePtr List(const ast::Expr& e);
  NodePtr Name(const ast::Expr& e);
  NodePtr Field(const ast::Expr& e);
  NodePtr Index(const ast::Expr& e);
  NodePtr Call(const ast::Expr& e);
  NodePtr Binary(const ast::Expr& e);
  NodePtr In(const ast::Expr& e);
  NodePtr Binder(const ast::Expr& e);
  NodePtr If(const ast::Expr& e);
  NodePtr InlineDef(const ast::DefDecl& def, const UnitEnv& def_env,
                    std::vector<NodePtr> args, const ast::Expr& at);
  /// When one side is an enum and the other a text constant, checks the constant.
  void CheckEnumLiteral(const Node& maybe_enum, const Node& other);
  std::vector<std::string> VisibleNames() const;
  std::vector<std::string> RootFieldHelp(const std::string& name) const;

  NodePtr Make(Op op, const Type* type, const ast::Span& span);
  NodePtr Bad(const ast::Span& span);

  const UnitEnv* env_;
  const Type* root_;
  TypeArena& types_;
  Reporter reporter_;
  std::vector<Binding> scope_;
  uint32_t next_slot_ = 0;
  std::vector<const ast::DefDecl*> def_stack_;
  // Bounds on inlining definitions, against hostile policies: a long chain of defs would
  // exhaust the stack, defs using each other twice per level grow exponentially.
  static constexpr size_t kMaxDepth = 1024;  // of the IR, definitions inlined
  size_t depth_ = 0;
  size_t nodes_ = 0;
  ExpansionBudget* budget_;  // the policy's, or null (definitions checked on their own)
  bool limit_reported_ = false;
  bool shallow_defs_ = false;
};

/// Parses `{path}` placeholders of a message into a template (rules.cc).
MessageTemplate CompileMessage(const std::string& text, const ast::Span& span,
                               ExprChecker& checker);

}  // namespace souple::internal
