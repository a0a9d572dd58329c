// SPDX-License-Identifier: Apache-2.0
// Checks rules and elaborates them, with their messages, into CompiledRule.
#include <algorithm>

#include "base/suggest.h"
#include "base/utf8.h"
#include "sema/checker_internal.h"
#include "sema/rules.h"
#include "sema/vocabulary.h"

namespace souple::internal {

namespace {

bool OneOf(const std::string& v, const std::vector<std::string>& set) {
  for (const auto& s : set) {
    if (s == v) return true;
  }
  return false;
}

// Limits (docs/limits.md): a placeholder names a field a few levels down, a message shows a
// handful of facts.
constexpr size_t kMaxPlaceholderSegments = 32;
constexpr size_t kMaxPlaceholders = 256;

bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool IsIdentChar(char c) { return IsIdentStart(c) || (c >= '0' && c <= '9'); }
}  // namespace

MessageTemplate CompileMessage(const std::string& text, const ast::Span& string_span, ExprChecker& checker) {
  MessageTemplate out;
  std::string literal;
  // Columns of a placeholder: the string's opening quote, then code points into the text
  // (exact unless an escape sequence precedes it).
  // Code points before each byte, counted once: a message with many placeholders stays linear.
  std::vector<uint32_t> code_points_before(text.size() + 1, 0);
  for (size_t b = 0; b < text.size(); ++b) {
    code_points_before[b + 1] =
        code_points_before[b] + ((static_cast<unsigned char>(text[b]) & 0xC0) != 0x80 ? 1 : 0);
  }
  auto column_of = [&](size_t byte) {
    return string_span.column + 1 + code_points_before[std::min(byte, text.size())];
  };
  size_t placeholders = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '{' && i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    if (c == '}' && i + 1 < text.size() && text[i + 1] == '}') {
      literal += '}';
      ++i;
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    const size_t close = text.find('}', i);
    const std::string inner = close == std::string::npos ? "" : text.substr(i + 1, close - i - 1);
    const ast::Span span{string_span.line, column_of(i),
                         close == std::string::npos ? column_of(i) : column_of(close)};
    // A placeholder is a dotted path: name(.name)*
    bool valid = !inner.empty() && IsIdentStart(inner[0]);
    for (size_t k = 0; valid && k < inner.size(); ++k) {
      valid = IsIdentChar(inner[k]) || (inner[k] == '.' && k + 1 < inner.size() && IsIdentStart(inner[k + 1]));
    }
    if (!valid) {
      checker.reporter().Error(DiagCode::kInvalidPlaceholder,
                               "invalid placeholder `{" + inner + "}`: use `{name.field}`, or `{{` for a brace",
                               span);
      return out;
    }
    const size_t segments = 1 + static_cast<size_t>(std::count(inner.begin(), inner.end(), '.'));
    if (segments > kMaxPlaceholderSegments || ++placeholders > kMaxPlaceholders) {
      checker.reporter().Error(
          DiagCode::kInvalidPlaceholder,
          segments > kMaxPlaceholderSegments
              ? "placeholder path of " + std::to_string(segments) + " fields exceeds the limit of " +
                    std::to_string(kMaxPlaceholderSegments)
              : "message has more than " + std::to_string(kMaxPlaceholders) + " placeholders",
          span);
      return out;
    }
    if (!literal.empty()) out.parts.push_back({std::move(literal), nullptr});
    literal.clear();
    // Build the path as AST, then check it like any expression.
    ast::ExprPtr expr;
    size_t start = 0;
    while (start <= inner.size()) {
      size_t dot = inner.find('.', start);
      if (dot == std::string::npos) dot = inner.size();
      auto node = std::make_unique<ast::Expr>();
      node->span = span;
      node->name_span = ast::Span{span.line, column_of(i + 1 + start), column_of(i + dot) - 1};
      node->text = inner.substr(start, dot - start);
      if (expr == nullptr) {
        node->kind = ast::ExprKind::kName;
        node->span = node->name_span;
      } else {
        node->kind = ast::ExprKind::kField;
        node->kids.push_back(std::move(expr));
      }
      expr = std::move(node);
      start = dot + 1;
    }
    out.parts.push_back({"", checker.Check(*expr)});
    i = close;
  }
  if (!literal.empty()) out.parts.push_back({std::move(literal), nullptr});
  return out;
}

namespace {

Period ToPeriod(const ast::Period& p) { return Period{p.effective, p.until}; }

// A piece dated inside an enclosing period [start, until): it may start later and end
// earlier, not outside it.
bool CheckPeriod(const ast::Period& p, Date start, std::optional<Date> until, const std::string& what,
                 const Reporter& reporter) {
  if (p.effective && *p.effective < start) {
    reporter.Error(DiagCode::kInvalidDates,
                   what + " takes effect on " + FormatDate(*p.effective) + ", before what contains it (" +
                       FormatDate(start) + ")",
                   p.span);
    return false;
  }
  if (p.effective && until && *p.effective >= *until) {
    reporter.Error(DiagCode::kInvalidDates,
                   what + " takes effect on " + FormatDate(*p.effective) + ", when what contains it is no longer in force (" +
                       FormatDate(*until) + ")",
                   p.span);
    return false;
  }
  if (p.until && *p.until <= start) {
    reporter.Error(DiagCode::kInvalidDates,
                   what + " ends on " + FormatDate(*p.until) + ", before what contains it takes effect (" +
                       FormatDate(start) + ")",
                   p.span);
    return false;
  }
  return true;
}

// The date a source text exists from: its adoption, else its publication.
std::optional<Date> SourceDate(const CompiledSource& s) {
  if (!s.adopted.empty()) return ParseDate(s.adopted);
  if (!s.published.empty()) return ParseDate(s.published);
  return std::nullopt;
}

}  // namespace

CompiledRule CompileRule(const ast::RuleDecl& decl, const std::string& policy_id,
                         const UnitEnv& env, const Type* root, TypeArena& types,
                         const Reporter& reporter, ExpansionBudget& budget,
                         Date policy_effective, std::optional<Date> policy_until) {
  CompiledRule rule;
  rule.id = decl.id;
  rule.full_id = policy_id + "." + decl.id;
  rule.kind = decl.kind;
  rule.confidence = decl.confidence;
  rule.covers = decl.covers;
  rule.doc = decl.doc;
  rule.file = reporter.file();
  rule.span = decl.span;
  rule.note_fr = decl.note.fr;
  rule.note_en = decl.note.en;
  for (const auto& s : decl.see) rule.see.push_back(s.name);

  if (decl.kind.empty()) {
    reporter.Error(DiagCode::kMissingClause, "rule `" + decl.id + "` has no `kind`", decl.span,
                   {"add `kind obligation`, `formality`, `recommendation` or `good_practice`"});
  } else if (!OneOf(decl.kind, RuleKinds())) {
    reporter.Error(DiagCode::kInvalidClauseValue, "unknown kind `" + decl.kind + "`", decl.kind_span,
                   DidYouMean(decl.kind, RuleKinds()));
  }
  if (decl.confidence.empty()) {
    reporter.Error(DiagCode::kMissingClause, "rule `" + decl.id + "` has no `confidence`", decl.span,
                   {"add `confidence confirmed`, `secondary` or `unverified`"});
  } else if (!OneOf(decl.confidence, Confidences())) {
    reporter.Error(DiagCode::kInvalidClauseValue, "unknown confidence `" + decl.confidence + "`",
                   decl.confidence_span, DidYouMean(decl.confidence, Confidences()));
  }
  if (decl.citations.empty()) {
    reporter.Error(DiagCode::kMissingClause, "rule `" + decl.id + "` cites no source", decl.span,
                   {"add `cite SOURCE \"section\"`: every rule cites the text it encodes"});
  }
  if (!decl.message.has_fr || !decl.message.has_en) {
    reporter.Error(DiagCode::kMissingClause,
                   std::string("rule `") + decl.id + "` has no " +
                       (!decl.message.has_fr ? "French" : "English") + " message",
                   decl.span);
  }
  // Dated doctrine: the rule within its policy, exceptions and citations within the rule.
  if (!decl.period.empty() && CheckPeriod(decl.period, policy_effective, policy_until, "rule `" + decl.id + "`", reporter)) {
    rule.period = ToPeriod(decl.period);
  }
  const Date rule_start = rule.period.effective.value_or(policy_effective);
  std::optional<Date> rule_until = rule.period.until ? rule.period.until : policy_until;
  if (rule_until && policy_until && *policy_until < *rule_until) rule_until = policy_until;

  std::vector<std::string> source_ids;
  for (const auto& [id, s] : env.sources) source_ids.push_back(id);
  for (const auto& c : decl.citations) {
    auto it = env.sources.find(c.source);
    if (it == env.sources.end()) {
      reporter.Error(DiagCode::kUnknownSource, "unknown source `" + c.source + "`", c.span,
                     DidYouMean(c.source, source_ids));
      continue;
    }
    if (c.section.empty()) {
      reporter.Error(DiagCode::kMissingClause,
                     "citation of `" + c.source + "` names no section or paragraph", c.span);
    }
    CompiledCitation cited{it->second, c.section, {}};
    if (!c.period.empty() && CheckPeriod(c.period, rule_start, rule_until, "citation of `" + c.source + "`", reporter)) {
      cited.period = ToPeriod(c.period);
    }
    // Doctrine cannot apply before its text exists: a citation of a later text must say when
    // it enters (or the rule must).
    const Date cite_start = cited.period.effective.value_or(rule_start);
    if (const auto dated = SourceDate(*it->second); dated && *dated > cite_start && policy_effective != 0) {
      reporter.Warning(DiagCode::kCitationPredatesSource,
                       "`" + c.source + "` is dated " + FormatDate(*dated) + ", after the citing rule `" + decl.id +
                           "` takes effect (" + FormatDate(cite_start) + "): the report would cite it before it existed",
                       c.span,
                       {"date the citation: `cite " + c.source + " \"" + c.section + "\" effective " + FormatDate(*dated) +
                            "`, or the rule (`effective " + FormatDate(*dated) + "`)"});
    }
    rule.citations.push_back(std::move(cited));
  }
  if (!rule.citations.empty()) {
    bool cited_at_start = false;
    for (const auto& c : rule.citations) cited_at_start = cited_at_start || c.period.Contains(rule_start);
    if (!cited_at_start) {
      reporter.Error(DiagCode::kInvalidDates,
                     "rule `" + decl.id + "` cites no source in force on " + FormatDate(rule_start) +
                         ", when it takes effect",
                     decl.span, {"date the rule (`effective DATE`) from its first citation"});
    }
  }

  ExprChecker checker(env, root, types, reporter, &budget);
  size_t bound = 0;
  for (const auto& loop : decl.fors) {
    NodePtr list = checker.Check(*loop.list);
    const Type* element = types.Error();
    if (list->type->kind == TypeKind::kList) {
      element = list->type->element;
    } else if (list->type->kind != TypeKind::kError) {
      reporter.Error(DiagCode::kTypeMismatch, "`for` must range over a list, found " + TypeName(list->type),
                     loop.list->span);
    }
    const uint32_t slot = checker.Bind(loop.var, element);
    rule.fors.push_back({slot, std::move(list)});
    ++bound;
  }
  for (const auto& let : decl.lets) {
    NodePtr value = checker.Check(*let.value);
    checker.BindLet(let.name, value->type, static_cast<uint32_t>(rule.lets.size()));
    rule.lets.push_back(std::move(value));
    ++bound;
  }
  if (decl.when != nullptr) rule.when = checker.CheckBool(*decl.when, "`when`");
  for (const auto& ex : decl.exceptions) {
    Period period;
    if (!ex.period.empty() && CheckPeriod(ex.period, rule_start, rule_until, "exception", reporter)) {
      period = ToPeriod(ex.period);
    }
    rule.exceptions.push_back({checker.CheckBool(*ex.condition, "`unless`"), ex.because.fr, ex.because.en, period});
    if (ex.because.has_fr != ex.because.has_en) {
      reporter.Error(DiagCode::kMissingClause, "an exception reason needs both `fr` and `en`", ex.span);
    }
  }
  if (decl.met != nullptr) rule.met = checker.CheckBool(*decl.met, "`met when`");
  rule.message_fr = CompileMessage(decl.message.fr, decl.message.fr_text_span, checker);
  rule.message_en = CompileMessage(decl.message.en, decl.message.en_text_span, checker);
  checker.Unbind(bound);
  rule.frame_size = checker.frame_size();
  return rule;
}

CompiledRule CompileScope(const ast::Unit& unit, const UnitEnv& env, const Type* root, TypeArena& types,
                          const Reporter& reporter, ExpansionBudget& budget) {
  CompiledRule scope;
  scope.id = "scope";
  scope.full_id = unit.id + ":scope";
  scope.kind = "scope";
  scope.confidence = "confirmed";
  scope.file = reporter.file();
  scope.span = unit.applies_span;
  if (!unit.applies_text.has_fr || !unit.applies_text.has_en) {
    reporter.Error(DiagCode::kMissingClause,
                   "`applies to` needs a description in both languages: what the policy is about",
                   unit.applies_span, {"add `fr \"traitements de données de santé\" en \"processing of health data\"`"});
  }
  ExprChecker checker(env, root, types, reporter, &budget);
  scope.met = checker.CheckBool(*unit.applies, "`applies to`");
  scope.message_fr.parts.push_back({unit.applies_text.fr, nullptr});
  scope.message_en.parts.push_back({unit.applies_text.en, nullptr});
  scope.frame_size = checker.frame_size();
  return scope;
}

}  // namespace souple::internal
