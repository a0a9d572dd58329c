// SPDX-License-Identifier: Apache-2.0
// AstBuilder: turns the ANTLR parse tree into ast::File. Internal to syntax/; the only
// code besides parser.cc that sees generated types.
#pragma once

#include <string>

#include "SoupleParser.h"
#include "ast/ast.h"
#include "base/diag_codes.h"
#include "souple/diagnostic.h"

namespace souple::internal {

class AstBuilder {
 public:
  AstBuilder(std::string path, Diagnostics& diags, uint32_t max_depth)
      : path_(std::move(path)), diags_(diags), max_depth_(max_depth) {}

  ast::File BuildFile(grammar::SoupleParser::FileContext* ctx);

 private:
  using P = grammar::SoupleParser;
  // Declarations (ast_builder_decl.cc).
  ast::Unit BuildUnit(bool is_module, P::QualifiedNameContext* name,
                      const std::vector<antlr4::tree::TerminalNode*>& docs,
                      const std::vector<P::ItemContext*>& items);
  void BuildItem(P::ItemContext* item, ast::Unit& unit);
  ast::SourceDecl BuildSource(P::SourceItemContext* ctx);
  ast::TableDecl BuildTable(P::TableItemContext* ctx);
  ast::Period BuildPeriod(P::PeriodContext* ctx);
  ast::RuleDecl BuildRule(P::RuleItemContext* ctx);
  void BuildClause(P::ClauseContext* clause, ast::RuleDecl& rule, int& stage);
  void AddLocalized(P::LocalizedContext* ctx, ast::Localized& out, const char* what);

  // Expressions (ast_builder_expr.cc).
  ast::ExprPtr BuildExpr(P::ExprContext* ctx, uint32_t depth = 0);
  ast::ExprPtr BuildLiteral(P::LiteralContext* ctx);
  ast::ExprPtr BuildBinder(ast::ExprKind kind, P::IdentContext* var, P::ExprContext* list,
                           P::ExprContext* body, antlr4::ParserRuleContext* ctx,
                           uint32_t depth);

  // Helpers.
  ast::Span SpanOf(antlr4::Token* start, antlr4::Token* stop) const;
  ast::Span SpanOf(antlr4::ParserRuleContext* ctx) const;
  ast::Span SpanOf(antlr4::tree::TerminalNode* node) const;
  std::string Unquote(antlr4::tree::TerminalNode* string_token);
  std::string QualifiedName(P::QualifiedNameContext* ctx) const;
  std::string DocText(const std::vector<antlr4::tree::TerminalNode*>& docs) const;
  void Error(DiagCode code, const std::string& message, const ast::Span& span,
             std::vector<std::string> help = {});

  std::string path_;
  Diagnostics& diags_;
  uint32_t max_depth_;
  bool depth_reported_ = false;
};

}  // namespace souple::internal
