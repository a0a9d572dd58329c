// SPDX-License-Identifier: Apache-2.0
// Explanations as text for a terminal and as JSON (schemas/explain.schema.json).
#include <nlohmann/json.hpp>

#include "souple/engine.h"
#include "souple/explain.h"

namespace souple {

namespace {

using Json = nlohmann::ordered_json;

// A clause's whole condition can be long: the tree shows its parts anyway.
constexpr size_t kMaxExpressionText = 110;

std::string Shorten(const std::string& text) {
  if (text.size() <= kMaxExpressionText) return text;
  size_t cut = kMaxExpressionText;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // UTF-8 boundary
  return text.substr(0, cut) + " …";
}

struct Words {
  const char* rule;
  const char* policy;
  const char* status;
  const char* element;
  const char* facts;
  const char* missing;
  const char* why_not;
  const char* none_found;
  const char* note;
  const char* unless;
  const char* because;
  const char* fact;
  const char* for_element;
  const char* body;
  const char* omitted;
  const char* truncated;
  const char* then;
  const char* colon;  // French puts a space before it
  const char* unless_keyword;  // after the clause's name in the reader's language, if it differs
};

const Words kFr{"règle", "texte", "statut", "élément", "faits lus", "faits à renseigner",
                "pourquoi pas (recherché : {goal})", "aucun changement d'un ou deux faits ne change le résultat",
                "remarque (en anglais)", "sauf", "parce que", "fait", "pour l'élément", "définition",
                "sous-expressions non listées", "l'explication a atteint sa limite : une partie n'est pas listée",
                "donnerait", " : ", " (unless)"};
const Words kEn{"rule", "policy", "status", "element", "facts read", "facts to state",
                "why not (looking for: {goal})", "no change of one or two facts changes the outcome",
                "note", "unless", "because", "fact", "for element", "definition", "sub-expressions not listed",
                "the explanation reached its bound: part of it is not listed", "would give", ": ", ""};

// A colon that ends a line: no trailing space.
std::string EndColon(const Words& w) {
  std::string c = w.colon;
  while (!c.empty() && c.back() == ' ') c.pop_back();
  return c;
}

std::string Fill(const char* text, const std::string& goal) {
  std::string s = text;
  const size_t at = s.find("{goal}");
  if (at != std::string::npos) s.replace(at, 6, goal);
  return s;
}

void Tree(const ExplainedExpr& e, const Words& w, int depth, std::string& out) {
  std::string line(static_cast<size_t>(depth) * 2, ' ');
  line += Shorten(e.expression) + "  → " + e.value;
  std::vector<std::string> notes;
  if (!e.element.empty()) notes.push_back(std::string(w.for_element) + " " + e.element);
  if (!e.fact.empty()) {
    notes.push_back(std::string(w.fact) + " " + e.fact + (e.fact_location.empty() ? "" : " (" + e.fact_location + ")"));
  } else if (!e.unknown_because.empty()) {
    notes.push_back(e.unknown_because);
  }
  if (!e.definition.empty()) notes.push_back(std::string(w.body) + " " + Shorten(e.definition));
  if (e.omitted > 0) notes.push_back(std::to_string(e.omitted) + " " + w.omitted);
  for (size_t i = 0; i < notes.size(); ++i) line += (i == 0 ? "   [" : "; ") + notes[i] + (i + 1 == notes.size() ? "]" : "");
  out += line + "\n";
  for (const auto& p : e.parts) Tree(p, w, depth + 1, out);
}

std::string ClauseTitle(const ExplainedClause& c, const Words& w) {
  if (c.clause == "unless") {
    const std::string n = " #" + std::to_string(c.exception);
    return std::string(w.unless) + n + w.unless_keyword;
  }
  if (c.clause == "met_when") return "met when";
  if (c.clause == "applies_to") return "applies to";
  return c.clause;
}

Json ExprJson(const ExplainedExpr& e) {
  Json j;
  j["expression"] = e.expression;
  j["value"] = e.value;
  if (!e.unknown_because.empty()) j["unknown_because"] = e.unknown_because;
  if (!e.fact.empty()) {
    j["fact"] = e.fact;
    j["fact_location"] = e.fact_location.empty() ? Json(nullptr) : Json(e.fact_location);
  }
  if (!e.element.empty()) j["element"] = e.element;
  if (!e.definition.empty()) j["definition"] = e.definition;
  j["location"] = e.location.empty() ? Json(nullptr) : Json(e.location);
  if (e.omitted > 0) j["omitted"] = e.omitted;
  Json parts = Json::array();
  for (const auto& p : e.parts) parts.push_back(ExprJson(p));
  j["parts"] = std::move(parts);
  return j;
}

Json FactJson(const Fact& f) {
  Json j;
  j["path"] = f.path;
  j["value"] = f.value;
  j["location"] = f.location.empty() ? Json(nullptr) : Json(f.location);
  j["text"] = {{"fr", f.Text(true)}, {"en", f.Text(false)}};
  return j;
}

}  // namespace

std::string RenderExplanationText(const ExplainResult& result, bool french) {
  const Words& w = french ? kFr : kEn;
  std::string out;
  for (size_t i = 0; i < result.explanations.size(); ++i) {
    const Explanation& x = result.explanations[i];
    if (i > 0) out += "\n";
    out += std::string(w.rule) + " " + x.finding_id + "\n";
    out += "  " + std::string(w.policy) + " " + x.policy_id + " " + x.policy_version + " · " + x.kind + " · " +
           x.confidence + "\n";
    if (!x.element.empty()) out += "  " + std::string(w.element) + " " + x.element + "\n";
    out += "  " + std::string(w.status) + w.colon + x.status + " (" + (french ? x.decided_by_fr : x.decided_by) + ")\n";
    for (const auto& c : x.clauses) {
      out += "\n  " + ClauseTitle(c, w);
      const std::string& because = french ? c.because_fr : c.because_en;
      if (!because.empty()) out += " — " + std::string(w.because) + w.colon + because;
      out += "\n";
      Tree(c.expr, w, 2, out);
    }
    if (x.truncated) out += "  (" + std::string(w.truncated) + ")\n";
    if (!x.facts.empty()) {
      out += "\n  " + std::string(w.facts) + EndColon(w) + "\n";
      for (const auto& f : x.facts) {
        out += "    " + f.path + " = " + f.Text(french) + (f.location.empty() ? "" : "   " + f.location) + "\n";
      }
    }
    if (!x.missing.empty()) {
      out += "\n  " + std::string(w.missing) + EndColon(w) + "\n";
      for (const auto& m : x.missing) out += "    " + m + "\n";
    }
    if (x.why_not) {
      const WhyNot& y = *x.why_not;
      out += "\n  " + Fill(w.why_not, y.goal) + EndColon(w) + "\n";
      if (y.flips.empty()) out += "    " + std::string(w.none_found) + "\n";
      for (const auto& flip : y.flips) {
        std::string line = "    ";
        for (size_t k = 0; k < flip.facts.size(); ++k) {
          const FactChange& c = flip.facts[k];
          line += (k ? " + " : "") + c.path + ": " + c.from + " → " + c.to;
        }
        out += line + "   ⇒ " + w.then + " " + flip.status + "\n";
      }
      if (!y.note.empty()) out += "    (" + std::string(w.note) + w.colon + y.note + ")\n";
    }
  }
  return out;
}

std::string RenderExplanationJson(const ExplainResult& result, const std::string& activity_path,
                                  const std::string& evaluation_date) {
  Json doc;
  doc["engine_version"] = EngineVersion();
  doc["activity_file"] = activity_path;
  doc["evaluation_date"] = evaluation_date;
  Json list = Json::array();
  for (const Explanation& x : result.explanations) {
    Json j;
    j["finding"] = x.finding_id;
    j["rule"] = x.rule_id;
    j["policy"] = {{"id", x.policy_id}, {"version", x.policy_version}};
    j["kind"] = x.kind;
    j["confidence"] = x.confidence;
    j["element"] = x.element.empty() ? Json(nullptr) : Json(x.element);
    j["status"] = x.status;
    j["decided_by"] = {{"fr", x.decided_by_fr}, {"en", x.decided_by}};
    Json clauses = Json::array();
    for (const auto& c : x.clauses) {
      Json cj;
      cj["clause"] = c.clause;
      if (c.clause == "unless") {
        cj["exception"] = c.exception;
        cj["because"] = {{"fr", c.because_fr}, {"en", c.because_en}};
      }
      cj["expr"] = ExprJson(c.expr);
      clauses.push_back(std::move(cj));
    }
    j["clauses"] = std::move(clauses);
    Json facts = Json::array();
    for (const auto& f : x.facts) facts.push_back(FactJson(f));
    j["facts"] = std::move(facts);
    j["missing"] = x.missing;
    j["truncated"] = x.truncated;
    if (x.why_not) {
      const WhyNot& y = *x.why_not;
      Json wj;
      wj["goal"] = y.goal;
      Json flips = Json::array();
      for (const auto& flip : y.flips) {
        Json fj;
        Json changes = Json::array();
        for (const auto& c : flip.facts) changes.push_back({{"path", c.path}, {"from", c.from}, {"to", c.to}});
        fj["facts"] = std::move(changes);
        fj["status"] = flip.status;
        flips.push_back(std::move(fj));
      }
      wj["flips"] = std::move(flips);
      wj["candidates"] = y.candidates;
      wj["exhaustive"] = y.exhaustive;
      wj["note"] = y.note.empty() ? Json(nullptr) : Json(y.note);
      j["why_not"] = std::move(wj);
    } else {
      j["why_not"] = nullptr;
    }
    list.push_back(std::move(j));
  }
  doc["explanations"] = std::move(list);
  return doc.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

}  // namespace souple
