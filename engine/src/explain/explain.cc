// SPDX-License-Identifier: Apache-2.0
// `souple explain`: one rule decided again for each of its elements, every sub-expression's
// value recorded, turned into the public Explanation (trees, facts, why not).
#include "souple/explain.h"

#include <stdexcept>
#include <unordered_set>

#include "base/diag_codes.h"
#include "base/suggest.h"
#include "engine_impl.h"
#include "eval/rule_cases.h"
#include "explain/why_not.h"
#include "ir/print.h"
#include "report/report_builder.h"
#include "report/selection.h"

namespace souple {

namespace internal {

namespace {


std::string ValueText(const Value& v) {
  if (!v.known()) return "unknown";
  if (v.kind == Value::Kind::kRecord && v.node != nullptr) return PathOf(v.node);
  return CanonicalText(v);
}

std::string UnknownBecause(const Value& v) {
  if (v.reason == UnknownReason::kMissing && v.node != nullptr) {
    return MissingPath(MissingFact{v.node, v.missing_leaf, v.missing_depth}) + " is not stated";
  }
  return UnknownReasonText(v.reason, false);
}

bool ReadsFact(Op op) { return op == Op::kRoot || op == Op::kField; }

class TreeBuilder {
 public:
  TreeBuilder(const Recording& rec, const std::string& activity_path) : rec_(rec), activity_path_(activity_path) {
    kids_.resize(rec.entries.size());
    for (size_t i = 0; i < rec.entries.size(); ++i) {
      if (rec.entries[i].parent >= 0) kids_[rec.entries[i].parent].push_back(static_cast<int>(i));
    }
  }

  ExplainedExpr Build(int entry, const std::string& file) const {
    const Recording::Entry& e = rec_.entries[entry];
    const Node& n = *e.node;
    ExplainedExpr out;
    out.expression = PrintNode(n, true);
    out.value = ValueText(e.value);
    if (!e.value.known()) out.unknown_because = UnknownBecause(e.value);
    if (ReadsFact(n.op) && e.value.node != nullptr && e.value.kind != Value::Kind::kRecord) {
      if (e.value.known()) {
        out.fact = PathOf(e.value.node);
        out.fact_location = FactLocation(activity_path_, e.value.node);
      } else if (e.value.reason == UnknownReason::kMissing) {
        out.fact = MissingPath(MissingFact{e.value.node, e.value.missing_leaf, e.value.missing_depth});
      }
    }
    if (e.iteration) out.element = e.element.node != nullptr ? PathOf(e.element.node) : ValueText(e.element);
    if (n.span.line > 0) {
      out.location = file + ":" + std::to_string(n.span.line) + ":" + std::to_string(n.span.column);
    }
    out.omitted = e.omitted;
    const std::string& body_file = n.def != nullptr ? n.def->file : file;
    if (n.def != nullptr) out.definition = PrintDefBody(n);
    AddParts(entry, file, body_file, out);
    return out;
  }

 private:
  // The bindings of a definition's parameters (kBind) are not written in the policy: their
  // argument and body are listed as parts of the use.
  // An argument is written at the use (`use_file`); the body, in the definition's file.
  void AddParts(int entry, const std::string& use_file, const std::string& body_file, ExplainedExpr& out) const {
    const Node& parent = *rec_.entries[entry].node;
    for (int k : kids_[entry]) {
      const Recording::Entry& kid = rec_.entries[k];
      const bool argument = parent.op == Op::kBind && kid.node == parent.kids[0].get();
      if (kid.node->op == Op::kBind && kid.node->def == nullptr) {
        AddParts(k, use_file, body_file, out);
        out.omitted += kid.omitted;
        continue;
      }
      // A constant is written in its parent; a loop variable or an object on the way to a
      // fact says nothing the fact's path does not.
      if (kid.node->op == Op::kConst || kid.node->op == Op::kConstList) continue;
      if (kid.value.kind == Value::Kind::kRecord &&
          (kid.node->op == Op::kLocal || kid.node->op == Op::kRoot || kid.node->op == Op::kField)) {
        continue;
      }
      out.parts.push_back(Build(k, argument ? use_file : body_file));
    }
  }

