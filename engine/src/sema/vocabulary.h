// SPDX-License-Identifier: Apache-2.0
// The fixed words of the language the checker accepts: rule kinds, confidences, built-in
// functions, source fields. One list each, read by the checker and the language service.
#pragma once

#include <string>
#include <vector>

namespace souple::internal {

const std::vector<std::string>& RuleKinds();
const std::vector<std::string>& Confidences();
const std::vector<std::string>& BuiltinNames();
const std::vector<std::string>& SourceFieldNames();

}  // namespace souple::internal
