// SPDX-License-Identifier: Apache-2.0
#include "authoring/workspace.h"

#include <algorithm>
#include <filesystem>

#include "engine_impl.h"
#include "schema/schema.h"
#include "souple/bundle.h"
#include "souple/files.h"

namespace souple::internal::authoring {

namespace fs = std::filesystem;

namespace {

std::vector<std::string> SoupleFiles(const std::string& dir, bool recursive) {
  std::vector<std::string> out;
  std::error_code ec;
  auto take = [&](const fs::directory_entry& e) {
    if (e.is_regular_file(ec) && e.path().extension() == ".souple") out.push_back(e.path().string());
  };
  if (recursive) {
    for (auto it = fs::recursive_directory_iterator(dir, ec); !ec && it != fs::recursive_directory_iterator();
         it.increment(ec)) {
      take(*it);
    }
  } else {
    for (auto it = fs::directory_iterator(dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) take(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

bool Inside(const std::string& path, const std::string& dir) {
  return !dir.empty() && path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}

}  // namespace

Workspace::Workspace(std::string data_root, Limits limits)
    : limits_(limits), data_root_(data_root.empty() ? BundledDataRoot() : std::move(data_root)) {
  std::error_code ec;
  const fs::path dir = fs::weakly_canonical(fs::path(data_root_) / "policies", ec);
  if (!ec) policies_dir_ = dir.string();
}

void Workspace::Open(const std::string& path, std::string text) {
  Cached& c = open_[path];
  c.text = std::move(text);
  c.outline.reset();
  c.read = true;
}

void Workspace::Close(const std::string& path) { open_.erase(path); }

Workspace::Cached* Workspace::Entry(const std::string& path) {
  if (auto it = open_.find(path); it != open_.end()) return &it->second;
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  if (ec) return nullptr;
  const int64_t mtime = time.time_since_epoch().count();
  Cached& c = disk_[path];
  if (!c.read || c.mtime != mtime) {
    Diagnostics ignored;
    auto text = ReadInputFile(path, ignored, limits_.max_policy_bytes);
    if (!text) {
      disk_.erase(path);
      return nullptr;
    }
    c.text = std::move(*text);
    c.outline.reset();
    c.mtime = mtime;
    c.read = true;
  }
  return &c;
}

const std::string* Workspace::Text(const std::string& path) {
  Cached* c = Entry(path);
  return c != nullptr ? &c->text : nullptr;
}

const Outline* Workspace::OutlineOf(const std::string& path) {
  Cached* c = Entry(path);
  if (c == nullptr) return nullptr;
  if (c->outline == nullptr) c->outline = std::make_unique<Outline>(BuildOutline(c->text));
  return c->outline.get();
}

PolicyFiles Workspace::FilesOf(const std::string& path) {
  PolicyFiles files;
  files.policies.push_back(path);
  std::vector<std::string> folder;
  std::string dir;
  if (Inside(path, policies_dir_)) {
    // A bundled policy is checked with the whole bundled set, as `souple check` does.
    folder = SoupleFiles(policies_dir_, true);
  } else {
    if (fs::path(path).is_absolute()) dir = fs::path(path).parent_path().string();
    if (!dir.empty()) folder = SoupleFiles(dir, false);
    files.shared = SoupleFiles(policies_dir_, true);
  }
  for (const auto& [open_path, doc] : open_) {
    // A new document not saved yet belongs to its folder too.
    if (!dir.empty() && fs::path(open_path).parent_path().string() == dir) folder.push_back(open_path);
  }
  std::sort(folder.begin(), folder.end());
  folder.erase(std::unique(folder.begin(), folder.end()), folder.end());
  for (const auto& f : folder) {
    if (f != path) files.policies.push_back(f);
  }
  return files;
}

const ActivitySchema* Workspace::schema() {
  if (!schema_loaded_) {
    schema_loaded_ = true;
    if (!IsDataRoot(data_root_)) {
      Diagnostic d;
      d.code = "E5001";
      d.name = "io-error";
      d.message = data_root_ + " is not a Souple data folder (no schemas/activity.schema.json and policies/)";
      schema_diags_.Add(std::move(d));
      return nullptr;
    }
    auto file = ReadActivitySchema(data_root_ + "/schemas/activity.schema.json", "schemas/activity.schema.json",
                                   schema_diags_);
    if (file) {
      SchemaResult compiled = CompileSchema(*file);
      schema_diags_.Append(compiled.diagnostics);
      schema_ = compiled.schema;
      if (schema_ != nullptr) root_ = schema_->impl().schema->root();
    }
  }
  return schema_.get();
}

std::vector<UnitRef> Workspace::UnitsSeenFrom(const std::string& path) {
  std::vector<UnitRef> out;
  PolicyFiles files = FilesOf(path);
  for (const auto* list : {&files.policies, &files.shared}) {
    for (const auto& f : *list) {
      const Outline* o = OutlineOf(f);
      if (o == nullptr) continue;
      for (const auto& u : o->units) out.push_back({f, &u});
    }
  }
  return out;
}

UnitRef Workspace::FindModule(const std::string& from, const std::string& name) {
  for (const UnitRef& u : UnitsSeenFrom(from)) {
    if (u.unit->head.kind == DeclKind::kModule && u.unit->head.name == name) return u;
  }
  return {};
}

DeclRef Workspace::FindVisible(const std::string& path, const OutlineUnit& unit, DeclKind kind,
                               const std::string& name) {
  if (const Decl* d = unit.Find(kind, name)) return {path, d};
  for (const auto& item : unit.items) {
    if (item.kind != DeclKind::kImport) continue;
    UnitRef m = FindModule(path, item.name);
    if (m.unit == nullptr) continue;
    if (const Decl* d = m.unit->Find(kind, name)) return {m.path, d};
  }
  return {};
}

std::vector<DeclRef> Workspace::AllVisible(const std::string& path, const OutlineUnit& unit, DeclKind kind) {
  std::vector<DeclRef> out;
  for (const auto& d : unit.items) {
    if (d.kind == kind) out.push_back({path, &d});
  }
  for (const auto& item : unit.items) {
    if (item.kind != DeclKind::kImport) continue;
    UnitRef m = FindModule(path, item.name);
    if (m.unit == nullptr) continue;
    for (const auto& d : m.unit->items) {
      if (d.kind == kind) out.push_back({m.path, &d});
    }
  }
  return out;
}

}  // namespace souple::internal::authoring