  const Recording& rec_;
  const std::string& activity_path_;
  std::vector<std::vector<int>> kids_;
};

std::string PeriodText(const Period& p) {
  std::string out;
  if (p.effective) out += "from " + FormatDate(*p.effective);
  if (p.until) out += std::string(out.empty() ? "" : " ") + "until " + FormatDate(*p.until);
  return out;
}
std::string PeriodTextFr(const Period& p) {
  std::string out;
  if (p.effective) out += "à partir du " + FormatDate(*p.effective);
  if (p.until) out += std::string(out.empty() ? "" : " ") + "jusqu'au " + FormatDate(*p.until);
  return out;
}

struct Target {
  const CompiledPolicy* policy = nullptr;  // the version applied on the date, when there is one
  const CompiledRule* rule = nullptr;
  const PolicyApplication* listing = nullptr;  // why its policy is not applied
};

const CompiledRule* FindRule(const CompiledPolicy& p, const std::string& full_id) {
  for (const auto& r : p.rules) {
    if (r.full_id == full_id) return &r;
  }
  return nullptr;
}

// The rule in the version of its policy applied on the date; else in the latest version
// that has it, with the reason that version is not applied.
Target Resolve(const Program& program, const Selection& selection, const std::string& full_id) {
  Target t;
  for (const CompiledPolicy* p : selection.applied) {
    if (const CompiledRule* r = FindRule(*p, full_id)) {
      t.policy = p;
      t.rule = r;
      return t;
    }
  }
  for (auto it = program.policies.rbegin(); it != program.policies.rend(); ++it) {
    if (const CompiledRule* r = FindRule(*it, full_id)) {
      t.policy = &*it;
      t.rule = r;
      for (const auto& l : selection.listing) {
        if (l.id == it->id && l.version == it->version) t.listing = &l;
      }
      return t;
    }
  }
  return t;
}

void ReportUnknownRule(const Program& program, const std::string& id, Diagnostics& diags) {
  std::vector<std::string> ids;
  for (const auto& p : program.policies) {
    for (const auto& r : p.rules) ids.push_back(r.full_id);
  }
  diags.Add(MakeError(DiagCode::kUnknownRule, "no rule `" + id + "` in the policies", Location{"--rule"},
                      DidYouMean(id, ids)));
}

class Explainer {
 public:
  Explainer(const DocNode& root, const std::string& activity_path, Date date, const ExplainOptions& options)
      : root_(root), activity_path_(activity_path), date_(date), options_(options) {}

  // The explanations of `rule` for the cases whose element matches `element` (all when empty).
  bool ExplainRule(const CompiledPolicy& policy, const CompiledRule& rule, const std::string& element,
                   std::vector<Explanation>& out, std::vector<std::string>& elements_seen) {
    bool matched = false;
    for (const RuleCase& c : EnumerateCases(rule, root_, date_, scratch_)) {
      const std::string key = ElementKey(c.element);
      const std::string path = c.element != nullptr ? PathOf(c.element) : "";
      if (!element.empty() && element != key && element != path) {
        if (!key.empty()) elements_seen.push_back(key);
        continue;
      }
      matched = true;
      out.push_back(ExplainCase(policy, rule, c, key));
    }
    return matched;
  }

  Explanation Header(const CompiledPolicy& policy, const CompiledRule& rule, const std::string& key,
                     const DocNode* element) const {
    Explanation x;
    x.rule_id = rule.full_id;
    x.finding_id = key.empty() ? rule.full_id : rule.full_id + "@" + key;
    x.policy_id = policy.id;
    x.policy_version = policy.version;
    x.kind = rule.kind;
    x.confidence = rule.confidence;
    if (element != nullptr) x.element = PathOf(element);
    return x;
  }

