// SPDX-License-Identifier: Apache-2.0
// Builds the public Report: selects the policy versions in force, evaluates their rules,
// renders messages and facts, and gathers the questions left open.
#pragma once

#include <string>

#include "ir/program.h"
#include "souple/report.h"

namespace souple::internal {

/// `only`: id patterns of the policies to apply (all when empty), see EvalOptions::policies.
Report BuildReport(const Program& program, const DocNode& root, const std::string& activity_path,
                   Date evaluation_date, bool explain, bool final_only,
                   const std::vector<std::string>& only = {});

/// Canonical text of a value (ISO dates and durations), used for facts.
std::string CanonicalText(const Value& v);
/// Wording of a value inside a message or a report, in one language: enum values by their
/// schema labels (`type`, when known), durations and dates in words, yes/no.
std::string MessageText(const Value& v, bool french, const Type* type = nullptr);

/// Why a value is unknown, in one sentence, when no fact is missing.
const char* UnknownReasonText(UnknownReason r, bool french);
/// A fact read: its canonical value and its wording in each language where that differs.
Fact MakeFact(std::string path, const Value& v, const Type* type, std::string location);
/// `file:line:column` of a node of the activity description.
std::string FactLocation(const std::string& file, const DocNode* n);
/// `retention[2].active_duration` -> `retention[].active_duration`
std::string GenericPath(const std::string& path);
/// What names a list element in finding ids: `retention[]{customers}` (by its id or name),
/// else its path; empty for none.
std::string ElementKey(const DocNode* element);

}  // namespace souple::internal
