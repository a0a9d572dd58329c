// SPDX-License-Identifier: Apache-2.0
// Why not: the smallest changes of the facts a rule read that would change its outcome.
#pragma once

#include <deque>
#include <optional>

#include "eval/rule_cases.h"
#include "souple/explain.h"

namespace souple::internal {

/// Searches, for one rule and one of its cases, the facts whose other values flip the
/// outcome: each fact read is given the values that matter to the rule (the other boolean,
/// the enum's other values, the constants it is compared with and their neighbours, a list
/// with or without the value looked for), one fact at a time, then two. Bounded by
/// kMaxEvaluations decisions of the rule.
class WhyNotSearch {
 public:
  static constexpr size_t kMaxEvaluations = 4000;
  static constexpr size_t kMaxEnumValues = 64;

  WhyNotSearch(const CompiledRule& rule, const DocNode& root, Date date, const RuleCase& c, EvalScratch& scratch)
      : rule_(rule), root_(root), date_(date), case_(c), scratch_(scratch) {}

  std::optional<WhyNot> Run(const Decision& original, const Recording& recording);

 private:
  /// A fact given another value: a node of the document, or (node null) a fact below an
  /// object that is not stated, by its path.
  struct Candidate {
    const DocNode* node;
    std::string path;
    Value value;
    bool stated;  // the fact has a value now (`from`)
    Value current;
  };
  std::vector<Candidate> Candidates(const Recording& rec, const std::string& except = "");
  void AddComparisons(const Recording& rec, size_t entry, std::vector<Value>& out, bool& found);
  static void Apply(const Candidate& c, FactOverrides& overrides);
  static void Remove(const Candidate& c, FactOverrides& overrides);
  std::string Outcome(const FactOverrides& overrides, Recording* rec);
  bool Reached(const std::string& outcome) const;
  bool Preferred(const std::string& outcome) const;
  FactChange Change(const Candidate& c) const;

  const CompiledRule& rule_;
  const DocNode& root_;
  Date date_;
  const RuleCase& case_;
  EvalScratch& scratch_;
  std::string original_;
  std::string preferred_;  // the outcome pairs are searched for, when no single change gives it
  bool v2_ = false;
  size_t evaluations_ = 0;
  size_t not_varied_ = 0;
  bool capped_ = false;
  std::deque<std::vector<Value>> lists_;  // storage behind the candidate lists
};

/// A decision's status as an Explanation::status.
std::string OutcomeName(const Decision& d);

}  // namespace souple::internal