  Explanation ExplainCase(const CompiledPolicy& policy, const CompiledRule& rule, const RuleCase& c,
                          const std::string& key) {
    Explanation x = Header(policy, rule, key, c.element);
    Recording rec;
    ObservedDecision d = DecideCase(rule, root_, date_, c, scratch_, &rec, nullptr);
    x.truncated = rec.truncated;
    x.clauses = scope_clauses_;
    AddClauses(rule, rec, d.marks, rule.file, x);
    if (c.unknown_list) {
      // The `for` list itself is not stated: it is the fact to state first.
      d.trace.Add(d.trace.missing, MissingFact{c.list.node, c.list.missing_leaf, c.list.missing_depth});
    }
    x.status = OutcomeName(d.decision);
    Decided(rule, d.decision, c, x);
    AddFacts(d.trace, x);
    AddMissing(d, x);
    if (options_.why_not) x.why_not = SearchWhyNot(rule, c, d.decision, rec);
    return x;
  }

  // The scope of the policy, when it is not established: the rule is not decided.
  bool ExplainScope(const CompiledPolicy& policy, const CompiledRule& rule, std::vector<Explanation>& out) {
    const CompiledRule& scope = *policy.scope;
    RuleCase c;
    Recording rec;
    ObservedDecision d = DecideCase(scope, root_, date_, c, scratch_, &rec, nullptr);
    Explanation x = Header(policy, rule, "", nullptr);
    x.truncated = rec.truncated;
    AddClauses(scope, rec, d.marks, scope.file, x);
    for (auto& clause : x.clauses) clause.clause = "applies_to";
    if (d.decision.status == FindingStatus::kMet) {
      // In scope: each explanation of the rule starts with it.
      scope_clauses_ = std::move(x.clauses);
      return true;
    }
    const bool out_of_scope = d.decision.status == FindingStatus::kNotMet;
    x.status = out_of_scope ? "out_of_scope" : "scope_unknown";
    const std::string scope_en = scope.message_en.parts.empty() ? "" : scope.message_en.parts.front().text;
    const std::string scope_fr = scope.message_fr.parts.empty() ? "" : scope.message_fr.parts.front().text;
    x.decided_by = std::string(out_of_scope ? "its policy does not apply to this activity"
                                            : "whether its policy applies to this activity cannot be told") +
                   " (scope: " + scope_en + ")";
    x.decided_by_fr = std::string(out_of_scope ? "son texte ne s'applique pas à cette activité"
                                               : "on ne peut pas dire si son texte s'applique à cette activité") +
                      " (champ : " + scope_fr + ")";
    AddFacts(d.trace, x);
    if (!out_of_scope) AddMissingFacts(d.trace.missing, x);
    if (options_.why_not) {
      x.why_not = SearchWhyNot(scope, c, d.decision, rec);
      // The scope is decided as a rule whose `met when` is the policy's `applies to`.
      x.why_not->goal = out_of_scope ? "in_scope" : "decided";
      for (Flip& flip : x.why_not->flips) {
        flip.status = flip.status == "met" ? "in_scope" : flip.status == "not_met" ? "out_of_scope" : "scope_unknown";
      }
    }
    out.push_back(std::move(x));
    return false;
  }

 private:
  void AddClauses(const CompiledRule& rule, const Recording& rec, const std::vector<ClauseMark>& marks,
                  const std::string& file, Explanation& x) {
    TreeBuilder tree(rec, activity_path_);
    for (const ClauseMark& m : marks) {
      ExplainedClause clause;
      switch (m.clause) {
        case ClauseMark::Clause::kWhen: clause.clause = "when"; break;
        case ClauseMark::Clause::kMet: clause.clause = "met_when"; break;
        case ClauseMark::Clause::kException: {
          clause.clause = "unless";
          clause.exception = m.exception + 1;
          clause.because_fr = rule.exceptions[m.exception].because_fr;
          clause.because_en = rule.exceptions[m.exception].because_en;
          break;
        }
      }
      if (m.entry >= 0 && static_cast<size_t>(m.entry) < rec.entries.size() && rec.entries[m.entry].parent < 0) {
        clause.expr = tree.Build(m.entry, file);
      } else {
        clause.expr.value = "unknown";
        clause.expr.unknown_because = "not recorded (the explanation's bound was reached)";
      }
      x.clauses.push_back(std::move(clause));
    }
  }

