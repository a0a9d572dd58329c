// SPDX-License-Identifier: Apache-2.0
#include "report/wording.h"

namespace souple::internal {

namespace {
struct Words {
  const char* status;
  const char *fr, *en, *fr_upper, *en_upper;
};
constexpr Words kStatuses[] = {
    {"not_met", "non respecté", "not met", "NON RESPECTÉ", "NOT MET"},
    {"met", "respecté", "met", "RESPECTÉ", "MET"},
    {"unknown", "indéterminé", "cannot tell", "INDÉTERMINÉ", "CANNOT TELL"},
    {"exempted", "exception", "exempted", "EXCEPTION", "EXEMPTED"},
    {"applies", "applicable", "applies", "APPLICABLE", "APPLIES"},
};
}  // namespace

std::string StatusWord(const std::string& status, bool french, bool upper) {
  for (const auto& w : kStatuses) {
    if (status == w.status) return upper ? (french ? w.fr_upper : w.en_upper) : (french ? w.fr : w.en);
  }
  return status;
}

std::string KindWord(const std::string& kind, bool french) {
  if (kind == "formality") return french ? "formalité" : "formality";
  if (kind == "recommendation") return french ? "recommandation" : "recommendation";
  if (kind == "good_practice") return french ? "bonne pratique" : "good practice";
  return "obligation";
}

std::string PublisherWord(const std::string& publisher, bool french) {
  if (!french) return publisher;
  static const std::pair<const char*, const char*> kFrench[] = {
      {"EDPB", "CEPD"},
      {"European Parliament and Council", "Parlement européen et Conseil"},
      {"European Commission", "Commission européenne"},
      {"CJEU", "CJUE"},
      {"Court of Justice of the European Union", "Cour de justice de l'Union européenne"},
      {"Article 29 Working Party", "Groupe de travail « Article 29 »"},
      {"Article 29 WP", "Groupe de travail « Article 29 »"},
      {"Article 29 Working Party, endorsed by EDPB", "Groupe de travail « Article 29 », approuvé par le CEPD"},
      {"EU", "Union européenne"},
  };
  for (const auto& [en, fr] : kFrench) {
    if (publisher == en) return fr;
  }
  return publisher;
}

std::string SourceTitle(const std::string& title, const std::string& title_fr, const std::string& title_en,
                        bool french) {
  const std::string& translated = french ? title_fr : title_en;
  return translated.empty() ? title : translated;
}

}  // namespace souple::internal
