// SPDX-License-Identifier: Apache-2.0
#include "io.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace souple::cli {

namespace fs = std::filesystem;

namespace {
Diagnostic IoError(const std::string& path, const std::string& message) {
  Diagnostic d;
  d.code = "E5001";
  d.name = "io-error";
  d.message = message;
  d.location.file = path;
  return d;
}
}  // namespace

std::optional<std::string> ReadFile(const std::string& path, Diagnostics& diags) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    diags.Add(IoError(path, "is a directory, not a file"));
    return std::nullopt;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    diags.Add(IoError(path, "cannot read file"));
    return std::nullopt;
  }
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

bool CollectPolicies(const std::vector<std::string>& paths, const std::string& display_root,
                     std::vector<SourceFile>& out, Diagnostics& diags) {
  bool ok = true;
  for (const auto& p : paths) {
    std::vector<std::string> files;
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      for (auto it = fs::recursive_directory_iterator(p, ec); !ec && it != fs::recursive_directory_iterator();
           it.increment(ec)) {
        if (it->is_regular_file() && it->path().extension() == ".souple") files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
    } else if (fs::exists(p, ec)) {
      files.push_back(p);
    } else {
      diags.Add(IoError(p, "no such file or directory"));
      ok = false;
      continue;
    }
    for (const auto& f : files) {
      auto text = ReadFile(f, diags);
      if (!text) {
        ok = false;
        continue;
      }
      std::string shown = f;
      if (!display_root.empty()) shown = fs::relative(f, display_root, ec).string();
      out.push_back({shown, std::move(*text)});
    }
  }
  return ok;
}

}  // namespace souple::cli
