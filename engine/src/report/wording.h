// SPDX-License-Identifier: Apache-2.0
// How statuses and kinds are worded in readable outputs (reports, replay), in one place.
#pragma once

#include <string>

namespace souple::internal {

/// `not_met` -> "non respecté" / "not met"; upper case for report labels ("NOT MET").
std::string StatusWord(const std::string& status, bool french, bool upper = false);
/// `good_practice` -> "bonne pratique" / "good practice".
std::string KindWord(const std::string& kind, bool french);

/// A source's publisher and title in the report's language: the declared translation of the
/// title (`title_fr` / `title_en`) else the title; publishers of EU bodies by their name in
/// that language ("EDPB" -> "CEPD").
std::string PublisherWord(const std::string& publisher, bool french);
std::string SourceTitle(const std::string& title, const std::string& title_fr, const std::string& title_en,
                        bool french);

}  // namespace souple::internal
