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

}  // namespace souple::internal
