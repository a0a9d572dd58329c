// SPDX-License-Identifier: Apache-2.0
#include <catch2/catch.hpp>

#include "base/xml.h"

using souple::internal::XmlEscape;

TEST_CASE("XmlEscape: markup characters become entities", "[xml]") {
  CHECK(XmlEscape("Mesurio | <b>SAS</b> & \"Co\" l'an") ==
        "Mesurio | &lt;b&gt;SAS&lt;/b&gt; &amp; &quot;Co&quot; l&apos;an");
}

TEST_CASE("XmlEscape: characters XML 1.0 cannot hold become U+FFFD; UTF-8 and whitespace pass", "[xml]") {
  CHECK(XmlEscape(std::string("a\x01" "b\x1f" "c", 5)) == "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
  CHECK(XmlEscape(std::string("nul\0end", 7)) == "nul\xEF\xBF\xBD" "end");
  CHECK(XmlEscape("tab\tline\ncr\r") == "tab\tline\ncr\r");
  CHECK(XmlEscape("données « RGPD »") == "données « RGPD »");
}
