// SPDX-License-Identifier: Apache-2.0
// The result of evaluating one activity: findings with their citations, facts and
// missing information. Rendered as text or as the versioned JSON document described by
// schemas/result.schema.json.
#pragma once

#include <string>
#include <vector>

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// Version of the JSON result document (schemas/result.schema.json).
inline constexpr const char* kResultFormatVersion = "1.0";

struct Citation {
  std::string source_id, publisher, title, reference, date, url, status;
  /// The title in each report language, when the policy declares it (`title_fr`,
  /// `title_en`); readable reports fall back to `title`.
  std::string title_fr, title_en;
  std::string section;  ///< Section or paragraph of the source.
};

/// A value of the activity that the rule read.
struct Fact {
  std::string path;      ///< e.g. `retention[1].active_duration`
  std::string value;     ///< canonical text: ISO dates and durations, JSON-like lists
  std::string location;  ///< `file:line:column` in the activity description
  /// The value as a reader is shown it, when it differs from `value`: enum values by their
  /// schema labels, durations and dates in words, oui/non (empty: `value` reads as is).
  std::string text_fr, text_en;
  const std::string& Text(bool french) const {
    const std::string& t = french ? text_fr : text_en;
    return t.empty() ? value : t;
  }
};

struct Finding {
  std::string id;  ///< Stable: rule id, plus `@element-path` for per-element findings.
  std::string policy_id, policy_version, policy_status;
  std::string rule_id;  ///< Full id: policy.rule
  std::string kind;        ///< obligation | formality | recommendation | good_practice
  std::string confidence;  ///< confirmed | secondary | unverified
  std::string status;      ///< met | not_met | unknown | applies | exempted
  std::string message_fr, message_en;
  std::string note_fr, note_en;
  std::string exception_fr, exception_en;  ///< Why the rule was exempted.
  std::string unknown_reason;     ///< When status is unknown and no fact is missing (English).
  std::string unknown_reason_fr;  ///< The same in French.
  std::string element;                     ///< Path of the list element concerned, if any.
  std::vector<std::string> covers, see;
  std::vector<Citation> citations;
  std::vector<Fact> facts;
  std::vector<std::string> missing;  ///< Paths of the facts that would decide the rule.
  /// At most kMaxListed facts and missing paths are listed (docs/limits.md); these count
  /// the others. A lower bound when `more_not_counted`: the rule read more than the
  /// evaluator keeps per finding.
  static constexpr size_t kMaxListed = 32;
  size_t facts_not_listed = 0;
  size_t missing_not_listed = 0;
  bool more_not_counted = false;
};

/// A fact to state so that more rules can be decided. Questions are ranked by `findings`
/// (most first), then by the strongest kind they would decide, then by field.
struct Question {
  std::string field;
  std::string description;          ///< From the activity schema.
  std::string description_fr;       ///< Its French (`x-description-fr`); may be empty.
  const std::string& Description(bool french) const {
    return french && !description_fr.empty() ? description_fr : description;
  }
  std::vector<std::string> rule_ids;
  std::string section;              ///< Top-level field of the activity description.
  size_t findings = 0;              ///< Undecided findings that list this fact.
  std::string strongest_kind;       ///< The strongest kind among those findings.
};

struct PolicyApplication {
  std::string id, version, status, effective, until, content_hash;
  std::string title_fr, title_en;  ///< The policy's title (readable reports; not in the JSON).
  bool applied = false;
  /// Why this version was or was not applied on the evaluation date: `in_force`,
  /// `draft_excluded`, `not_yet_in_force`, `no_longer_in_force`, `replaced` (by a later
  /// version of the same id), `superseded` (by another policy), `not_selected` (--policy),
  /// `not_applicable` (in force, its `applies to` is false for the activity) or
  /// `scope_unknown` (in force, its `applies to` cannot be decided: one finding asks).
  std::string reason_code;
  std::string reason;  ///< The same in English words, with `by` and the dates.
  std::string by;      ///< For replaced/superseded: `id version (effective date)`.
  /// The policy's `applies to` description, when it has one and its scope is not met
  /// (`not_applicable`) or cannot be decided (`scope_unknown`).
  std::string scope_fr, scope_en;
};

struct Report {
  std::string format_version = kResultFormatVersion;
  std::string engine_version;
  std::string policy_set_hash;
  std::string release_id, release_hash;  ///< When the policies came from a release file.
  std::string evaluation_date;
  std::string activity_file, activity_id, activity_name;
  std::vector<PolicyApplication> policies;
  std::vector<Finding> findings;  ///< Grouped by policy; obligations first.
  std::vector<Question> questions;

  /// Counts by status.
  size_t Count(const std::string& status) const;
};

enum class Language { kFrench, kEnglish };

/// A readable report in one language.
std::string RenderText(const Report& report, Language language);
/// Options of the HTML and Markdown reports.
struct HtmlOptions {
  /// List met findings expanded (HTML: `<details open>`; Markdown: listed). By default
  /// HTML collapses them and Markdown only counts them.
  bool show_met = false;
};
using MarkdownOptions = HtmlOptions;

/// A self-contained HTML document (inline CSS, no script, no external resource) for a
/// DPO: summary first, then one section per applied text, findings by priority, the texts
/// not applied, a sign-off block. Every value from an activity or a policy is escaped.
std::string RenderHtml(const Report& report, Language language, const HtmlOptions& options = {});
/// One document for several activities (a register): a table of the activities, linking to
/// each activity's section, then each activity as RenderHtml lays it out.
std::string RenderHtml(const std::vector<Report>& reports, Language language, const HtmlOptions& options = {});
/// The same report in Markdown (table cells and inline markup escaped).
std::string RenderMarkdown(const Report& report, Language language, const MarkdownOptions& options = {});
std::string RenderMarkdown(const std::vector<Report>& reports, Language language,
                           const MarkdownOptions& options = {});
/// The JSON result document (both languages), byte-identical for identical inputs.
std::string RenderJson(const Report& report);
/// The same document on one line, ending with a newline: one line of a JSON Lines result.
std::string RenderJsonLine(const Report& report);
/// SARIF 2.1.0: one run whose results are the findings not met (level error for obligations
/// and formalities, warning for readings) and those that cannot be told (note), located at
/// the fact of the activity file they rest on; one rule per rule id with its citations.
std::string RenderSarif(const std::vector<Report>& reports, Language language);
/// JUnit XML: one test suite per activity, one test case per finding (class name: the
/// policy; name: the finding id). Not met: a failure whose type is the kind, with the
/// message, sources and facts; cannot tell: skipped, with the facts to state; else passed.
std::string RenderJunit(const std::vector<Report>& reports, Language language);

}  // namespace souple
#pragma GCC visibility pop
