// SPDX-License-Identifier: Apache-2.0
// AstBuilder, declarations: policies, modules, header items, sources, tables, rules.
#include "base/utf8.h"
#include "syntax/ast_builder.h"

namespace souple::internal {

namespace {
const char* const kRuleClauseOrder =
    "clauses go in this order: kind, confidence, covers, effective/until, for, let, when, unless, met when, "
    "cite, see, note, messages";
}  // namespace

ast::Span AstBuilder::SpanOf(antlr4::Token* start, antlr4::Token* stop) const {
  ast::Span s;
  if (start == nullptr) return s;
  s.line = static_cast<uint32_t>(start->getLine());
  s.column = static_cast<uint32_t>(start->getCharPositionInLine() + 1);
  antlr4::Token* last = (stop != nullptr && stop->getLine() == start->getLine() &&
                         stop->getStopIndex() >= start->getStartIndex())
                            ? stop
                            : start;
  s.end_column = static_cast<uint32_t>(last->getCharPositionInLine() + 1 +
                                       CodePointCount(last->getText())) - 1;
  if (s.end_column < s.column) s.end_column = s.column;
  return s;
}

ast::Span AstBuilder::SpanOf(antlr4::ParserRuleContext* ctx) const {
  return SpanOf(ctx->getStart(), ctx->getStop());
}

ast::Span AstBuilder::SpanOf(antlr4::tree::TerminalNode* node) const {
  return SpanOf(node->getSymbol(), node->getSymbol());
}

void AstBuilder::Error(DiagCode code, const std::string& message, const ast::Span& span,
                       std::vector<std::string> help) {
  diags_.Add(MakeError(code, message, Location{path_, span.line, span.column, span.end_column},
                       std::move(help)));
}

std::string AstBuilder::QualifiedName(P::QualifiedNameContext* ctx) const {
  std::string out;
  for (auto* id : ctx->ident()) {
    if (!out.empty()) out += '.';
    out += id->getText();
  }
  return out;
}

std::string AstBuilder::DocText(const std::vector<antlr4::tree::TerminalNode*>& docs) const {
  std::string out;
  for (auto* d : docs) {
    std::string line = d->getText().substr(3);
    if (!line.empty() && line[0] == ' ') line.erase(0, 1);
    if (!out.empty()) out += '\n';
    out += line;
  }
  return out;
}

namespace {
void AppendUtf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}
}  // namespace

std::string AstBuilder::Unquote(antlr4::tree::TerminalNode* tok) {
  const std::string raw = tok->getText();
  std::string out;
  for (size_t i = 1; i + 1 < raw.size(); ++i) {
    if (raw[i] != '\\') {
      out += raw[i];
      continue;
    }
    const char e = raw[++i];
    switch (e) {
      case 'n': out += '\n'; break;
      case 't': out += '\t'; break;
      case 'r': out += '\r'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'u': {
        const uint32_t cp = static_cast<uint32_t>(std::stoul(raw.substr(i + 1, 4), nullptr, 16));
        if (cp >= 0xD800 && cp <= 0xDFFF) {
          Error(DiagCode::kInvalidLiteral, "a `\\u` escape cannot encode a surrogate", SpanOf(tok));
        } else {
          AppendUtf8(out, cp);
        }
        i += 4;
        break;
      }
      default: out += e;  // \" \\ \/
    }
  }
  return out;
}

void AstBuilder::AddLocalized(P::LocalizedContext* ctx, ast::Localized& out, const char* what) {
  const bool fr = ctx->LANG()->getText() == "fr";
  bool& has = fr ? out.has_fr : out.has_en;
  if (has) {
    Error(DiagCode::kDuplicateClause,
          std::string("duplicate ") + (fr ? "French" : "English") + " " + what, SpanOf(ctx));
    return;
  }
  has = true;
  (fr ? out.fr : out.en) = Unquote(ctx->STRING());
  (fr ? out.fr_span : out.en_span) = SpanOf(ctx);
  (fr ? out.fr_text_span : out.en_text_span) = SpanOf(ctx->STRING());
}

ast::File AstBuilder::BuildFile(P::FileContext* ctx) {
  ast::File file;
  file.path = path_;
  for (auto* child : ctx->children) {
    if (auto* p = dynamic_cast<P::PolicyDeclContext*>(child)) {
      file.units.push_back(BuildUnit(false, p->qualifiedName(), p->DOC(), p->item()));
    } else if (auto* m = dynamic_cast<P::ModuleDeclContext*>(child)) {
      file.units.push_back(BuildUnit(true, m->qualifiedName(), m->DOC(), m->item()));
    }
  }
  return file;
}

