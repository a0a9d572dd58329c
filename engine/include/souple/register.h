// SPDX-License-Identifier: Apache-2.0
// Registers of processing activities as input: files, folders, JSON Lines files and
// standard input, read one activity at a time.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

struct RegisterOptions {
  /// How standard input (`-`) is read: `jsonl` (one activity per line, a register), `json`
  /// or `yaml` (one activity).
  std::string stdin_format = "jsonl";
  /// Largest activity: a file, a line of a JSON Lines file, or standard input (E5003).
  uint64_t max_entry_bytes = Limits{}.max_activity_bytes;
};

/// Reads the activities of a register in a stable order, holding one at a time:
/// - a file is one activity (YAML, or JSON when it ends in `.json`);
/// - a folder is every `*.yaml`, `*.yml` and `*.json` file below it, sorted by path;
/// - a `*.jsonl` file holds one JSON activity per line (blank lines are skipped), read as a
///   stream, whatever its size; each entry's `first_line` is its line;
/// - `-` is standard input (RegisterOptions::stdin_format).
/// Files are opened as ReadInputFile does: regular files only, sizes checked before reading.
class RegisterReader {
 public:
  explicit RegisterReader(std::vector<std::string> inputs, RegisterOptions options = {});
  ~RegisterReader();
  RegisterReader(const RegisterReader&) = delete;
  RegisterReader& operator=(const RegisterReader&) = delete;

  /// The next activity; false at the end. An input or a line that cannot be read adds a
  /// diagnostic (E5001, E5003) and is skipped; after a line longer than the limit the rest
  /// of its file is not read (it may be a device that never ends a line).
  bool Next(SourceFile& out, Diagnostics& diags);

  /// Bytes read so far, and the total size of the inputs when known (0 for standard input):
  /// enough for a progress bar.
  uint64_t bytes_read() const;
  uint64_t bytes_total() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace souple
#pragma GCC visibility pop
