// SPDX-License-Identifier: Apache-2.0
// AstBuilder, expressions and literals.
#include <limits>

#include "syntax/ast_builder.h"

namespace souple::internal {

namespace {
ast::ExprPtr Node(ast::ExprKind kind, const ast::Span& span) {
  auto e = std::make_unique<ast::Expr>();
  e->kind = kind;
  e->span = span;
  return e;
}

// Widens `span` to cover `other` when both sit on one line.
ast::Span Join(ast::Span a, const ast::Span& b) {
  if (a.line == b.line && b.end_column > a.end_column) a.end_column = b.end_column;
  return a;
}
}  // namespace

ast::ExprPtr AstBuilder::BuildLiteral(P::LiteralContext* ctx) {
  const ast::Span span = SpanOf(ctx);
  if (ctx->TRUE() != nullptr || ctx->FALSE() != nullptr) {
    auto e = Node(ast::ExprKind::kBool, span);
    e->bool_value = ctx->TRUE() != nullptr;
    return e;
  }
  if (ctx->STRING() != nullptr) {
    auto e = Node(ast::ExprKind::kText, span);
    e->text = Unquote(ctx->STRING());
    return e;
  }
  if (ctx->DATE() != nullptr) {
    auto e = Node(ast::ExprKind::kDate, span);
    auto d = ParseDate(ctx->DATE()->getText());
    if (!d) {
      Error(DiagCode::kInvalidLiteral, "`" + ctx->DATE()->getText() + "` is not a calendar date",
            span);
    }
    e->date_value = d.value_or(0);
    return e;
  }
  // INT, possibly followed by a duration unit.
  const std::string digits = ctx->INT()->getText();
  int64_t value = 0;
  bool overflow = digits.size() > 15;
  if (!overflow) value = std::stoll(digits);
  if (ctx->durationUnit() == nullptr) {
    if (overflow) Error(DiagCode::kInvalidLiteral, "integer literal is too large", span);
    auto e = Node(ast::ExprKind::kInt, span);
    e->int_value = value;
    return e;
  }
  auto e = Node(ast::ExprKind::kDuration, span);
  auto* unit = ctx->durationUnit();
  const bool years = unit->YEAR() || unit->YEARS();
  const bool months = unit->MONTH() || unit->MONTHS();
  const int64_t limit = 100000;
  if (overflow || value > limit) {
    Error(DiagCode::kInvalidLiteral, "duration literal is too large (limit " +
                                         std::to_string(limit) + " units)", span);
    value = 0;
  }
  if (years) {
    e->duration_value.months = static_cast<int32_t>(value * 12);
  } else if (months) {
    e->duration_value.months = static_cast<int32_t>(value);
  } else {
    e->duration_value.days = static_cast<int32_t>(value);
  }
  return e;
}

ast::ExprPtr AstBuilder::BuildBinder(ast::ExprKind kind, P::IdentContext* var,
                                     P::ExprContext* list, P::ExprContext* body,
                                     antlr4::ParserRuleContext* ctx, uint32_t depth) {
  auto e = Node(kind, SpanOf(ctx->getStart(), ctx->getStart()));
  e->text = var->getText();
  e->name_span = SpanOf(var);
  e->kids.push_back(BuildExpr(list, depth + 1));
  e->kids.push_back(BuildExpr(body, depth + 1));
  return e;
}

ast::ExprPtr AstBuilder::BuildExpr(P::ExprContext* ctx, uint32_t depth) {
  if (ctx == nullptr) return Node(ast::ExprKind::kBool, {});
  if (depth > max_depth_) {
    if (!depth_reported_) {
      Error(DiagCode::kNestingTooDeep,
            "expression nesting exceeds the limit of " + std::to_string(max_depth_), SpanOf(ctx));
      depth_reported_ = true;
    }
    return Node(ast::ExprKind::kBool, SpanOf(ctx));
  }
  const uint32_t d = depth + 1;
  auto binary = [&](ast::BinaryOp op, P::ExprContext* l, P::ExprContext* r, antlr4::Token* tok) {
    auto e = Node(ast::ExprKind::kBinary, SpanOf(tok, tok));
    e->op = op;
    e->kids.push_back(BuildExpr(l, d));
    e->kids.push_back(BuildExpr(r, d));
    return e;
  };
  if (auto* p = dynamic_cast<P::ParenExprContext*>(ctx)) return BuildExpr(p->expr(), d);
  if (auto* lit = dynamic_cast<P::LiteralExprContext*>(ctx)) return BuildLiteral(lit->literal());
  if (auto* list = dynamic_cast<P::ListExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kList, SpanOf(ctx));
    for (auto* item : list->expr()) e->kids.push_back(BuildExpr(item, d));
    return e;
  }
  if (auto* call = dynamic_cast<P::CallExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kCall, SpanOf(ctx));
    e->text = call->ident()->getText();
    e->name_span = SpanOf(call->ident());
    for (auto* arg : call->expr()) e->kids.push_back(BuildExpr(arg, d));
    return e;
  }
  if (auto* name = dynamic_cast<P::NameExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kName, SpanOf(ctx));
    e->text = name->getText();
    e->name_span = e->span;
    return e;
  }
  if (auto* field = dynamic_cast<P::FieldExprContext*>(ctx)) {
    auto inner = BuildExpr(field->expr(), d);
    auto e = Node(ast::ExprKind::kField, Join(inner->span, SpanOf(field->ident())));
    e->text = field->ident()->getText();
    e->name_span = SpanOf(field->ident());
    e->kids.push_back(std::move(inner));
    return e;
  }
  if (auto* index = dynamic_cast<P::IndexExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kIndex, SpanOf(ctx));
    e->kids.push_back(BuildExpr(index->expr(0), d));
    e->kids.push_back(BuildExpr(index->expr(1), d));
    return e;
  }
  if (auto* neg = dynamic_cast<P::NegExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kNeg, SpanOf(neg->MINUS()));
    e->kids.push_back(BuildExpr(neg->expr(), d));
    return e;
  }
  if (auto* n = dynamic_cast<P::NotExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kNot, SpanOf(n->NOT()));
    e->kids.push_back(BuildExpr(n->expr(), d));
    return e;
  }
  if (auto* add = dynamic_cast<P::AdditiveExprContext*>(ctx)) {
    return binary(add->op->getType() == grammar::SoupleParser::PLUS ? ast::BinaryOp::kAdd
                                                                   : ast::BinaryOp::kSub,
                  add->expr(0), add->expr(1), add->op);
  }
  if (auto* cmp = dynamic_cast<P::CompareExprContext*>(ctx)) {
    ast::BinaryOp op = ast::BinaryOp::kEq;
    switch (cmp->op->getType()) {
      case grammar::SoupleParser::NE: op = ast::BinaryOp::kNe; break;
      case grammar::SoupleParser::LT: op = ast::BinaryOp::kLt; break;
      case grammar::SoupleParser::LE: op = ast::BinaryOp::kLe; break;
      case grammar::SoupleParser::GT: op = ast::BinaryOp::kGt; break;
      case grammar::SoupleParser::GE: op = ast::BinaryOp::kGe; break;
      default: break;
    }
    return binary(op, cmp->expr(0), cmp->expr(1), cmp->op);
  }
  if (auto* in = dynamic_cast<P::InExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kIn, SpanOf(in->IN()));
    e->bool_value = in->NOT() != nullptr;
    e->kids.push_back(BuildExpr(in->expr(0), d));
    e->kids.push_back(BuildExpr(in->expr(1), d));
    return e;
  }
  if (auto* a = dynamic_cast<P::AndExprContext*>(ctx)) {
    return binary(ast::BinaryOp::kAnd, a->expr(0), a->expr(1), a->AND()->getSymbol());
  }
  if (auto* o = dynamic_cast<P::OrExprContext*>(ctx)) {
    return binary(ast::BinaryOp::kOr, o->expr(0), o->expr(1), o->OR()->getSymbol());
  }
  if (auto* imp = dynamic_cast<P::ImpliesExprContext*>(ctx)) {
    return binary(ast::BinaryOp::kImplies, imp->expr(0), imp->expr(1),
                  imp->IMPLIES()->getSymbol());
  }
  if (auto* q = dynamic_cast<P::QuantExprContext*>(ctx)) {
    auto e = BuildBinder(ast::ExprKind::kQuantifier, q->ident(), q->expr(0), q->expr(1), q, depth);
    e->bool_value = q->EVERY() != nullptr;
    return e;
  }
  if (auto* c = dynamic_cast<P::CountExprContext*>(ctx)) {
    return BuildBinder(ast::ExprKind::kCount, c->ident(), c->expr(0), c->expr(1), c, depth);
  }
  if (auto* f = dynamic_cast<P::FirstExprContext*>(ctx)) {
    return BuildBinder(ast::ExprKind::kFirst, f->ident(), f->expr(0), f->expr(1), f, depth);
  }
  if (auto* i = dynamic_cast<P::IfExprContext*>(ctx)) {
    auto e = Node(ast::ExprKind::kIf, SpanOf(i->IF()));
    for (auto* k : i->expr()) e->kids.push_back(BuildExpr(k, d));
    return e;
  }
  Error(DiagCode::kSyntaxError, "unsupported expression", SpanOf(ctx));
  return Node(ast::ExprKind::kBool, SpanOf(ctx));
}

}  // namespace souple::internal
