// SPDX-License-Identifier: Apache-2.0
// DiffPolicySets: pairs policies (same id, or superseding id), then rules (same local id),
// and classifies each change as precisely as the compiled rules allow.
#include <algorithm>
#include <set>

#include "diff/ir_compare.h"
#include "diff/policy_diff.h"
#include "engine_impl.h"
#include "report/report_builder.h"
#include "report/selection.h"

namespace souple {

using namespace internal;

namespace internal {

std::vector<const CompiledPolicy*> ComparedVersions(const Program& program, const std::string& date,
                                                    const std::vector<std::string>& files) {
  auto wanted = [&](const CompiledPolicy& p) {
    return files.empty() || std::find(files.begin(), files.end(), p.file) != files.end();
  };
  if (auto d = ParseDate(date)) {
    std::vector<const CompiledPolicy*> out;
    for (const auto* p : SelectPolicies(program, *d, false).applied) {
      if (wanted(*p)) out.push_back(p);
    }
    return out;
  }
  std::map<std::string, const CompiledPolicy*> latest;
  for (const auto& p : program.policies) {
    if (!wanted(p)) continue;
    auto& slot = latest[p.id];
    if (slot == nullptr || slot->effective <= p.effective) slot = &p;
  }
  std::vector<const CompiledPolicy*> out;
  for (const auto& [id, p] : latest) out.push_back(p);
  return out;
}

std::map<std::string, std::string> PolicyLineage(const std::vector<const CompiledPolicy*>& old_versions,
                                                 const std::vector<const CompiledPolicy*>& new_versions) {
  std::map<std::string, std::string> lineage;
  for (const auto* o : old_versions) {
    for (const auto* n : new_versions) {
      if (n->id == o->id) lineage[o->id] = n->id;
    }
    if (lineage.count(o->id)) continue;
    for (const auto* n : new_versions) {
      for (const auto& [sid, sversion] : n->supersedes) {
        if (sid == o->id && (sversion.empty() || sversion == o->version)) lineage[o->id] = n->id;
      }
    }
  }
  return lineage;
}

}  // namespace internal

namespace {

// A rule's citations as `source section` lines; the sources' own descriptions are compared
// once per policy (SourceChanges).
// `from 2024-12-05 until 2026-01-01`, or "" for a piece in force as long as what holds it.
std::string PeriodText(const Period& p) {
  std::string out;
  if (p.effective) out += "from " + FormatDate(*p.effective);
  if (p.until) out += std::string(out.empty() ? "" : " ") + "until " + FormatDate(*p.until);
  return out;
}

std::string Or(const std::string& period) { return period.empty() ? "as its policy" : period; }

std::vector<std::string> Citations(const CompiledRule& r) {
  std::vector<std::string> out;
  for (const auto& c : r.citations) {
    const std::string period = PeriodText(c.period);
    out.push_back(c.source->id + (c.section.empty() ? "" : " " + c.section) + (period.empty() ? "" : " [" + period + "]"));
  }
  return out;
}

// "+added; -removed" between two lists ("reordered" when they hold the same items).
std::string ListDelta(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::string out;
  for (const auto& x : b) {
    if (std::find(a.begin(), a.end(), x) == a.end()) out += (out.empty() ? "" : "; ") + ("+" + x);
  }
  for (const auto& x : a) {
    if (std::find(b.begin(), b.end(), x) == b.end()) out += (out.empty() ? "" : "; ") + ("-" + x);
  }
  return out.empty() ? "reordered" : out;
}

// The sources cited by a policy's rules, by id.
std::map<std::string, const CompiledSource*> CitedSources(const CompiledPolicy& p) {
  std::map<std::string, const CompiledSource*> out;
  for (const auto& r : p.rules) {
    for (const auto& c : r.citations) out[c.source->id] = c.source;
  }
  return out;
}

std::vector<std::string> SourceChanges(const CompiledPolicy& o, const CompiledPolicy& n) {
  std::vector<std::string> out;
  const auto a = CitedSources(o), b = CitedSources(n);
  for (const auto& [id, sb] : b) {
    auto it = a.find(id);
    if (it == a.end()) {
      out.push_back("source " + id + " added: " + sb->publisher + ", " + sb->title);
      continue;
    }
    const CompiledSource* sa = it->second;
    std::string delta;
    auto field = [&](const char* name, const std::string& x, const std::string& y) {
      auto shown = [](const std::string& v) { return v.empty() ? std::string("(none)") : "\"" + v + "\""; };
      if (x != y) delta += std::string(delta.empty() ? "" : "; ") + name + " " + shown(x) + " → " + shown(y);
    };
    field("publisher", sa->publisher, sb->publisher);
    field("title", sa->title, sb->title);
    field("reference", sa->reference, sb->reference);
    field("adopted", sa->adopted, sb->adopted);
    field("published", sa->published, sb->published);
    field("url", sa->url, sb->url);
    field("status", sa->status, sb->status);
    field("version", sa->version, sb->version);
    if (!delta.empty()) out.push_back("source " + id + " updated: " + delta);
  }
  for (const auto& [id, sa] : a) {
    if (!b.count(id)) out.push_back("source " + id + " no longer cited: " + sa->publisher + ", " + sa->title);
  }
  return out;
}

std::string Template(const MessageTemplate& t) {
  std::string out;
  for (const auto& p : t.parts) out += p.expr == nullptr ? p.text : "{" + PrintNode(*p.expr) + "}";
  return out;
}

// Table cells a rule reads with a constant key, by label `table["key"].column`.
struct CellRef {
  const CompiledTable* table;
  std::string key;
  uint32_t column;
};

void CellsRead(const Node& n, std::map<std::string, CellRef>& out) {
  if (n.op == Op::kRowField && n.kids[0]->op == Op::kTableRow && n.kids[0]->kids[0]->op == Op::kConst) {
    const CompiledTable* t = n.kids[0]->table;
    const std::string key(n.kids[0]->kids[0]->constant.text);
    out[t->name + "[\"" + key + "\"]." + n.name] = {t, key, n.slot};
  }
  for (const auto& k : n.kids) CellsRead(*k, out);
}

std::map<std::string, CellRef> CellsRead(const CompiledRule& r) {
  std::map<std::string, CellRef> out;
  for (const auto& loop : r.fors) CellsRead(*loop.list, out);
  for (const Node* n : {r.when.get(), r.met.get()}) {
    if (n != nullptr) CellsRead(*n, out);
  }
  for (const auto& l : r.lets) CellsRead(*l, out);
  for (const auto& e : r.exceptions) CellsRead(*e.condition, out);
  for (const auto* t : {&r.message_fr, &r.message_en}) {
    for (const auto& p : t->parts) {
      if (p.expr != nullptr) CellsRead(*p.expr, out);
    }
  }
  return out;
}

std::string CellText(const CellRef& c) {
  auto it = c.table->by_key.find(c.key);
  if (it == c.table->by_key.end()) return "(absent)";
  const Value& v = it->second->cells[c.column];
  return v.known() ? CanonicalText(v) : std::string("none");
}

const char* ComparisonText(Op op) {
  switch (op) {
    case Op::kLt: return "<";
    case Op::kLe: return "<=";
    case Op::kGt: return ">";
    case Op::kGe: return ">=";
    default: return "";
  }
}

// Does a larger constant make `x OP constant` easier to satisfy? +1 yes, -1 no, 0 unknown.
int Looser(const ConstantDelta& d) {
  int sign = 0;
  switch (d.context) {
    case Op::kLt: case Op::kLe: sign = 1; break;
    case Op::kGt: case Op::kGe: sign = -1; break;
    default: return 0;
  }
  if (!d.on_right) sign = -sign;
  return sign * d.direction;
}

void AddChange(RuleChange& rc, const std::string& change) {
  if (std::find(rc.changes.begin(), rc.changes.end(), change) == rc.changes.end()) rc.changes.push_back(change);
}

// Compares one clause; `is_condition` (when/for) vs `is_requirement` (met when).
void CompareClause(const char* clause, const Node* a, const Node* b, bool requirement, RuleChange& rc) {
  if (a == nullptr && b == nullptr) return;
  if (a == nullptr || b == nullptr) {
    AddChange(rc, requirement ? "condition_changed" : (a == nullptr ? "condition_widened" : "condition_changed"));
    rc.details.push_back(std::string(clause) + (a == nullptr ? " added: " + PrintNode(*b) : " removed: " + PrintNode(*a)));
    return;
  }
  std::vector<ConstantDelta> deltas;
  const Shape shape = CompareNodes(a, b, deltas);
  if (shape == Shape::kSame) return;
  if (shape == Shape::kConstantsOnly) {
    for (const auto& d : deltas) {
      if (!d.added.empty() || !d.removed.empty()) {
        std::string detail = std::string(clause) + ": list " + d.old_text + " → " + d.new_text;
        const bool membership = d.context == Op::kIn;
        if (membership && !requirement && d.removed.empty()) {
          AddChange(rc, "condition_widened");
          detail += " (applies to more cases)";
        } else if (membership && !requirement && d.added.empty()) {
          AddChange(rc, "condition_narrowed");
          detail += " (applies to fewer cases)";
        } else {
          AddChange(rc, "condition_changed");
        }
        rc.details.push_back(detail);
        continue;
      }
      AddChange(rc, "threshold_changed");
      std::string detail = std::string(clause) + ": " + d.old_text + " → " + d.new_text;
      if (requirement) {
        const int looser = Looser(d);
        if (looser > 0) detail += " (relaxed)";
        if (looser < 0) detail += " (stricter)";
      } else if (*ComparisonText(d.context) != '\0') {
        detail += std::string(" (in a `") + ComparisonText(d.context) + "` comparison)";
      }
      rc.details.push_back(detail);
    }
    return;
  }
  const int conj = ConjunctionChange(*a, *b);
  if (conj != 0 && !requirement) {
    AddChange(rc, conj < 0 ? "condition_narrowed" : "condition_widened");
  } else if (conj != 0) {
    AddChange(rc, "condition_changed");
    rc.details.push_back(std::string(clause) + (conj < 0 ? ": stricter (a condition was added)" : ": relaxed (an alternative was added)"));
  } else {
    AddChange(rc, "condition_changed");
  }
  rc.details.push_back(std::string(clause) + " was: " + PrintNode(*a));
  rc.details.push_back(std::string(clause) + " now: " + PrintNode(*b));
}

RuleChange CompareRules(const CompiledRule& a, const CompiledRule& b) {
  RuleChange rc;
  rc.rule = b.id;
  rc.old_kind = a.kind;
  rc.new_kind = b.kind;
  if (a.kind != b.kind) {
    AddChange(rc, "kind_changed");
    rc.details.push_back("kind: " + a.kind + " → " + b.kind);
  }
  for (size_t i = 0; i < std::max(a.fors.size(), b.fors.size()); ++i) {
    CompareClause("for", i < a.fors.size() ? a.fors[i].list.get() : nullptr,
                  i < b.fors.size() ? b.fors[i].list.get() : nullptr, false, rc);
  }
  for (size_t i = 0; i < std::max(a.lets.size(), b.lets.size()); ++i) {
    CompareClause("let", i < a.lets.size() ? a.lets[i].get() : nullptr, i < b.lets.size() ? b.lets[i].get() : nullptr,
                  false, rc);
  }
  CompareClause("when", a.when.get(), b.when.get(), false, rc);
  CompareClause("met when", a.met.get(), b.met.get(), true, rc);
  // Exceptions: matched by position; extra ones narrow (added) or widen (removed) the rule.
  const size_t common = std::min(a.exceptions.size(), b.exceptions.size());
  for (size_t i = 0; i < common; ++i) {
    CompareClause("unless", a.exceptions[i].condition.get(), b.exceptions[i].condition.get(), false, rc);
    if (a.exceptions[i].period != b.exceptions[i].period) {
      AddChange(rc, "period_changed");
      rc.details.push_back("unless in force: " + Or(PeriodText(a.exceptions[i].period)) + " → " +
                           Or(PeriodText(b.exceptions[i].period)));
    }
  }
  for (size_t i = common; i < b.exceptions.size(); ++i) {
    AddChange(rc, "exception_added");
    rc.details.push_back("unless added: " + PrintNode(*b.exceptions[i].condition));
  }
  for (size_t i = common; i < a.exceptions.size(); ++i) {
    AddChange(rc, "exception_removed");
    rc.details.push_back("unless removed: " + PrintNode(*a.exceptions[i].condition));
  }
  // Dated doctrine: the rule enters or leaves on its own date within the policy.
  if (a.period != b.period) {
    AddChange(rc, "period_changed");
    rc.details.push_back("in force: " + Or(PeriodText(a.period)) + " → " + Or(PeriodText(b.period)));
  }
  // Reference figures read from tables (the same cells on both sides).
  const auto cells_a = CellsRead(a);
  for (const auto& [label, cb] : CellsRead(b)) {
    auto it = cells_a.find(label);
    if (it == cells_a.end()) continue;
    const std::string old_v = CellText(it->second), new_v = CellText(cb);
    if (old_v == new_v) continue;
    AddChange(rc, "threshold_changed");
    rc.details.push_back(label + ": " + old_v + " → " + new_v);
  }
  if (a.confidence != b.confidence) {
    AddChange(rc, "confidence_changed");
    rc.details.push_back("confidence: " + a.confidence + " → " + b.confidence);
  }
  const bool wording = Template(a.message_fr) != Template(b.message_fr) || Template(a.message_en) != Template(b.message_en) ||
                       a.note_fr != b.note_fr || a.note_en != b.note_en;
  const bool citation = Citations(a) != Citations(b) || a.see != b.see;
  // Wording and citations matter only when nothing else changed; otherwise they are noted.
  const bool substantive = !rc.changes.empty();
  if (!substantive && wording) AddChange(rc, "wording_only");
  if (!substantive && !wording && citation) AddChange(rc, "citation_only");
  if (wording) rc.details.push_back("wording changed");
  if (Citations(a) != Citations(b)) rc.details.push_back("citations: " + ListDelta(Citations(a), Citations(b)));
  if (a.see != b.see) rc.details.push_back("see: " + ListDelta(a.see, b.see));
  return rc;
}

PolicyChange Describe(const CompiledPolicy* o, const CompiledPolicy* n) {
  PolicyChange pc;
  if (o != nullptr) {
    pc.old_id = o->id;
    pc.old_version = o->version;
    pc.old_status = o->status;
    pc.old_effective = FormatDate(o->effective);
  }
  if (n != nullptr) {
    pc.new_id = n->id;
    pc.new_version = n->version;
    pc.new_status = n->status;
    pc.new_effective = FormatDate(n->effective);
  }
  return pc;
}

RuleChange Whole(const CompiledRule& r, bool added) {
  RuleChange rc;
  rc.rule = r.id;
  rc.changes.push_back(added ? "added" : "removed");
  (added ? rc.new_kind : rc.old_kind) = r.kind;
  rc.details.push_back(added ? "new " + r.kind + (r.met ? " (checked)" : " (not checked automatically)")
                             : r.kind + " removed");
  return rc;
}

}  // namespace

size_t DiffReport::CountRules(const std::string& change) const {
  size_t n = 0;
  for (const auto& p : policies) {
    for (const auto& r : p.rules) n += std::find(r.changes.begin(), r.changes.end(), change) != r.changes.end() ? 1 : 0;
  }
  return n;
}

DiffReport DiffPolicySets(const DiffSide& old_side, const DiffSide& new_side) {
  DiffReport report;
  report.old_label = old_side.label;
  report.new_label = new_side.label;
  report.old_date = old_side.date;
  report.new_date = new_side.date;
  const Program& pa = *old_side.set->impl().program;
  const Program& pb = *new_side.set->impl().program;
  const auto olds = ComparedVersions(pa, old_side.date, old_side.files);
  const auto news = ComparedVersions(pb, new_side.date, new_side.files);
  const auto lineage = PolicyLineage(olds, news);
  std::set<std::string> paired_new;
  for (const auto* o : olds) {
    auto it = lineage.find(o->id);
    const CompiledPolicy* n = nullptr;
    if (it != lineage.end()) {
      for (const auto* cand : news) {
        if (cand->id == it->second) n = cand;
      }
    }
    PolicyChange pc = Describe(o, n);
    if (n == nullptr) {
      pc.change = "withdrawn";
      for (const auto& r : o->rules) pc.rules.push_back(Whole(r, false));
      report.policies.push_back(std::move(pc));
      continue;
    }
    paired_new.insert(n->id);
    pc.sources = SourceChanges(*o, *n);
    if (o->id != n->id) {
      pc.change = "replaced";
    } else if (o->content_hash == n->content_hash && o->version == n->version) {
      pc.change = "unchanged";
    } else if (o->version == n->version) {
      pc.change = "revised";  // same version label, text edited (comments, references...)
    } else {
      pc.change = "new_version";
    }
    for (const auto& rb : n->rules) {
      const CompiledRule* ra = nullptr;
      for (const auto& r : o->rules) {
        if (r.id == rb.id) ra = &r;
      }
      if (ra == nullptr) {
        pc.rules.push_back(Whole(rb, true));
        continue;
      }
      RuleChange rc = CompareRules(*ra, rb);
      if (!rc.changes.empty()) pc.rules.push_back(std::move(rc));
    }
    // The scope, compared as a condition (wider: the policy concerns more activities).
    if (o->scope != nullptr || n->scope != nullptr) {
      RuleChange rc;
      rc.rule = "(applies to)";
      if (o->scope == nullptr || n->scope == nullptr) {
        AddChange(rc, n->scope == nullptr ? "condition_widened" : "condition_narrowed");
        rc.details.push_back(n->scope == nullptr ? "applies to removed: the policy now concerns every activity"
                                                 : "applies to added: " + PrintNode(*n->scope->met));
      } else {
        CompareClause("applies to", o->scope->met.get(), n->scope->met.get(), false, rc);  // like `when`
      }
      if (!rc.changes.empty()) pc.rules.push_back(std::move(rc));
    }
    for (const auto& ra : o->rules) {
      bool kept = false;
      for (const auto& rb : n->rules) kept = kept || rb.id == ra.id;
      if (!kept) pc.rules.push_back(Whole(ra, false));
    }
    if (pc.change == "unchanged" && (!pc.rules.empty() || !pc.sources.empty())) pc.change = "new_version";
    report.policies.push_back(std::move(pc));
  }
  for (const auto* n : news) {
    if (paired_new.count(n->id)) continue;
    PolicyChange pc = Describe(nullptr, n);
    pc.change = "added";
    for (const auto& r : n->rules) pc.rules.push_back(Whole(r, true));
    report.policies.push_back(std::move(pc));
  }
  std::stable_sort(report.policies.begin(), report.policies.end(), [](const PolicyChange& a, const PolicyChange& b) {
    return (a.new_id.empty() ? a.old_id : a.new_id) < (b.new_id.empty() ? b.old_id : b.new_id);
  });
  return report;
}

}  // namespace souple
