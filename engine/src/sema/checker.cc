// SPDX-License-Identifier: Apache-2.0
// The checker's driver: declarations, imports, headers, then rules; see checker.h.
#include "sema/checker.h"

#include <algorithm>
#include <deque>
#include <functional>

#include "base/sha256.h"
#include "base/suggest.h"
#include "sema/checker_internal.h"
#include "sema/rules.h"
#include "sema/tables.h"
#include "sema/vocabulary.h"

namespace souple::internal {

namespace {

std::unique_ptr<CompiledSource> CompileSource(const ast::SourceDecl& decl, const Reporter& reporter) {
  auto s = std::make_unique<CompiledSource>();
  s->id = decl.id;
  for (const auto& f : decl.fields) {
    const std::vector<std::string>& known = SourceFieldNames();
    if (std::find(known.begin(), known.end(), f.name) == known.end()) {
      reporter.Error(DiagCode::kInvalidClauseValue, "unknown source field `" + f.name + "`", f.span,
                     DidYouMean(f.name, known));
      continue;
    }
    std::string* slot = f.name == "publisher" ? &s->publisher
                        : f.name == "title"   ? &s->title
                        : f.name == "title_fr" ? &s->title_fr
                        : f.name == "title_en" ? &s->title_en
                        : f.name == "reference" ? &s->reference
                        : f.name == "adopted" ? &s->adopted
                        : f.name == "published" ? &s->published
                        : f.name == "url"     ? &s->url
                        : f.name == "status"  ? &s->status
                                              : &s->version;
    *slot = f.value;
  }
  for (const char* required : {"publisher", "title"}) {
    if (decl.Find(required) == nullptr) {
      reporter.Error(DiagCode::kMissingClause,
                     "source `" + decl.id + "` has no `" + required + "`", decl.span);
    }
  }
  if (!s->status.empty() && s->status != "draft" && s->status != "final") {
    reporter.Error(DiagCode::kInvalidClauseValue, "source status must be `draft` or `final`",
                   decl.Find("status")->span);
  }
  return s;
}

class Driver {
 public:
  Driver(CheckInput& input, std::shared_ptr<const Schema> schema, Diagnostics& diags)
      : input_(input), diags_(diags) {
    program_ = std::make_unique<Program>();
    program_->schema = std::move(schema);
  }

  std::unique_ptr<Program> Run() {
    const size_t errors_before = diags_.ErrorCount();
    CollectUnits();
    for (auto& env : envs_) DeclareOwn(env);
    for (auto& env : envs_) ResolveImports(env);
    for (auto& env : envs_) CheckDefinitions(env);
    for (size_t i = 0; i < envs_.size(); ++i) {
      if (!envs_[i].unit->is_module) CompilePolicy(envs_[i], file_index_[i]);
    }
    CheckSupersedesCycles();
    CheckSeeReferences();
    if (diags_.ErrorCount() > errors_before) return nullptr;
    std::stable_sort(program_->policies.begin(), program_->policies.end(),
                     [](const CompiledPolicy& a, const CompiledPolicy& b) {
                       return std::tie(a.id, a.effective) < std::tie(b.id, b.effective);
                     });
    // Two versions of one text taking effect the same day leave no way to choose.
    for (size_t i = 1; i < program_->policies.size(); ++i) {
      const auto& a = program_->policies[i - 1];
      const auto& b = program_->policies[i];
      if (a.id == b.id && a.effective == b.effective && a.status == b.status) {
        diags_.Add(MakeError(DiagCode::kInvalidDates,
                             "versions `" + a.version + "` and `" + b.version + "` of `" + a.id +
                                 "` take effect on the same date",
                             Location{b.file, 0, 0, 0}));
      }
    }
    if (diags_.ErrorCount() > errors_before) return nullptr;
    std::vector<std::pair<std::string, std::string>> files;
    for (size_t i = 0; i < input_.files.size(); ++i) {
      files.emplace_back(input_.files[i].path, input_.file_hashes[i]);
    }
    std::sort(files.begin(), files.end());
    // The schema is part of the set's identity: rules are compiled against it.
    std::string manifest = program_->schema->hash() + "  (activity schema)\n";
    for (const auto& [path, hash] : files) manifest += hash + "  " + path + "\n";
    program_->set_hash = Sha256Hex(manifest);
    // Module sources are cited by the policies that import them: the program keeps them.
    for (auto& [env, sources] : own_sources_) {
      for (auto& s : sources) {
        if (s != nullptr) program_->module_sources.push_back(std::move(s));
      }
    }
    return std::move(program_);
  }