ast::Unit AstBuilder::BuildUnit(bool is_module, P::QualifiedNameContext* name,
                                const std::vector<antlr4::tree::TerminalNode*>& docs,
                                const std::vector<P::ItemContext*>& items) {
  ast::Unit unit;
  unit.is_module = is_module;
  unit.id = QualifiedName(name);
  unit.span = SpanOf(name);
  unit.doc = DocText(docs);
  for (auto* item : items) BuildItem(item, unit);
  return unit;
}

void AstBuilder::BuildItem(P::ItemContext* item, ast::Unit& unit) {
  auto header_only = [&](const char* what) {
    if (!unit.is_module) return true;
    Error(DiagCode::kInvalidClauseValue,
          std::string("a module cannot declare `") + what + "`: only sources, defs and tables",
          SpanOf(item));
    return false;
  };
  auto once = [&](bool already, const char* what) {
    if (already) Error(DiagCode::kDuplicateClause, std::string("duplicate `") + what + "`", SpanOf(item));
    return !already;
  };
  if (auto* t = dynamic_cast<P::TitleItemContext*>(item)) {
    for (auto* l : t->localized()) AddLocalized(l, unit.title, "title");
  } else if (auto* v = dynamic_cast<P::VersionItemContext*>(item)) {
    if (header_only("version") && once(!unit.version.empty(), "version")) {
      unit.version = Unquote(v->STRING());
      unit.version_span = SpanOf(v->STRING());
    }
  } else if (auto* s = dynamic_cast<P::StatusItemContext*>(item)) {
    if (header_only("status") && once(!unit.status.empty(), "status")) {
      unit.status = s->ident()->getText();
      unit.status_span = SpanOf(s->ident());
    }
  } else if (auto* e = dynamic_cast<P::EffectiveItemContext*>(item)) {
    if (header_only("effective") && once(unit.effective.has_value(), "effective")) {
      unit.effective_span = SpanOf(e->DATE());
      unit.effective = ParseDate(e->DATE()->getText());
      if (!unit.effective) {
        Error(DiagCode::kInvalidLiteral, "`" + e->DATE()->getText() + "` is not a calendar date",
              unit.effective_span);
        unit.effective = 0;
      }
    }
  } else if (auto* u = dynamic_cast<P::UntilItemContext*>(item)) {
    if (header_only("until") && once(unit.until.has_value(), "until")) {
      unit.until_span = SpanOf(u->DATE());
      unit.until = ParseDate(u->DATE()->getText());
      if (!unit.until) {
        Error(DiagCode::kInvalidLiteral, "`" + u->DATE()->getText() + "` is not a calendar date",
              unit.until_span);
        unit.until = 0;
      }
    }
  } else if (auto* sup = dynamic_cast<P::SupersedesItemContext*>(item)) {
    if (header_only("supersedes")) {
      unit.supersedes.push_back({QualifiedName(sup->qualifiedName()),
                                 sup->STRING() ? Unquote(sup->STRING()) : std::string(),
                                 SpanOf(sup->qualifiedName())});
    }
  } else if (auto* ap = dynamic_cast<P::AppliesItemContext*>(item)) {
    if (header_only("applies to") && once(unit.applies != nullptr, "applies to")) {
      unit.applies_span = SpanOf(item);
      unit.applies = BuildExpr(ap->expr());
      for (auto* l : ap->localized()) AddLocalized(l, unit.applies_text, "applies to");
    }
  } else if (auto* imp = dynamic_cast<P::ImportItemContext*>(item)) {
    unit.imports.push_back({QualifiedName(imp->qualifiedName()), "", SpanOf(imp->qualifiedName())});
  } else if (auto* src = dynamic_cast<P::SourceItemContext*>(item)) {
    unit.sources.push_back(BuildSource(src));
  } else if (auto* def = dynamic_cast<P::DefItemContext*>(item)) {
    ast::DefDecl d;
    auto ids = def->ident();
    d.name = ids[0]->getText();
    d.span = SpanOf(ids[0]);
    d.has_parens = def->LPAREN() != nullptr;
    for (size_t i = 1; i < ids.size(); ++i) d.params.push_back(ids[i]->getText());
    d.body = BuildExpr(def->expr());
    unit.defs.push_back(std::move(d));
  } else if (auto* table = dynamic_cast<P::TableItemContext*>(item)) {
    unit.tables.push_back(BuildTable(table));
  } else if (auto* rule = dynamic_cast<P::RuleItemContext*>(item)) {
    if (header_only("rule")) unit.rules.push_back(BuildRule(rule));
  }
}

