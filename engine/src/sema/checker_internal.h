// SPDX-License-Identifier: Apache-2.0
// Internal pieces of the checker shared by its translation units.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/diag_codes.h"
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

 private:
  Diagnostics* diags_;
  std::string file_;
};

/// Elaborates expressions of one rule (or table/def context) into typed IR nodes.
class ExprChecker {
 public:
  ExprChecker(const UnitEnv& env, const Type* root, TypeArena& types, Reporter reporter)
      : env_(&env), root_(root), types_(types), reporter_(std::move(reporter)) {}

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
  size_t nodes_ = 0;
  bool limit_reported_ = false;
  bool shallow_defs_ = false;
};

/// Parses `{path}` placeholders of a message into a template (rules.cc).
MessageTemplate CompileMessage(const std::string& text, const ast::Span& span,
                               ExprChecker& checker);

}  // namespace souple::internal
