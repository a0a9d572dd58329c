// SPDX-License-Identifier: Apache-2.0
// Signed releases: an Ed25519 signature (libsodium) over a release's id, date and content
// hash, in a file next to the release (`RELEASE.sig`). Whoever evaluates with a release
// downloaded from a partner checks it against the key they trust (`--trusted-key`).
//
// Files (text, one line each; docs/releases.md):
//   public key   `souple-ed25519-public <base64 of 32 bytes>`
//   secret key   `souple-ed25519-secret <base64 of 64 bytes>`   (written 0600)
//   signature    JSON: format, release, date, hash, algorithm, key_id, signature (base64)
#pragma once

#include <optional>
#include <string>

#include "souple/diagnostic.h"
#include "souple/engine.h"
#include "souple/release.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

struct SigningKeyPair {
  std::string public_key;  ///< The public key file's text.
  std::string secret_key;  ///< The secret key file's text.
  std::string key_id;      ///< First 16 hex digits of the public key's sha256.
};

/// A new key pair from the system's random source.
SigningKeyPair GenerateSigningKeys();

/// The key id of a public key file's text (E5007 into `diags` and nullopt when malformed).
std::optional<std::string> SigningKeyId(const SourceFile& public_key, Diagnostics& diags);

/// The signature file's text for `release`, signed with the secret key file's text. E5007 and
/// nullopt when the key file is malformed.
std::optional<std::string> SignRelease(const Release& release, const SourceFile& secret_key,
                                       Diagnostics& diags);

/// True when `signature` (a signature file's text) is well formed, names this release's id,
/// date and hash, was made with `public_key` and verifies. Otherwise adds one E5006 (or E5007
/// for a malformed key) saying which of these failed, and returns false.
bool VerifyReleaseSignature(const Release& release, const SourceFile& signature, const SourceFile& public_key,
                            Diagnostics& diags);

/// Where a release's signature is looked for when not given: `<release>.sig`.
std::string DefaultSignaturePath(const std::string& release_path);

}  // namespace souple
#pragma GCC visibility pop