ast::SourceDecl AstBuilder::BuildSource(P::SourceItemContext* ctx) {
  ast::SourceDecl s;
  s.id = ctx->ident()->getText();
  s.span = SpanOf(ctx->ident());
  for (auto* f : ctx->sourceField()) {
    auto ids = f->ident();
    ast::SourceField field;
    field.name = ids[0]->getText();
    field.span = SpanOf(f);
    if (f->STRING() != nullptr) {
      field.value = Unquote(f->STRING());
    } else if (f->DATE() != nullptr) {
      field.value = f->DATE()->getText();
      if (!ParseDate(field.value)) {
        Error(DiagCode::kInvalidLiteral, "`" + field.value + "` is not a calendar date",
              SpanOf(f->DATE()));
      }
    } else if (ids.size() > 1) {
      field.value = ids[1]->getText();
    }
    if (s.Find(field.name) != nullptr) {
      Error(DiagCode::kDuplicateClause, "duplicate source field `" + field.name + "`", field.span);
      continue;
    }
    s.fields.push_back(std::move(field));
  }
  return s;
}

ast::TableDecl AstBuilder::BuildTable(P::TableItemContext* ctx) {
  ast::TableDecl t;
  t.name = ctx->ident()->getText();
  t.span = SpanOf(ctx->ident());
  for (auto* c : ctx->column()) {
    ast::Column col;
    col.name = c->ident()->getText();
    col.type_name = c->typeName()->ident()->getText();
    col.optional = c->typeName()->QUESTION() != nullptr;
    col.is_key = c->KEY() != nullptr;
    col.span = SpanOf(c);
    t.columns.push_back(std::move(col));
  }
  for (auto* r : ctx->row()) {
    std::vector<ast::Cell> cells;
    for (auto* c : r->cell()) {
      ast::Cell cell;
      cell.span = SpanOf(c);
      if (c->literal() != nullptr) cell.literal = BuildLiteral(c->literal());
      cells.push_back(std::move(cell));
    }
    t.rows.push_back(std::move(cells));
    t.row_spans.push_back(SpanOf(r));
  }
  return t;
}

ast::Period AstBuilder::BuildPeriod(P::PeriodContext* ctx) {
  ast::Period period;
  period.span = SpanOf(ctx);
  auto dates = ctx->DATE();
  size_t i = 0;
  auto parse = [&](std::optional<Date>& out) {
    out = ParseDate(dates[i]->getText());
    if (!out) {
      Error(DiagCode::kInvalidLiteral, "`" + dates[i]->getText() + "` is not a calendar date", SpanOf(dates[i]));
      out = 0;
    }
    ++i;
  };
  if (ctx->EFFECTIVE() != nullptr) parse(period.effective);
  if (ctx->UNTIL() != nullptr) parse(period.until);
  if (period.effective && period.until && *period.until <= *period.effective) {
    Error(DiagCode::kInvalidDates, "`until` must come after `effective`", period.span);
  }
  return period;
}

ast::RuleDecl AstBuilder::BuildRule(P::RuleItemContext* ctx) {
  ast::RuleDecl rule;
  rule.id = ctx->ident()->getText();
  rule.span = SpanOf(ctx->ident());
  rule.doc = DocText(ctx->DOC());
  int stage = 0;
  P::ClauseContext* previous = nullptr;
  for (auto* clause : ctx->clause()) {
    // `note fr "…" en "…"` reads as a French note followed by the rule's English message:
    // say so, rather than report a duplicate or misplaced message. A message is taken for
    // the note's second language when it is on the note's line or indented past `note`
    // (aligned under its `fr`), not when it starts a clause of its own.
    auto* note = dynamic_cast<P::NoteClauseContext*>(previous);
    if (note != nullptr && dynamic_cast<P::MessageClauseContext*>(clause) != nullptr &&
        (clause->getStart()->getLine() == note->getStop()->getLine() ||
         clause->getStart()->getCharPositionInLine() >
             note->getStart()->getCharPositionInLine())) {
      const std::string lang = clause->getStart()->getText();
      Error(DiagCode::kSyntaxError,
            "`" + lang + " \"…\"` after a note is read as the rule's message: a note takes one "
            "language",
            SpanOf(clause), {"write a second clause `note " + lang + " \"…\"`"});
    } else {
      BuildClause(clause, rule, stage);
    }
    previous = clause;
  }
  return rule;
}

