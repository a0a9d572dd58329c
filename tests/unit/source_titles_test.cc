// SPDX-License-Identifier: Apache-2.0
// Sources in the report's language: a declared `title_fr` / `title_en`, EU publishers by
// their French names ("EDPB" -> "CEPD"); the original title otherwise.
#include <catch2/catch.hpp>

#include "test_support.h"

using namespace souple_test;

TEST_CASE("a source is cited in the report's language", "[report]") {
  const std::string policy = std::string() +
      "policy t.p {\n  title fr \"T\" en \"T\"\n  version \"1\"\n  status final\n  effective 2020-01-01\n"
      "  source G { publisher \"EDPB\" title \"Guidelines 05/2020 on consent\" title_fr \"Lignes directrices 05/2020 sur le consentement\" }\n"
      "  source C { publisher \"CNIL\" title \"Référentiel\" }\n" +
      "  rule r {\n    kind obligation\n    confidence confirmed\n    met when flag_a\n"
      "    cite G \"§ 1\"\n    cite C \"§ 2\"\n    fr \"m\" en \"m\"\n  }\n}\n";
  const auto r = Run(policy, "activity: {id: A}\nflag_a: false\n");
  const std::string fr = souple::RenderText(r, souple::Language::kFrench);
  const std::string en = souple::RenderText(r, souple::Language::kEnglish);
  CHECK_THAT(fr, Catch::Contains("CEPD, Lignes directrices 05/2020 sur le consentement, § 1"));
  CHECK_THAT(fr, Catch::Contains("CNIL, Référentiel, § 2"));  // no translation declared
  CHECK_THAT(en, Catch::Contains("EDPB, Guidelines 05/2020 on consent, § 1"));
  CHECK_THAT(en, Catch::Contains("CNIL, Référentiel, § 2"));
  CHECK(Only(r).citations[0].title == "Guidelines 05/2020 on consent");  // the JSON keeps the original
}

TEST_CASE("a misspelt source field is still an error", "[report]") {
  const auto c = Compile(std::string("policy t.p {\n  title fr \"T\" en \"T\"\n  version \"1\"\n  status final\n  effective 2020-01-01\n"
                         "  source G { publisher \"EDPB\" title \"x\" titel_fr \"y\" }\n") + Rule("") + "}\n");
  CHECK(Codes(c.diagnostics).front() == "E2009");
}
