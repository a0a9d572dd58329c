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

}  // namespace souple::internal
