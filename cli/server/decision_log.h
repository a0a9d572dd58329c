// SPDX-License-Identifier: Apache-2.0
// The decision log of `souple serve --decision-log FILE`: one JSON line per evaluated
// activity, appended and flushed as it is decided (docs/server.md, "Decision log").
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <mutex>
#include <random>
#include <string>

namespace souple::cli::server {

/// What is logged of one evaluation: what decided it and what it decided, with no personal
/// data beyond the activity's id (the input is recorded by its SHA-256 only).
struct Decision {
  std::string release_id, release_hash, policy_set_hash, evaluation_date, activity_id, input_sha256;
  std::map<std::string, size_t> counts;  ///< Findings by status.
  double duration_ms = 0;
};

class DecisionLog {
 public:
  /// Opens `path` for appending; null with `error` set when it cannot be.
  static std::unique_ptr<DecisionLog> Open(const std::string& path, std::string& error);
  ~DecisionLog();
  DecisionLog(const DecisionLog&) = delete;
  DecisionLog& operator=(const DecisionLog&) = delete;

  /// Appends one line (thread-safe); returns its decision id (a random UUID, version 4).
  std::string Write(const Decision& decision);

  /// Opens the path again (after the file was renamed away: log rotation); on failure the
  /// file open until now stays in use.
  bool Reopen(std::string& error);

 private:
  DecisionLog(std::string path, std::FILE* file);
  std::mutex mutex_;
  const std::string path_;
  std::FILE* file_;
  std::mt19937_64 random_;
};

}  // namespace souple::cli::server