  void Decided(const CompiledRule& rule, const Decision& d, const RuleCase& c, Explanation& x) const {
    if (!d.applicable) {
      x.decided_by = "its `when` is false: the rule does not apply";
      x.decided_by_fr = "sa condition `when` est fausse : la règle ne s'applique pas";
      return;
    }
    if (c.unknown_list) {
      x.decided_by = "the list its `for` goes through is not stated";
      x.decided_by_fr = "la liste que parcourt son `for` n'est pas renseignée";
      return;
    }
    switch (d.status) {
      case FindingStatus::kExempted:
        x.decided_by = "exception " + std::to_string(d.exception + 1) + " (`unless`) holds";
        x.decided_by_fr = "l'exception " + std::to_string(d.exception + 1) + " (`unless`) est établie";
        if (!rule.exceptions[d.exception].because_en.empty()) {
          x.decided_by += ": " + rule.exceptions[d.exception].because_en;
        }
        if (!rule.exceptions[d.exception].because_fr.empty()) {
          x.decided_by_fr += " : " + rule.exceptions[d.exception].because_fr;
        }
        return;
      case FindingStatus::kMet:
        x.decided_by = "its `met when` is true";
        x.decided_by_fr = "sa condition `met when` est vraie";
        return;
      case FindingStatus::kNotMet:
        x.decided_by = "its `met when` is false";
        x.decided_by_fr = "sa condition `met when` est fausse";
        return;
      case FindingStatus::kApplies:
        x.decided_by = "its `when` is true and no exception holds (the rule has no `met when`)";
        x.decided_by_fr = "sa condition `when` est vraie et aucune exception n'est établie (la règle n'a pas de `met when`)";
        return;
      case FindingStatus::kUnknown: {
        const bool in_when = !x.clauses.empty() && x.clauses.back().clause == "when";  // the last evaluated
        x.decided_by = in_when ? "whether its `when` holds cannot be told" : "whether its `met when` holds cannot be told";
        x.decided_by_fr = in_when ? "on ne peut pas dire si sa condition `when` est remplie"
                                  : "on ne peut pas dire si sa condition `met when` est remplie";
        return;
      }
    }
  }

  void AddFacts(const Trace& trace, Explanation& x) const {
    std::unordered_set<const DocNode*> seen;
    for (const DocNode* n : trace.facts) {
      if (n->kind == DocNode::Kind::kList && n->type->element->kind == TypeKind::kRecord) continue;
      if (!seen.insert(n).second) continue;
      x.facts.push_back(MakeFact(PathOf(n), Value::FromNode(n), n->type, FactLocation(activity_path_, n)));
    }
    std::unordered_set<std::string> cells;
    for (const auto& t : trace.table_reads) {
      std::string path = t.table->name + "[\"" + t.row->key + "\"]." + t.table->row_type->fields[t.column].name;
      if (!cells.insert(path).second) continue;
      x.facts.push_back(MakeFact(std::move(path), t.row->cells[t.column], t.table->row_type->fields[t.column].type, ""));
    }
  }

  void AddMissingFacts(const std::vector<MissingFact>& missing, Explanation& x) const {
    std::unordered_set<std::string> seen;
    for (const MissingFact& m : missing) {
      std::string path = MissingPath(m);
      if (seen.insert(path).second) x.missing.push_back(std::move(path));
    }
  }

