// SPDX-License-Identifier: Apache-2.0
// Release signatures (souple/signing.h): a round trip, and each way a signature must fail.
#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>
#include <string>

#include "souple/signing.h"

namespace {

souple::Release SampleRelease() {
  souple::Release r;
  r.id = "2026.2";
  r.date = "2026-12-02";
  r.hash = std::string(64, 'a');
  return r;
}

std::string OnlyMessage(const souple::Diagnostics& diags) {
  REQUIRE(diags.items().size() == 1);
  return diags.items()[0].code + " " + diags.items()[0].message;
}

}  // namespace

TEST_CASE("a signed release verifies with its key, and only with it", "[signing]") {
  const souple::SigningKeyPair keys = souple::GenerateSigningKeys();
  CHECK(keys.key_id.size() == 16);
  CHECK(keys.public_key.rfind("souple-ed25519-public ", 0) == 0);
  const souple::Release release = SampleRelease();
  souple::Diagnostics diags;
  const auto sig = souple::SignRelease(release, {"k.sec", keys.secret_key}, diags);
  REQUIRE(sig);
  CHECK(nlohmann::json::parse(*sig)["key_id"] == keys.key_id);
  CHECK(souple::VerifyReleaseSignature(release, {"r.sig", *sig}, {"k.pub", keys.public_key}, diags));
  CHECK(diags.items().empty());

  const souple::SigningKeyPair other = souple::GenerateSigningKeys();
  CHECK(other.key_id != keys.key_id);
  souple::Diagnostics refused;
  CHECK_FALSE(souple::VerifyReleaseSignature(release, {"r.sig", *sig}, {"o.pub", other.public_key}, refused));
  CHECK_THAT(OnlyMessage(refused), Catch::Contains("E5006") && Catch::Contains("not by the trusted key " + other.key_id));
}

TEST_CASE("the signature covers the id, the date and the hash", "[signing]") {
  const souple::SigningKeyPair keys = souple::GenerateSigningKeys();
  const souple::Release release = SampleRelease();
  souple::Diagnostics diags;
  const std::string sig = *souple::SignRelease(release, {"k.sec", keys.secret_key}, diags);
  for (auto change : {+[](souple::Release& r) { r.id = "2026.3"; }, +[](souple::Release& r) { r.date = "2030-01-01"; },
                      +[](souple::Release& r) { r.hash[0] = 'b'; }}) {
    souple::Release altered = release;
    change(altered);
    souple::Diagnostics refused;
    CHECK_FALSE(souple::VerifyReleaseSignature(altered, {"r.sig", sig}, {"k.pub", keys.public_key}, refused));
    CHECK_THAT(OnlyMessage(refused), Catch::Contains("not for this file's release"));
  }
  // The same fields rewritten in the signature file too: the Ed25519 check fails.
  souple::Release altered = release;
  altered.date = "2030-01-01";
  nlohmann::json doc = nlohmann::json::parse(sig);
  doc["date"] = altered.date;
  souple::Diagnostics refused;
  CHECK_FALSE(souple::VerifyReleaseSignature(altered, {"r.sig", doc.dump()}, {"k.pub", keys.public_key}, refused));
  CHECK_THAT(OnlyMessage(refused), Catch::Contains("does not verify"));
}

TEST_CASE("malformed keys and signature files are coded errors", "[signing]") {
  const souple::SigningKeyPair keys = souple::GenerateSigningKeys();
  const souple::Release release = SampleRelease();
  souple::Diagnostics diags;
  CHECK_FALSE(souple::SignRelease(release, {"k.pub", keys.public_key}, diags));  // a public key is not a secret one
  CHECK_THAT(OnlyMessage(diags), Catch::Contains("E5007") && Catch::Contains("not a secret key file"));
  CHECK(diags.items()[0].location.file == "k.pub");
  CHECK(diags.items()[0].location.line == 1);

  souple::Diagnostics truncated;
  const std::string short_key = keys.public_key.substr(0, keys.public_key.size() - 6) + "\n";
  CHECK_FALSE(souple::SigningKeyId({"k.pub", short_key}, truncated));
  CHECK_THAT(OnlyMessage(truncated), Catch::Contains("E5007"));
  souple::Diagnostics ok;
  CHECK(souple::SigningKeyId({"k.pub", keys.public_key}, ok) == keys.key_id);

  const std::string sig = *souple::SignRelease(release, {"k.sec", keys.secret_key}, diags);
  for (const char* bad : {"not json", "[]", "{\"format\": \"souple-release-signature/1\", \"algorithm\": \"rsa\"}"}) {
    souple::Diagnostics refused;
    CHECK_FALSE(souple::VerifyReleaseSignature(release, {"r.sig", bad}, {"k.pub", keys.public_key}, refused));
    CHECK_THAT(OnlyMessage(refused), Catch::Contains("E5006") && Catch::Contains("not a signature file"));
  }
  nlohmann::json doc = nlohmann::json::parse(sig);
  doc["signature"] = "AAAA";
  souple::Diagnostics refused;
  CHECK_FALSE(souple::VerifyReleaseSignature(release, {"r.sig", doc.dump()}, {"k.pub", keys.public_key}, refused));
  CHECK_THAT(OnlyMessage(refused), Catch::Contains("not 64 bytes"));
}

TEST_CASE("a signature is looked for next to its release", "[signing]") {
  CHECK(souple::DefaultSignaturePath("releases/2026.2.json") == "releases/2026.2.json.sig");
}
