// SPDX-License-Identifier: Apache-2.0
// Why a rule decided what it did for an activity, and why not otherwise (`souple explain`,
// `POST /v1/explain`): its clauses as trees with the value each sub-expression took, the
// exception that decided, the facts read, and the smallest changes of facts that would
// flip the outcome.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"
#include "souple/report.h"

#pragma GCC visibility push(default)
namespace souple {

struct ExplainOptions {
  std::string evaluation_date;  ///< YYYY-MM-DD, as for Evaluate.
  /// `policy.rule`, optionally `@element`: a finding id (`rule@retention[]{customers}`) or an
  /// element path (`rule@retention[0]`). Without an element, every element is explained.
  std::string rule;
  bool final_only = false;  ///< As EvalOptions::final_only.
  bool why_not = true;      ///< Search the fact changes that would flip the outcome.
};

/// One sub-expression and the value it took.
struct ExplainedExpr {
  std::string expression;  ///< Souple text, definitions by name.
  std::string definition;  ///< When `expression` uses a definition: its body.
  /// `true`, `false`, `unknown`, or the value's canonical text (`P3Y`, `2024-01-31`, ...).
  std::string value;
  std::string unknown_because;  ///< When unknown: the fact not stated, or why (English).
  std::string fact;             ///< When it reads a fact of the activity: its path,
  std::string fact_location;    ///< and where it is stated (`file:line:column`), if it is.
  std::string element;          ///< A quantifier's body: the element it was evaluated for.
  std::string location;         ///< `policy-file:line:column` of the expression.
  size_t omitted = 0;           ///< Sub-expressions evaluated but not listed (bounds).
  std::vector<ExplainedExpr> parts;
};

struct ExplainedClause {
  std::string clause;  ///< applies_to | when | unless | met_when
  int exception = 0;   ///< unless: its position among the rule's exceptions, from 1.
  std::string because_fr, because_en;
  ExplainedExpr expr;
};

/// A fact stated otherwise: `from` is `(not stated)` for a fact the activity lacks.
struct FactChange {
  std::string path, from, to;
};

/// Facts stated otherwise, and the outcome the rule would then have.
struct Flip {
  std::vector<FactChange> facts;
  std::string status;  ///< As Explanation::status; for a scope: in_scope | out_of_scope.
};

/// Why not: changes of the facts the rule read that would give it another outcome.
struct WhyNot {
  /// The outcome looked for: met (from not_met), applies (from not_applicable), in_scope
  /// (from out_of_scope), decided (from unknown or scope_unknown; pairs of changes are
  /// searched for met), not_met (from met), not_applicable (from applies), not_exempted
  /// (from exempted).
  std::string goal;
  /// Each entry gives another outcome (never `unknown`). Changes of one fact are tried
  /// first, then of two facts when no single change does: the second among the facts read
  /// once the first is changed. At most kMaxFlips, smallest first.
  static constexpr size_t kMaxFlips = 10;
  std::vector<Flip> flips;
  size_t candidates = 0;  ///< Candidate values tried, over all facts read.
  bool exhaustive = true; ///< False when some facts could not be varied (see `note`).
  std::string note;       ///< What was not tried, and why (English).
};

struct Explanation {
  std::string finding_id, rule_id, policy_id, policy_version, kind, confidence, element;
  /// A finding's status (met, not_met, unknown, applies, exempted), or why there is none:
  /// not_applicable (its `when` is false), not_in_force (dated doctrine), policy_not_applied
  /// (its policy is not the version applied on the date), out_of_scope / scope_unknown.
  std::string status;
  std::string decided_by, decided_by_fr;  ///< One sentence: which clause decided.
  std::vector<ExplainedClause> clauses;   ///< In evaluation order; the scope first if any.
  std::vector<Fact> facts;                ///< The facts read, with their locations.
  std::vector<std::string> missing;       ///< Facts not stated that would decide it.
  bool truncated = false;                 ///< The recording hit its bound (docs/limits.md).
  std::optional<WhyNot> why_not;
};

struct ExplainResult {
  std::vector<Explanation> explanations;  ///< One per element explained.
  Diagnostics diagnostics;                ///< E3001 unknown rule, E3002 unknown element.
};

/// Explains one rule (every element, or the one named) on the activity. Deterministic; the
/// statuses are those Evaluate reports. Throws std::invalid_argument as Evaluate does.
ExplainResult Explain(const PolicySet& policies, const Activity& activity, const ExplainOptions& options);

/// The explanations as text for a terminal (`french`: sentences and exception reasons in
/// French; expressions are Souple either way).
std::string RenderExplanationText(const ExplainResult& result, bool french);
/// The explanations as JSON (schemas/explain.schema.json).
std::string RenderExplanationJson(const ExplainResult& result, const std::string& activity_path,
                                  const std::string& evaluation_date);

}  // namespace souple
#pragma GCC visibility pop