  // As the report: an undecided rule needs its missing facts; a rule not met (or that
  // applies) could still be exempted by the facts its undecided exceptions lack.
  void AddMissing(const ObservedDecision& d, Explanation& x) const {
    if (!d.decision.applicable) return;
    switch (d.decision.status) {
      case FindingStatus::kUnknown: AddMissingFacts(d.trace.missing, x); break;
      case FindingStatus::kNotMet:
      case FindingStatus::kApplies: AddMissingFacts(d.trace.exception_missing, x); break;
      default: break;
    }
  }

  std::optional<WhyNot> SearchWhyNot(const CompiledRule& rule, const RuleCase& c, const Decision& d,
                                     const Recording& rec) {
    WhyNotSearch search(rule, root_, date_, c, scratch_);
    return search.Run(d, rec);
  }

  const DocNode& root_;
  const std::string& activity_path_;
  Date date_;
  const ExplainOptions& options_;
  EvalScratch scratch_;
  std::vector<ExplainedClause> scope_clauses_;  // the policy's `applies to`, when established
};

}  // namespace

}  // namespace internal

ExplainResult Explain(const PolicySet& policies, const Activity& activity, const ExplainOptions& options) {
  using namespace internal;
  const std::optional<Date> date = ParseDate(options.evaluation_date);
  if (!date) {
    throw std::invalid_argument("souple::Explain: evaluation_date must be YYYY-MM-DD, got `" +
                                options.evaluation_date + "`");
  }
  const Program& program = *policies.impl().program;
  if (activity.impl().schema->hash() != program.schema->hash()) {
    throw std::invalid_argument("souple::Explain: the activity was loaded with another activity schema");
  }
  ExplainResult result;
  const size_t at = options.rule.find('@');
  const std::string rule_id = options.rule.substr(0, at);
  const std::string element = at == std::string::npos ? "" : options.rule.substr(at + 1);
  const Selection selection = SelectPolicies(program, *date, options.final_only);
  const Target target = Resolve(program, selection, rule_id);
  if (target.rule == nullptr) {
    ReportUnknownRule(program, rule_id, result.diagnostics);
    return result;
  }
  Explainer explainer(*activity.impl().root, activity.path(), *date, options);
  const CompiledPolicy& policy = *target.policy;
  const CompiledRule& rule = *target.rule;
  if (target.listing != nullptr || !rule.period.Contains(*date)) {
    Explanation x = explainer.Header(policy, rule, "", nullptr);
    if (target.listing != nullptr) {
      x.status = "policy_not_applied";
      x.decided_by = "policy " + policy.id + " " + policy.version + " is not applied on " + options.evaluation_date +
                     ": " + target.listing->reason;
      x.decided_by_fr = "le texte " + policy.id + " " + policy.version + " n'est pas appliqué au " +
                        options.evaluation_date + " : " + target.listing->reason;
    } else {
      x.status = "not_in_force";
      x.decided_by = "the rule is in force " + PeriodText(rule.period) + ", not on " + options.evaluation_date;
      x.decided_by_fr = "la règle est en vigueur " + PeriodTextFr(rule.period) + ", pas au " + options.evaluation_date;
    }
    result.explanations.push_back(std::move(x));
    return result;
  }
  if (policy.scope != nullptr && !explainer.ExplainScope(policy, rule, result.explanations)) return result;
  std::vector<std::string> elements;
  if (!explainer.ExplainRule(policy, rule, element, result.explanations, elements) && !element.empty()) {
    std::vector<std::string> help = DidYouMean(element, elements);
    if (help.empty()) {
      help.push_back(elements.empty() ? "the rule goes through no element of this activity"
                                      : "its elements: " + elements.front() + (elements.size() > 1 ? ", ..." : ""));
    }
    result.diagnostics.Add(MakeError(DiagCode::kUnknownElement,
                                     "rule `" + rule_id + "` has no finding for element `" + element + "`",
                                     Location{activity.path()}, std::move(help)));
    result.explanations.clear();
  }
  return result;
}

}  // namespace souple
