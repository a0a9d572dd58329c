// SPDX-License-Identifier: Apache-2.0
// One scalar of an activity (its text as written, and whether it was quoted) converted to
// the schema type of its slot. Shared by the YAML converter and the JSON fast path, so both
// read a value the same way.
#pragma once

#include <string>

#include "document/document.h"

namespace souple::internal {

enum class ScalarOutcome {
  kOk,            ///< `out` holds the value (kNull for an enum value an older schema lacks)
  kWrongType,     ///< not a value of the type: expected `ScalarExpectation(type)`
  kUnknownEnum,   ///< not a value of the enum
  kInvalidDate,   ///< not YYYY-MM-DD
  kInvalidDuration,  ///< not an ISO 8601 duration
};

/// Converts `s` into `out` (kind and value) for a scalar `type` (bool, int, enum, date,
/// duration, text). A quoted scalar is never a boolean or an integer. With
/// `ignore_unknown_enum`, an enum value the schema lacks is read as not stated.
ScalarOutcome ConvertScalar(const std::string& s, bool quoted, const Type* type, bool ignore_unknown_enum,
                            DocNode& out);

/// What a kWrongType scalar should have been: "true or false", "an integer".
std::string ScalarExpectation(const Type* type);

}  // namespace souple::internal
