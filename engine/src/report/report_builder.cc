// SPDX-License-Identifier: Apache-2.0
#include "report/report_builder.h"

#include <algorithm>
#include <map>
#include <unordered_set>

#include "eval/evaluator.h"
#include "report/selection.h"
#include "souple/engine.h"

namespace souple::internal {

const char* UnknownReasonText(UnknownReason r, bool french) {
  switch (r) {
    case UnknownReason::kMissing:
      return french ? "un fait nécessaire à la règle n'est pas renseigné" : "a fact the rule needs is not stated";
    case UnknownReason::kNoMatch:
      return french ? "aucun élément de la liste ne correspond à une recherche `first ... where` (vérifier les identifiants qui se référencent)"
                    : "no list element matches a `first ... where` lookup (check identifiers that refer to each other)";
    case UnknownReason::kNoRow:
      return french ? "la table de référence n'a pas de ligne pour cette valeur" : "the reference table has no row for the value";
    case UnknownReason::kIncomparable:
      return french ? "une durée en mois et une durée en jours ne peuvent pas être comparées exactement"
                    : "a month-based and a day-based duration cannot be compared exactly";
    case UnknownReason::kOverflow: return french ? "calcul hors limites" : "arithmetic out of range";
    case UnknownReason::kEmptyCell:
      return french ? "la table de référence ne donne pas de chiffre pour ce cas" : "the reference table gives no figure for this case";
  }
  return "";
}

// A fact: its canonical value, and its wording in each language where that differs.
Fact MakeFact(std::string path, const Value& v, const Type* type, std::string location) {
  Fact fact{std::move(path), CanonicalText(v), std::move(location), "", ""};
  if (v.kind == Value::Kind::kText && (type == nullptr || type->kind != TypeKind::kEnum)) return fact;
  if (v.kind == Value::Kind::kInt) return fact;
  if (v.kind == Value::Kind::kUnknown) {  // a table cell left empty by the policy: none given
    fact.text_fr = "(aucune)";
    fact.text_en = "(none)";
    return fact;
  }
  fact.text_fr = MessageText(v, true, type);
  fact.text_en = MessageText(v, false, type);
  if (fact.text_fr == fact.value) fact.text_fr.clear();
  if (fact.text_en == fact.value) fact.text_en.clear();
  return fact;
}

std::string FactLocation(const std::string& file, const DocNode* n) {
  return file + ":" + std::to_string(n->line) + ":" + std::to_string(n->column);
}

// `retention[2].active_duration` -> `retention[].active_duration`
std::string GenericPath(const std::string& path) {
  std::string out;
  bool in_index = false;
  for (char c : path) {
    if (c == '[') {
      in_index = true;
      out += "[]";
    } else if (c == ']') {
      in_index = false;
    } else if (!in_index) {
      out += c;
    }
  }
  return out;
}

// Stable across reorderings: a list element is named by its id or name when it has one.
std::string ElementKey(const DocNode* element) {
  if (element == nullptr) return "";
  const std::string path = PathOf(element);
  const std::string* name = RecordName(*element);
  return name != nullptr ? GenericPath(path) + "{" + *name + "}" : path;
}

namespace {


int KindRank(const std::string& kind) {
  if (kind == "obligation") return 0;
  if (kind == "formality") return 1;
  if (kind == "recommendation") return 2;
  return 3;
}

std::string Render(const MessageTemplate& t, const std::vector<Value>& values, bool french) {
  std::string out;
  size_t k = 0;
  for (const auto& part : t.parts) {
    if (part.expr == nullptr) {
      out += part.text;
      continue;
    }
    out += MessageText(values[k++], french, part.expr->type);
  }
  return out;
}

Citation MakeCitation(const CompiledCitation& c) {
  Citation out;
  out.source_id = c.source->id;
  out.publisher = c.source->publisher;
  out.title = c.source->title;
  out.title_fr = c.source->title_fr;
  out.title_en = c.source->title_en;
  out.reference = c.source->reference;
  out.date = !c.source->adopted.empty() ? c.source->adopted : c.source->published;
  out.url = c.source->url;
  out.status = c.source->status;
  out.section = c.section;
  return out;
}

// The report's questions by generic field, and what is never asked of this description.
struct QuestionIndex {
  std::map<std::string, size_t> by_field;
  /// A v2 description may not state the v1 fields v2 replaces (E4008): a rule that reads
  /// both forms asks only the v2 one.
  bool skip_v1_fields = false;
};

// Lists a finding's missing facts and adds them to the report's questions (one question per
// generic field, counting the undecided findings it would decide).
void AddMissing(Finding& f, const std::vector<MissingFact>& missing, const std::string& rule_id,
                const std::string& kind, Report& report, QuestionIndex& question_index) {
  std::unordered_set<std::string> missing_seen, questions_seen;
  for (const MissingFact& n : missing) {
    if (question_index.skip_v1_fields && MissingInReplacedField(n)) continue;
    const std::string path = MissingPath(n);
    if (!missing_seen.insert(path).second) continue;
    if (f.missing.size() == Finding::kMaxListed) {
      ++f.missing_not_listed;
    } else {
      f.missing.push_back(path);
    }
    const std::string generic = GenericPath(path);
    auto [it, inserted] = question_index.by_field.emplace(generic, report.questions.size());
    if (inserted) {
      Question q;
      q.field = generic;
      q.description = MissingDescription(n);
      q.description_fr = MissingDescription(n, true);
      q.section = generic.substr(0, generic.find_first_of(".["));
      q.strongest_kind = kind;
      report.questions.push_back(std::move(q));
    }
    Question& q = report.questions[it->second];
    if (questions_seen.insert(generic).second) {
      ++q.findings;
      if (KindRank(kind) < KindRank(q.strongest_kind)) q.strongest_kind = kind;
    }
    auto& ids = q.rule_ids;
    if (std::find(ids.begin(), ids.end(), rule_id) == ids.end()) ids.push_back(rule_id);
  }
}

// The strongest kind among a policy's rules: what an undecided scope may hide.
const std::string& StrongestKind(const CompiledPolicy& policy) {
  static const std::string kNone = "good_practice";
  const std::string* best = &kNone;
  for (const auto& rule : policy.rules) {
    if (KindRank(rule.kind) < KindRank(*best)) best = &rule.kind;
  }
  return *best;
}

PolicyApplication* Listing(Report& report, const CompiledPolicy& policy) {
  for (auto& a : report.policies) {
    if (a.id == policy.id && a.version == policy.version) return &a;
  }
  return nullptr;
}

// Decides a policy's `applies to`. Out of scope, the policy is listed as not applicable and
// yields nothing; undecided, it yields one finding that asks the facts deciding the scope
// (not one question per rule); with verdicts only, without its message and question.
bool InScope(const CompiledPolicy& policy, const DocNode& root, Date date, bool explain, Report& report,
             QuestionIndex& question_index) {
  EvalScratch scratch;
  std::vector<RawFinding> raw;
  EvaluateRule(*policy.scope, root, date, explain, scratch, raw);
  const FindingStatus status = raw.empty() ? FindingStatus::kUnknown : raw.front().status;
  if (status == FindingStatus::kMet) return true;
  PolicyApplication* listing = Listing(report, policy);
  if (listing != nullptr) {
    listing->applied = false;
    listing->scope_fr = policy.scope->message_fr.parts.front().text;
    listing->scope_en = policy.scope->message_en.parts.front().text;
    listing->reason_code = status == FindingStatus::kNotMet ? "not_applicable" : "scope_unknown";
    listing->reason = (status == FindingStatus::kNotMet ? "in force, does not apply to this activity (scope: "
                                                        : "in force, whether it applies cannot be told (scope: ") +
                      listing->scope_en + ")";
  }
  if (status == FindingStatus::kNotMet) return false;
  Finding f;
  f.id = policy.scope->full_id;
  f.policy_id = policy.id;
  f.policy_version = policy.version;
  f.policy_status = policy.status;
  f.rule_id = policy.scope->full_id;
  f.kind = StrongestKind(policy);
  f.confidence = "confirmed";
  f.status = "unknown";
  if (!explain) {
    report.findings.push_back(std::move(f));
    return false;
  }
  f.message_fr = "Ce texte s'applique-t-il à l'activité ? Son champ : " + policy.scope->message_fr.parts.front().text + ".";
  f.message_en = "Does this text apply to the activity? Its scope: " + policy.scope->message_en.parts.front().text + ".";
  if (!raw.empty()) AddMissing(f, raw.front().trace.missing, f.rule_id, f.kind, report, question_index);
  report.findings.push_back(std::move(f));
  return false;
}

// What a finding says without explanations: the rule, the element, the status.
void Verdict(const CompiledPolicy& policy, const CompiledRule& rule, const RawFinding& r, Finding& f) {
  f.policy_id = policy.id;
  f.policy_version = policy.version;
  f.policy_status = policy.status;
  f.rule_id = rule.full_id;
  f.kind = rule.kind;
  f.confidence = rule.confidence;
  f.status = FindingStatusName(r.status);
  if (r.element != nullptr) {
    f.element = PathOf(r.element);
    const std::string key = ElementKey(r.element);
    f.id = key.empty() ? rule.full_id : rule.full_id + "@" + key;
  } else {
    f.id = rule.full_id;
  }
}

}  // namespace

Report BuildReport(const Program& program, const DocNode& root, const std::string& activity_path,
                   Date date, bool explain, bool final_only, const std::vector<std::string>& only) {
  Report report;
  report.engine_version = EngineVersion();
  report.policy_set_hash = program.set_hash;
  report.evaluation_date = FormatDate(date);
  report.activity_file = activity_path;
  if (const int slot = root.type->FindField("activity"); slot >= 0) {
    const DocNode& a = root.items[slot];
    if (const std::string* id = TextField(a, "id")) report.activity_id = *id;
    if (const std::string* name = TextField(a, "name")) report.activity_name = *name;
  }
  QuestionIndex question_index;
  question_index.skip_v1_fields = DeclaresSchemaV2(root);
  std::vector<RawFinding> raw;
  std::vector<int> ranks;
  EvalScratch scratch;
  Selection selection = SelectPolicies(program, date, final_only, only);
  report.policies = std::move(selection.listing);
  for (const CompiledPolicy* policy : selection.applied) {
    if (policy->scope != nullptr && !InScope(*policy, root, date, explain, report, question_index)) continue;
    if (!explain) {
      // Verdicts: no questions depend on the order rules are decided in, so the rules are
      // decided kind by kind (obligations first, ...) straight into the report.
      ranks.clear();
      for (const CompiledRule& rule : policy->rules) ranks.push_back(KindRank(rule.kind));
      for (int rank = 0; rank < 4; ++rank) {
        for (size_t i = 0; i < policy->rules.size(); ++i) {
          const CompiledRule& rule = policy->rules[i];
          if (ranks[i] != rank || !rule.period.Contains(date)) continue;
          raw.clear();
          EvaluateRule(rule, root, date, false, scratch, raw);
          for (const RawFinding& r : raw) Verdict(*policy, rule, r, report.findings.emplace_back());
        }
      }
      continue;
    }
    std::vector<Finding> by_kind[4];  // obligations first, then formalities, ...
    for (const CompiledRule& rule : policy->rules) {
      if (!rule.period.Contains(date)) continue;  // dated doctrine: not (or no longer) in force
      raw.clear();
      EvaluateRule(rule, root, date, explain, scratch, raw);
      for (RawFinding& r : raw) {
        Finding f;
        Verdict(*policy, rule, r, f);
        f.message_fr = Render(rule.message_fr, r.placeholders_fr, true);
        f.message_en = Render(rule.message_en, r.placeholders_en, false);
        f.note_fr = rule.note_fr;
        f.note_en = rule.note_en;
        if (r.exception >= 0) {
          f.exception_fr = rule.exceptions[r.exception].because_fr;
          f.exception_en = rule.exceptions[r.exception].because_en;
        }
        f.covers = rule.covers;
        f.see = rule.see;
        for (const auto& c : rule.citations) {
          if (c.period.Contains(date)) f.citations.push_back(MakeCitation(c));
        }
        f.more_not_counted = r.trace.truncated;
        std::unordered_set<const DocNode*> seen;
        for (const DocNode* n : r.trace.facts) {
          // A list of records is a collection, not a fact: its elements' fields are.
          if (n->kind == DocNode::Kind::kList && n->type->element->kind == TypeKind::kRecord) continue;
          if (!seen.insert(n).second) continue;
          if (f.facts.size() == Finding::kMaxListed) {
            ++f.facts_not_listed;
            continue;
          }
          f.facts.push_back(MakeFact(PathOf(n), Value::FromNode(n), n->type, FactLocation(activity_path, n)));
        }
        std::unordered_set<std::string> table_cells;
        for (const auto& t : r.trace.table_reads) {
          std::string path =
              t.table->name + "[\"" + t.row->key + "\"]." + t.table->row_type->fields[t.column].name;
          if (!table_cells.insert(path).second) continue;
          if (f.facts.size() == Finding::kMaxListed) {
            ++f.facts_not_listed;
            continue;
          }
          f.facts.push_back(MakeFact(std::move(path), t.row->cells[t.column], t.table->row_type->fields[t.column].type, ""));
        }
        // Undecided exceptions matter only while the rule is not met (or cannot be
        // checked): stating their facts could then exempt it. A met rule needs nothing.
        static const std::vector<MissingFact> kNone;
        const auto& missing = r.status == FindingStatus::kUnknown ? r.trace.missing
                              : (r.status == FindingStatus::kNotMet || r.status == FindingStatus::kApplies)
                                  ? r.trace.exception_missing
                                  : kNone;
        AddMissing(f, missing, rule.full_id, rule.kind, report, question_index);
        if (r.status == FindingStatus::kUnknown && f.missing.empty()) {
          f.unknown_reason = UnknownReasonText(r.unknown_reason, false);
          f.unknown_reason_fr = UnknownReasonText(r.unknown_reason, true);
        }
        by_kind[KindRank(rule.kind)].push_back(std::move(f));
      }
    }
    for (auto& kind : by_kind) {
      for (auto& f : kind) report.findings.push_back(std::move(f));
    }
  }
  // The fact that decides the most findings first; then the one deciding stronger kinds.
  std::sort(report.questions.begin(), report.questions.end(), [](const Question& a, const Question& b) {
    if (a.findings != b.findings) return a.findings > b.findings;
    const int ka = KindRank(a.strongest_kind), kb = KindRank(b.strongest_kind);
    if (ka != kb) return ka < kb;
    return a.field < b.field;
  });
  return report;
}

}  // namespace souple::internal
