// SPDX-License-Identifier: Apache-2.0
// `souple fmt [--check|--write|--diff] PATH...`: the canonical layout of policy files
// (docs/fmt.md). Every file is formatted before anything is printed or written, so a file
// that does not parse leaves every file and standard output untouched.
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <iostream>

#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/format.h"

namespace souple::cli {

namespace {

constexpr const char* kStdinPath = "<stdin>";

Diagnostic IoError(const std::string& path, const std::string& message) {
  return {Severity::kError, "E5001", "io-error", message, {path, 0, 0, 0}, {}};
}

// Standard input, read up to the input limit (a longer text is refused by the parser's
// size check, E5003).
bool ReadStdin(std::string& text, Diagnostics& diags) {
  char block[1 << 16];
  while (text.size() <= kMaxInputBytes) {
    const ssize_t n = ::read(STDIN_FILENO, block, sizeof block);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      diags.Add(IoError(kStdinPath, "cannot read standard input"));
      return false;
    }
    if (n == 0) break;
    text.append(block, static_cast<size_t>(n));
  }
  return true;
}

// The permissions a rewritten file keeps.
unsigned ModeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? static_cast<unsigned>(st.st_mode & 07777) : 0644;
}

}  // namespace

int RunFmt(const FmtOptions& options) {
  Diagnostics diags;
  std::vector<SourceFile> files;
  bool read_ok = true;
  for (const std::string& path : options.paths) {
    if (path == "-") {
      if (options.write) {
        std::cerr << "souple fmt: --write cannot rewrite standard input\n";
        return kUsage;
      }
      SourceFile in{kStdinPath, {}};
      read_ok = ReadStdin(in.text, diags) && read_ok;
      files.push_back(std::move(in));
    } else if (!std::filesystem::is_directory(path) && !EndsWith(path, ".souple")) {
      // Policy-test files and activities are YAML: not formatted (docs/fmt.md).
      diags.Add(IoError(path, "not a policy file: souple fmt formats *.souple files only"));
      read_ok = false;
    } else {
      read_ok = CollectPolicies({path}, "", files, diags) && read_ok;
    }
  }
  if (!read_ok) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return kInvalidInput;
  }
  const bool print = !options.check && !options.write && !options.diff;
  if (print && files.size() != 1) {
    std::cerr << "souple fmt: " << files.size()
              << " files: printing takes one file (use --check, --diff or --write for several)\n";
    return kUsage;
  }
  std::vector<FormatResult> results;
  bool internal_error = false;
  for (const SourceFile& file : files) {
    results.push_back(FormatSource(file));
    internal_error = internal_error || results.back().status == FormatStatus::kInternalError;
    diags.Append(results.back().diagnostics);
  }
  if (diags.HasErrors()) {
    PrintDiagnostics(diags, options.diagnostics_format);
    return internal_error ? kInternal : kInvalidInput;
  }
  if (print) {
    std::cout << results.front().text;
    return kOk;
  }
  size_t changed = 0;
  for (size_t i = 0; i < files.size(); ++i) {
    const FormatResult& r = results[i];
    if (!r.changed) continue;
    ++changed;
    const std::string& path = files[i].path;
    if (options.check) {
      std::cout << path << "\n";
    } else if (options.diff) {
      std::cout << UnifiedDiff(path, path, files[i].text, r.text);
    } else if (!WriteFileAtomically(path, r.text, /*force=*/true, "fmt", ModeOf(path))) {
      return kInvalidInput;
    }
  }
  std::cerr << "souple fmt: " << changed << " of " << files.size() << " file(s) "
            << (options.write ? "rewritten" : "not formatted") << "\n";
  return options.write || changed == 0 ? kOk : kFindings;
}

}  // namespace souple::cli