 private:
  void CollectUnits() {
    std::map<std::string, ast::Span> modules;
    std::map<std::pair<std::string, std::string>, ast::Span> policies;
    for (size_t f = 0; f < input_.files.size(); ++f) {
      for (const auto& unit : input_.files[f].units) {
        Reporter r(diags_, input_.files[f].path);
        if (unit.is_module) {
          if (!modules.emplace(unit.id, unit.span).second) {
            r.Error(DiagCode::kDuplicatePolicy, "duplicate module `" + unit.id + "`", unit.span);
            continue;
          }
        } else if (!policies.emplace(std::make_pair(unit.id, unit.version), unit.span).second) {
          r.Error(DiagCode::kDuplicatePolicy,
                  "duplicate policy `" + unit.id + "` version `" + unit.version + "`", unit.span,
                  {"give each version of a policy its own `version`"});
          continue;
        }
        UnitEnv env;
        env.unit = &unit;
        env.file = input_.files[f].path;
        envs_.push_back(std::move(env));
        file_index_.push_back(f);
        if (unit.is_module) module_env_[unit.id] = &envs_.back();
      }
    }
  }

  template <typename Map, typename V>
  void Declare(Map& map, const std::string& name, V value, const ast::Span& span,
               const Reporter& r, const char* what) {
    if (!map.emplace(name, value).second) {
      r.Error(DiagCode::kDuplicateName, std::string("duplicate ") + what + " `" + name + "`", span);
    }
  }

  void DeclareOwn(UnitEnv& env) {
    const Reporter r(diags_, env.file);
    const ast::Unit& unit = *env.unit;
    for (const auto& s : unit.sources) {
      auto compiled = CompileSource(s, r);
      Declare(env.sources, s.id, compiled.get(), s.span, r, "source");
      own_sources_[&env].push_back(std::move(compiled));
    }
    for (const auto& t : unit.tables) {
      auto table = CompileTable(t, program_->types, r);
      if (table == nullptr) continue;
      Declare(env.tables, t.name, table.get(), t.span, r, "table");
      program_->tables.push_back(std::move(table));
    }
    for (const auto& d : unit.defs) {
      if (env.tables.count(d.name)) {
        r.Error(DiagCode::kDuplicateName, "`" + d.name + "` is already a table", d.span);
        continue;
      }
      Declare(env.defs, d.name, std::make_pair(&d, static_cast<const UnitEnv*>(&env)), d.span, r,
              "definition");
    }
  }

  void ResolveImports(UnitEnv& env) {
    const Reporter r(diags_, env.file);
    for (const auto& imp : env.unit->imports) {
      if (env.unit->is_module) {
        r.Error(DiagCode::kInvalidClauseValue, "a module cannot import another module", imp.span);
        continue;
      }
      auto it = module_env_.find(imp.name);
      if (it == module_env_.end()) {
        r.Error(DiagCode::kUnknownModule, "unknown module `" + imp.name + "`", imp.span,
                r.Suggest(imp.name, [&] {
                  std::vector<std::string> names;
                  for (const auto& [name, m] : module_env_) names.push_back(name);
                  return names;
                }));
        continue;
      }
      const UnitEnv& m = *it->second;
      for (const auto& [name, v] : m.sources) Declare(env.sources, name, v, imp.span, r, "imported source");
      for (const auto& [name, v] : m.tables) Declare(env.tables, name, v, imp.span, r, "imported table");
      for (const auto& [name, v] : m.defs) Declare(env.defs, name, v, imp.span, r, "imported definition");
    }
  }

  // Every definition is checked once on its own, used or not: its parameters are of any
  // type there (their uses are checked with the argument types at each call).
  void CheckDefinitions(const UnitEnv& env) {
    const Reporter r(diags_, env.file);
    for (const auto& def : env.unit->defs) {
      ExprChecker checker(env, program_->schema->root(), program_->types, r);
      checker.set_shallow_definitions(true);
      for (const auto& param : def.params) checker.Bind(param, program_->types.Error());
      checker.Check(*def.body);
    }
  }

