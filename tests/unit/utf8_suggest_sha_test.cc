// SPDX-License-Identifier: Apache-2.0
// base/utf8, base/suggest, base/sha256.
#include <catch2/catch.hpp>

#include <string>

#include "base/sha256.h"
#include "base/suggest.h"
#include "base/utf8.h"

using namespace souple::internal;

TEST_CASE("FindInvalidUtf8 accepts well-formed UTF-8", "[utf8]") {
  CHECK_FALSE(FindInvalidUtf8("").has_value());
  CHECK_FALSE(FindInvalidUtf8("plain ascii\n").has_value());
  CHECK_FALSE(FindInvalidUtf8("caf\xC3\xA9").has_value());               // é
  CHECK_FALSE(FindInvalidUtf8("\xE2\x82\xAC").has_value());              // €
  CHECK_FALSE(FindInvalidUtf8("\xF0\x9F\x98\x80").has_value());          // U+1F600
  CHECK_FALSE(FindInvalidUtf8("\xF4\x8F\xBF\xBF").has_value());          // U+10FFFF
  CHECK_FALSE(FindInvalidUtf8("\xED\x9F\xBF").has_value());              // U+D7FF
  CHECK_FALSE(FindInvalidUtf8("\xEE\x80\x80").has_value());              // U+E000
}

TEST_CASE("FindInvalidUtf8 reports the offset of the first bad sequence", "[utf8]") {
  CHECK(FindInvalidUtf8("ab\x80") == size_t{2});             // lone continuation byte
  CHECK(FindInvalidUtf8("ab\xC3") == size_t{2});             // truncated at end
  CHECK(FindInvalidUtf8("\xC3(") == size_t{0});              // bad continuation
  CHECK(FindInvalidUtf8("\xFF") == size_t{0});               // never valid
  CHECK(FindInvalidUtf8("\xF8\x88\x80\x80\x80") == size_t{0});  // 5-byte form
  CHECK(FindInvalidUtf8("x\xE2\x82") == size_t{1});          // truncated 3-byte
  CHECK(FindInvalidUtf8("ok \xC3\xA9 \xFE") == size_t{6});   // after a valid é
}

TEST_CASE("FindInvalidUtf8 rejects overlong forms, surrogates and > U+10FFFF", "[utf8]") {
  CHECK(FindInvalidUtf8("\xC0\xAF") == size_t{0});            // overlong '/'
  CHECK(FindInvalidUtf8("\xC1\xBF") == size_t{0});            // overlong 2-byte
  CHECK(FindInvalidUtf8("\xE0\x80\xAF") == size_t{0});        // overlong 3-byte
  CHECK(FindInvalidUtf8("\xF0\x80\x80\xAF") == size_t{0});    // overlong 4-byte
  CHECK(FindInvalidUtf8("a\xED\xA0\x80") == size_t{1});       // U+D800 high surrogate
  CHECK(FindInvalidUtf8("\xED\xBF\xBF") == size_t{0});        // U+DFFF low surrogate
  CHECK(FindInvalidUtf8("\xF4\x90\x80\x80") == size_t{0});    // U+110000
}

TEST_CASE("PositionOfOffset counts lines and code-point columns", "[utf8]") {
  const std::string text = "ab\nc\xC3\xA9" "d\n\xE2\x82\xAC" "x";
  // Offsets: a0 b1 \n2 c3 é4-5 d6 \n7 €8-10 x11
  CHECK(PositionOfOffset(text, 0).line == 1);
  CHECK(PositionOfOffset(text, 0).column == 1);
  CHECK(PositionOfOffset(text, 1).column == 2);
  CHECK(PositionOfOffset(text, 3).line == 2);
  CHECK(PositionOfOffset(text, 3).column == 1);
  CHECK(PositionOfOffset(text, 6).line == 2);
  CHECK(PositionOfOffset(text, 6).column == 3);  // d is the third code point
  CHECK(PositionOfOffset(text, 11).line == 3);
  CHECK(PositionOfOffset(text, 11).column == 2);
}

TEST_CASE("CodePointCount counts code points, not bytes", "[utf8]") {
  CHECK(CodePointCount("") == 0);
  CHECK(CodePointCount("abc") == 3);
  CHECK(CodePointCount("h\xC3\xA9llo") == 5);
  CHECK(CodePointCount("\xF0\x9F\x98\x80!") == 2);
}

TEST_CASE("EditDistance is the Levenshtein distance", "[suggest]") {
  CHECK(EditDistance("kitten", "sitting") == 3);
  CHECK(EditDistance("", "abc") == 3);
  CHECK(EditDistance("abc", "") == 3);
  CHECK(EditDistance("same", "same") == 0);
  CHECK(EditDistance("purpose", "purpse") == 1);
  CHECK(EditDistance("ab", "ba") == 2);
}

TEST_CASE("ClosestMatch and DidYouMean suggest close names only", "[suggest]") {
  const std::vector<std::string> fields = {"duration", "start_event", "purpose", "category"};
  CHECK(ClosestMatch("duraton", fields) == std::optional<std::string>("duration"));
  CHECK(ClosestMatch("purpse", fields) == std::optional<std::string>("purpose"));
  CHECK_FALSE(ClosestMatch("zzzzzz", fields).has_value());
  CHECK_FALSE(ClosestMatch("x", {}).has_value());
  // Short words allow one edit.
  CHECK(ClosestMatch("ab", {"abc"}) == std::optional<std::string>("abc"));
  CHECK_FALSE(ClosestMatch("ab", {"xyz"}).has_value());
  // Ties go to the alphabetically first candidate, whatever the order given.
  CHECK(ClosestMatch("cat", {"eat", "bat"}) == std::optional<std::string>("bat"));
  CHECK(ClosestMatch("cat", {"bat", "eat"}) == std::optional<std::string>("bat"));
  // An exact match wins.
  CHECK(ClosestMatch("bat", {"cat", "bat"}) == std::optional<std::string>("bat"));

  CHECK(DidYouMean("purpse", fields) == std::vector<std::string>{"did you mean `purpose`?"});
  CHECK(DidYouMean("nothing_like_it", fields).empty());

  // Case is not a spelling: a value differing only in case is suggested, however long, and
  // case does not count in the distance.
  CHECK(ClosestMatch("PROSPECTING_EMAIL", {"prospecting_mail", "prospecting_email"}) ==
        std::optional<std::string>("prospecting_email"));
  CHECK(ClosestMatch("Duraton", fields) == std::optional<std::string>("duration"));
  CHECK_FALSE(ClosestMatch("ZZZZZZ", fields).has_value());
}

TEST_CASE("Sha256Hex matches the FIPS 180-4 test vectors", "[sha256]") {
  CHECK(Sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(Sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  // 56 bytes: the padding spills into a second block.
  CHECK(Sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  CHECK(Sha256Hex("abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmno"
                  "ijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu") ==
        "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
  CHECK(Sha256Hex(std::string(1000000, 'a')) ==
        "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
  // Binary data with NUL bytes is hashed in full.
  CHECK(Sha256Hex(std::string("a\0b", 3)) != Sha256Hex("a"));
  CHECK(Sha256Hex("abc").size() == 64);
}