// Clause stages, in the documented order; a clause may not come after a later stage.
void AstBuilder::BuildClause(P::ClauseContext* clause, ast::RuleDecl& rule, int& stage) {
  auto order = [&](int s, const char* what) {
    if (s < stage) {
      Error(DiagCode::kClauseOrder, std::string("`") + what + "` is out of order",
            SpanOf(clause), {kRuleClauseOrder});
    }
    if (s > stage) stage = s;
  };
  auto once = [&](bool already, const char* what) {
    if (already) {
      Error(DiagCode::kDuplicateClause, std::string("duplicate `") + what + "` clause",
            SpanOf(clause));
    }
    return !already;
  };
  if (auto* k = dynamic_cast<P::KindClauseContext*>(clause)) {
    order(0, "kind");
    if (once(!rule.kind.empty(), "kind")) {
      rule.kind = k->ident()->getText();
      rule.kind_span = SpanOf(k->ident());
    }
  } else if (auto* c = dynamic_cast<P::ConfidenceClauseContext*>(clause)) {
    order(1, "confidence");
    if (once(!rule.confidence.empty(), "confidence")) {
      rule.confidence = c->ident()->getText();
      rule.confidence_span = SpanOf(c->ident());
    }
  } else if (auto* cov = dynamic_cast<P::CoversClauseContext*>(clause)) {
    order(2, "covers");
    for (auto* s : cov->STRING()) rule.covers.push_back(Unquote(s));
  } else if (auto* pc = dynamic_cast<P::PeriodClauseContext*>(clause)) {
    order(2, "effective");
    if (once(!rule.period.empty(), "effective/until")) rule.period = BuildPeriod(pc->period());
  } else if (auto* f = dynamic_cast<P::ForClauseContext*>(clause)) {
    order(3, "for");
    rule.fors.push_back({f->ident()->getText(), SpanOf(f->ident()), BuildExpr(f->expr())});
  } else if (auto* l = dynamic_cast<P::LetClauseContext*>(clause)) {
    order(4, "let");
    rule.lets.push_back({l->ident()->getText(), SpanOf(l->ident()), BuildExpr(l->expr())});
  } else if (auto* w = dynamic_cast<P::WhenClauseContext*>(clause)) {
    order(5, "when");
    if (once(rule.when != nullptr, "when")) rule.when = BuildExpr(w->expr());
  } else if (auto* u = dynamic_cast<P::UnlessClauseContext*>(clause)) {
    order(6, "unless");
    ast::Exception ex;
    ex.span = SpanOf(u->UNLESS());
    ex.condition = BuildExpr(u->expr());
    for (auto* loc : u->localized()) AddLocalized(loc, ex.because, "exception reason");
    if (u->period() != nullptr) ex.period = BuildPeriod(u->period());
    rule.exceptions.push_back(std::move(ex));
  } else if (auto* m = dynamic_cast<P::MetClauseContext*>(clause)) {
    order(7, "met when");
    if (once(rule.met != nullptr, "met when")) rule.met = BuildExpr(m->expr());
  } else if (auto* ci = dynamic_cast<P::CiteClauseContext*>(clause)) {
    order(8, "cite");
    rule.citations.push_back({ci->ident()->getText(),
                              ci->STRING() ? Unquote(ci->STRING()) : std::string(),
                              SpanOf(ci->ident()),
                              ci->period() != nullptr ? BuildPeriod(ci->period()) : ast::Period{}});
  } else if (auto* see = dynamic_cast<P::SeeClauseContext*>(clause)) {
    order(9, "see");
    rule.see.push_back({QualifiedName(see->qualifiedName()), "", SpanOf(see->qualifiedName())});
  } else if (auto* n = dynamic_cast<P::NoteClauseContext*>(clause)) {
    order(10, "note");
    AddLocalized(n->localized(), rule.note, "note");
  } else if (auto* msg = dynamic_cast<P::MessageClauseContext*>(clause)) {
    order(11, "message");
    AddLocalized(msg->localized(), rule.message, "message");
  }
}

}  // namespace souple::internal
