// SPDX-License-Identifier: Apache-2.0
// Releases: a named, content-addressed set of policy versions. A release file (JSON)
// embeds the activity schema and every policy file with its sha256, so that an
// evaluation can always be traced to, and reproduced from, the exact texts.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

/// Version of the release file format.
inline constexpr const char* kReleaseFormatVersion = "1.0";

/// A release file larger than this is refused before it is parsed (E5003). The bundled
/// 2025.2 release, schema and 40 policy files, is 0.8 MB.
inline constexpr size_t kMaxReleaseBytes = 16u << 20;

struct Release {
  std::string id;    ///< e.g. `2025.2`
  std::string date;  ///< Release date, YYYY-MM-DD: its default evaluation date.
  std::string engine_version;
  SourceFile schema;
  std::vector<SourceFile> files;       ///< Policy files, sorted by path.
  std::vector<PolicyInfo> policies;    ///< What the files declare (filled by Build/Load).
  /// sha256 over the schema and the policy files (paths and contents), not over the id or
  /// date: two releases with the same texts have the same hash.
  std::string hash;
};

struct ReleaseResult {
  Release release;
  std::shared_ptr<const PolicySet> policy_set;  ///< Null when there were errors.
  Diagnostics diagnostics;
};

/// Compiles the files (they must form a valid policy set) and describes the release.
ReleaseResult BuildRelease(const std::string& id, const std::string& date, const SourceFile& schema,
                           std::vector<SourceFile> files);

/// Reads a release file, checks every embedded text against its sha256 and the release
/// hash (E5004 on mismatch), and compiles it.
ReleaseResult LoadRelease(const SourceFile& release_file);

/// The release file (JSON, with the texts embedded).
std::string RenderReleaseJson(const Release& release);
/// Its manifest (`release inspect --format json`): the same document without the texts,
/// each schema and policy file listed with its path and sha256.
std::string RenderReleaseManifestJson(const Release& release);
/// A readable summary: id, date, hash, policies with versions, status, dates and hashes.
std::string RenderReleaseText(const Release& release);

/// The content hash of a schema and a set of files (as in Release::hash).
std::string ContentHash(const SourceFile& schema, const std::vector<SourceFile>& files);

}  // namespace souple
#pragma GCC visibility pop
