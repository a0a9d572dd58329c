// SPDX-License-Identifier: Apache-2.0
// Ed25519 release signatures with libsodium (crypto_sign_detached / _verify_detached).
#include "souple/signing.h"

#include <sodium.h>

#include <array>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/diag_codes.h"
#include "base/sha256.h"

namespace souple {

using internal::DiagCode;
using internal::MakeError;

namespace {

constexpr const char* kPublicTag = "souple-ed25519-public";
constexpr const char* kSecretTag = "souple-ed25519-secret";
constexpr const char* kSignatureFormat = "souple-release-signature/1";

void InitSodium() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not be initialised");
}

std::string ToBase64(const unsigned char* data, size_t size) {
  std::string out(sodium_base64_ENCODED_LEN(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), data, size, sodium_base64_VARIANT_ORIGINAL);
  out.resize(out.size() - 1);  // the terminating NUL
  return out;
}

/// Decodes exactly `size` bytes of standard base64.
bool FromBase64(const std::string& text, unsigned char* out, size_t size) {
  size_t written = 0;
  const char* end = nullptr;
  return sodium_base642bin(out, size, text.data(), text.size(), nullptr, &written, &end,
                           sodium_base64_VARIANT_ORIGINAL) == 0 &&
         written == size && end == text.data() + text.size();
}

std::string KeyId(const unsigned char* public_key) {
  return internal::Sha256Hex(std::string_view(reinterpret_cast<const char*>(public_key), crypto_sign_PUBLICKEYBYTES))
      .substr(0, 16);
}

/// Reads `<tag> <base64>` (one line, a final newline allowed) into `out`.
template <size_t N>
bool ReadKey(const SourceFile& file, const char* tag, const char* what, std::array<unsigned char, N>& out,
             Diagnostics& diags) {
  std::string text = file.text;
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  const std::string prefix = std::string(tag) + " ";
  if (text.rfind(prefix, 0) != 0 || !FromBase64(text.substr(prefix.size()), out.data(), N)) {
    diags.Add(MakeError(DiagCode::kInvalidKey,
                        std::string("not a ") + what + " key file: expected one line `" + tag + " <base64>` " +
                            "(souple release keygen writes one)",
                        Location{file.path, 1, 1, 0}));
    return false;
  }
  return true;
}

/// What is signed: the format, the release's id, date and content hash, one per line. The
/// id and date are not in the content hash but decide what an evaluation applies by default.
std::string SignedMessage(const Release& release) {
  return std::string(kSignatureFormat) + "\n" + release.id + "\n" + release.date + "\n" + release.hash + "\n";
}

}  // namespace

SigningKeyPair GenerateSigningKeys() {
  InitSodium();
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  crypto_sign_keypair(pk.data(), sk.data());
  SigningKeyPair keys;
  keys.public_key = std::string(kPublicTag) + " " + ToBase64(pk.data(), pk.size()) + "\n";
  keys.secret_key = std::string(kSecretTag) + " " + ToBase64(sk.data(), sk.size()) + "\n";
  keys.key_id = KeyId(pk.data());
  sodium_memzero(sk.data(), sk.size());
  return keys;
}

std::optional<std::string> SigningKeyId(const SourceFile& public_key, Diagnostics& diags) {
  InitSodium();
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  if (!ReadKey(public_key, kPublicTag, "public", pk, diags)) return std::nullopt;
  return KeyId(pk.data());
}

std::optional<std::string> SignRelease(const Release& release, const SourceFile& secret_key, Diagnostics& diags) {
  InitSodium();
  std::array<unsigned char, crypto_sign_SECRETKEYBYTES> sk{};
  if (!ReadKey(secret_key, kSecretTag, "secret", sk, diags)) return std::nullopt;
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  crypto_sign_ed25519_sk_to_pk(pk.data(), sk.data());
  const std::string message = SignedMessage(release);
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  crypto_sign_detached(sig.data(), nullptr, reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                       sk.data());
  sodium_memzero(sk.data(), sk.size());
  nlohmann::ordered_json doc;
  doc["format"] = kSignatureFormat;
  doc["release"] = release.id;
  doc["date"] = release.date;
  doc["hash"] = "sha256:" + release.hash;  // as the release file writes it
  doc["algorithm"] = "ed25519";
  doc["key_id"] = KeyId(pk.data());
  doc["signature"] = ToBase64(sig.data(), sig.size());
  return doc.dump(2) + "\n";
}

bool VerifyReleaseSignature(const Release& release, const SourceFile& signature, const SourceFile& public_key,
                            Diagnostics& diags) {
  InitSodium();
  std::array<unsigned char, crypto_sign_PUBLICKEYBYTES> pk{};
  if (!ReadKey(public_key, kPublicTag, "public", pk, diags)) return false;
  auto refuse = [&](const std::string& why) {
    diags.Add(MakeError(DiagCode::kReleaseSignature, "release " + release.id + ": " + why,
                        Location{signature.path, 0, 0, 0}));
    return false;
  };
  const nlohmann::json doc = nlohmann::json::parse(signature.text, nullptr, /*allow_exceptions=*/false);
  auto text = [&](const char* key) -> std::string {
    if (!doc.is_object() || !doc.contains(key) || !doc[key].is_string()) return {};
    return doc[key].get<std::string>();
  };
  if (!doc.is_object() || text("format") != kSignatureFormat || text("algorithm") != "ed25519") {
    return refuse(std::string("not a signature file (a JSON object with format `") + kSignatureFormat +
                  "` and algorithm `ed25519`)");
  }
  const std::string trusted = KeyId(pk.data());
  if (text("key_id") != trusted) {
    return refuse("signed by key " + (text("key_id").empty() ? std::string("(none)") : text("key_id")) +
                  ", not by the trusted key " + trusted);
  }
  if (text("release") != release.id || text("date") != release.date || text("hash") != "sha256:" + release.hash) {
    return refuse("the signature is for release " + text("release") + " of " + text("date") + " (" +
                  text("hash").substr(0, 19) + "…), not for this file's release " + release.id + " of " + release.date +
                  " (sha256:" + release.hash.substr(0, 12) + "…)");
  }
  std::array<unsigned char, crypto_sign_BYTES> sig{};
  if (!FromBase64(text("signature"), sig.data(), sig.size())) return refuse("the signature is not 64 bytes of base64");
  const std::string message = SignedMessage(release);
  if (crypto_sign_verify_detached(sig.data(), reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                                  pk.data()) != 0) {
    return refuse("the signature does not verify with the trusted key " + trusted + ": the release or its "
                  "signature was altered, or signed with another key");
  }
  return true;
}

std::string DefaultSignaturePath(const std::string& release_path) { return release_path + ".sig"; }

}  // namespace souple