  void CompilePolicy(const UnitEnv& env, size_t file_index) {
    const Reporter r(diags_, env.file);
    const ast::Unit& unit = *env.unit;
    CompiledPolicy p;
    p.id = unit.id;
    p.file = env.file;
    p.doc = unit.doc;
    p.content_hash = input_.file_hashes[file_index];
    if (!unit.title.has_fr || !unit.title.has_en) {
      r.Error(DiagCode::kMissingHeader, "policy `" + unit.id + "` needs `title fr \"...\" en \"...\"`", unit.span);
    }
    p.title_fr = unit.title.fr;
    p.title_en = unit.title.en;
    if (unit.version.empty()) r.Error(DiagCode::kMissingHeader, "policy `" + unit.id + "` has no `version`", unit.span);
    p.version = unit.version;
    if (unit.status.empty()) {
      r.Error(DiagCode::kMissingHeader, "policy `" + unit.id + "` has no `status` (draft or final)", unit.span);
    } else if (unit.status != "draft" && unit.status != "final") {
      r.Error(DiagCode::kInvalidClauseValue, "policy status must be `draft` or `final`", unit.status_span,
              DidYouMean(unit.status, {"draft", "final"}));
    }
    p.status = unit.status;
    if (!unit.effective) {
      r.Error(DiagCode::kMissingHeader, "policy `" + unit.id + "` has no `effective` date", unit.span);
    } else {
      p.effective = *unit.effective;
    }
    p.until = unit.until;
    if (unit.effective && unit.until && *unit.until <= *unit.effective) {
      r.Error(DiagCode::kInvalidDates, "`until` must come after `effective`", unit.until_span);
    }
    for (const auto& s : unit.supersedes) p.supersedes.emplace_back(s.name, s.version);
    if (unit.sources.empty() && env.sources.empty()) {
      r.Error(DiagCode::kMissingHeader, "policy `" + unit.id + "` declares no `source`", unit.span);
    }
    auto own = own_sources_.find(&env);
    if (own != own_sources_.end()) p.sources = std::move(own->second);
    std::map<std::string, ast::Span> rule_ids;
    ExpansionBudget budget;
    if (unit.applies != nullptr) {
      p.scope = std::make_unique<CompiledRule>(
          CompileScope(unit, env, program_->schema->root(), program_->types, r, budget));
    }
    for (const auto& decl : unit.rules) {
      if (!rule_ids.emplace(decl.id, decl.span).second) {
        r.Error(DiagCode::kDuplicateRule, "duplicate rule `" + decl.id + "` in policy `" + unit.id + "`", decl.span);
        continue;
      }
      p.rules.push_back(CompileRule(decl, unit.id, env, program_->schema->root(), program_->types, r,
                                    budget, p.effective, p.until));
      see_sites_.push_back({&decl, env.file});
    }
    program_->policies.push_back(std::move(p));
  }

  // `a supersedes b` retires b; a cycle would retire every policy in it.
  void CheckSupersedesCycles() {
    std::map<std::string, std::vector<const UnitEnv*>> by_id;
    for (const auto& env : envs_) {
      if (!env.unit->is_module) by_id[env.unit->id].push_back(&env);
    }
    std::map<std::string, int> state;  // 0 unseen, 1 on the path, 2 done
    std::vector<std::string> path;
    std::function<bool(const std::string&)> visit = [&](const std::string& id) {
      int& st = state[id];
      if (st == 2) return false;
      if (st == 1) {
        std::string cycle;
        for (auto it = std::find(path.begin(), path.end(), id); it != path.end(); ++it) cycle += *it + " -> ";
        const UnitEnv* env = by_id[id].front();
        Reporter(diags_, env->file)
            .Error(DiagCode::kSupersedesCycle,
                   "policies supersede each other in a cycle (" + cycle + id + "): none of them would apply",
                   env->unit->span);
        return true;
      }
      st = 1;
      path.push_back(id);
      for (const UnitEnv* env : by_id[id]) {
        for (const auto& s : env->unit->supersedes) {
          if (s.name != id && by_id.count(s.name) && visit(s.name)) return true;
        }
      }
      path.pop_back();
      st = 2;
      return false;
    };
    for (const auto& entry : by_id) {
      path.clear();
      if (visit(entry.first)) return;  // one cycle reported is enough to refuse the set
    }
  }

  void CheckSeeReferences() {
    std::vector<std::string> all;
    for (const auto& p : program_->policies) {
      for (const auto& rule : p.rules) all.push_back(rule.full_id);
    }
    const std::set<std::string> known(all.begin(), all.end());
    for (const auto& [decl, file] : see_sites_) {
      const Reporter r(diags_, file);
      for (const auto& ref : decl->see) {
        if (known.count(ref.name) == 0) {
          // A warning: a release of an earlier date may not hold the text referred to yet.
          r.Warning(DiagCode::kDanglingSee, "`see` names no rule of the policy set: `" + ref.name + "`",
                    ref.span, r.Suggest(ref.name, [&] { return all; }));
        }
      }
    }
  }

  CheckInput& input_;
  Diagnostics& diags_;
  std::unique_ptr<Program> program_;
  std::deque<UnitEnv> envs_;
  std::vector<size_t> file_index_;
  std::map<std::string, const UnitEnv*> module_env_;
  std::map<const UnitEnv*, std::vector<std::unique_ptr<CompiledSource>>> own_sources_;
  std::vector<std::pair<const ast::RuleDecl*, std::string>> see_sites_;
};

}  // namespace

std::unique_ptr<Program> CheckAndCompile(CheckInput input, std::shared_ptr<const Schema> schema,
                                         Diagnostics& diags) {
  // `input` must outlive the driver: the AST is referenced while checking only.
  Driver driver(input, std::move(schema), diags);
  return driver.Run();
}

}  // namespace souple::internal
