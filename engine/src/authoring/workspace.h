// SPDX-License-Identifier: Apache-2.0
// The language service's view of the files: open documents over files on disk, the policy
// set each document belongs to, their outlines, the activity schema, and what the names of
// a document resolve to.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "authoring/outline.h"
#include "schema/types.h"
#include "souple/engine.h"

namespace souple::internal::authoring {

/// A unit of some file of the workspace.
struct UnitRef {
  std::string path;
  const OutlineUnit* unit = nullptr;
};

/// A declaration of some file.
struct DeclRef {
  std::string path;
  const Decl* decl = nullptr;
};

/// What `souple check` compiles a document with.
struct PolicyFiles {
  std::vector<std::string> policies;  ///< The document first.
  std::vector<std::string> shared;    ///< Bundled modules its imports may name.
};

class Workspace {
 public:
  Workspace(std::string data_root, Limits limits);

  void Open(const std::string& path, std::string text);
  void Close(const std::string& path);
  bool IsOpen(const std::string& path) const { return open_.count(path) > 0; }

  /// The open document's text, else the file's (null when unreadable).
  const std::string* Text(const std::string& path);
  const Outline* OutlineOf(const std::string& path);
  PolicyFiles FilesOf(const std::string& path);

  /// The compiled activity schema, or null (`schema_diagnostics()` says why).
  const ActivitySchema* schema();
  const Diagnostics& schema_diagnostics() const { return schema_diags_; }
  const Type* root() { return schema() != nullptr ? root_ : nullptr; }
  const Limits& limits() const { return limits_; }

  /// Every unit of the files compiled with `path` (modules and policies).
  std::vector<UnitRef> UnitsSeenFrom(const std::string& path);
  UnitRef FindModule(const std::string& from, const std::string& name);
  /// A declaration of kind `kind` visible in `unit` of `path`: its own, then its imports'.
  DeclRef FindVisible(const std::string& path, const OutlineUnit& unit, DeclKind kind, const std::string& name);
  /// Every declaration of `kind` visible in `unit`.
  std::vector<DeclRef> AllVisible(const std::string& path, const OutlineUnit& unit, DeclKind kind);

 private:
  struct Cached {
    std::string text;
    std::unique_ptr<Outline> outline;
    int64_t mtime = 0;
    bool read = false;
  };
  Cached* Entry(const std::string& path);

  std::string policies_dir_;
  Limits limits_;
  std::string data_root_;
  std::map<std::string, Cached> open_, disk_;
  std::shared_ptr<const ActivitySchema> schema_;
  const Type* root_ = nullptr;
  Diagnostics schema_diags_;
  bool schema_loaded_ = false;
};

}  // namespace souple::internal::authoring
