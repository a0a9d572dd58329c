// SPDX-License-Identifier: Apache-2.0
// How statuses and kinds are worded in readable outputs (reports, replay), in one place.
#pragma once

#include <string>

namespace souple::internal {

/// `not_met` -> "non respecté" / "not met"; upper case for report labels ("NOT MET").
std::string StatusWord(const std::string& status, bool french, bool upper = false);
/// `good_practice` -> "bonne pratique" / "good practice".
std::string KindWord(const std::string& kind, bool french);

}  // namespace souple::internal
