// SPDX-License-Identifier: Apache-2.0
// The public facade: runs the phases in order (parse -> check/compile -> load -> evaluate).
#include "souple/engine.h"

#include <set>

#include <stdexcept>

#include "base/sha256.h"
#include "engine_impl.h"
#include "report/report_builder.h"
#include "sema/checker.h"
#include "syntax/parser.h"

namespace souple {

const char* EngineVersion() { return SOUPLE_VERSION; }

PolicySet::PolicySet(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
PolicySet::~PolicySet() = default;
const std::vector<PolicyInfo>& PolicySet::policies() const { return impl_->infos; }
const std::string& PolicySet::hash() const { return impl_->program->set_hash; }

Activity::Activity(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Activity::~Activity() = default;
const std::string& Activity::path() const { return impl_->path; }

bool IsValidDate(const std::string& date) { return internal::ParseDate(date).has_value(); }

ActivitySchema::ActivitySchema(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ActivitySchema::~ActivitySchema() = default;
const std::string& ActivitySchema::hash() const { return impl_->schema->hash(); }

SchemaResult CompileSchema(const SourceFile& schema_file) {
  SchemaResult result;
  std::shared_ptr<const internal::Schema> schema =
      internal::Schema::Load(schema_file.path, schema_file.text, result.diagnostics);
  result.diagnostics.Sort();
  if (schema == nullptr || result.diagnostics.HasErrors()) return result;
  auto impl = std::make_unique<ActivitySchema::Impl>();
  impl->schema = std::move(schema);
  result.schema = std::make_shared<const ActivitySchema>(std::move(impl));
  return result;
}

namespace {
// Parses every policy file (all of them, so that every syntax error is reported at once).
bool ParseAll(const std::vector<SourceFile>& policies, const Limits& limits,
              internal::CheckInput& input, Diagnostics& diags) {
  internal::ParseOptions options;
  options.max_bytes = limits.max_policy_bytes;
  options.max_nesting = limits.max_nesting;
  bool parsed = true;
  for (const auto& file : policies) {
    auto ast = internal::ParsePolicyFile(file.path, file.text, diags, options);
    if (!ast) {
      parsed = false;
      continue;
    }
    input.files.push_back(std::move(*ast));
    input.file_hashes.push_back(internal::Sha256Hex(file.text));
  }
  return parsed;
}
}  // namespace

// Adds to `input` the shared modules that its units import and do not declare. A shared
// file is parsed only when its text declares a module (a cheap scan first).
static void AddSharedModules(const std::vector<SourceFile>& shared, const Limits& limits,
                             internal::CheckInput& input, Diagnostics& diags) {
  std::set<std::string> declared, wanted;
  for (const auto& file : input.files) {
    for (const auto& unit : file.units) {
      if (unit.is_module) declared.insert(unit.id);
      for (const auto& imp : unit.imports) wanted.insert(imp.name);
    }
  }
  for (const auto& name : declared) wanted.erase(name);
  if (wanted.empty()) return;
  internal::ParseOptions options;
  options.max_bytes = limits.max_policy_bytes;
  options.max_nesting = limits.max_nesting;
  for (const auto& file : shared) {
    if (file.text.find("module") == std::string::npos) continue;
    Diagnostics parse;
    auto ast = internal::ParsePolicyFile(file.path, file.text, parse, options);
    if (!ast) continue;  // a broken shared file matters only if it is needed: E2012 then
    bool needed = !ast->units.empty();
    for (const auto& unit : ast->units) needed = needed && unit.is_module && wanted.count(unit.id) > 0;
    if (!needed) continue;
    for (const auto& unit : ast->units) wanted.erase(unit.id);
    diags.Append(parse);
    input.files.push_back(std::move(*ast));
    input.file_hashes.push_back(internal::Sha256Hex(file.text));
  }
}

CompileResult CompilePolicies(const SourceFile& schema_file, const std::vector<SourceFile>& policies,
                              const Limits& limits, const std::vector<SourceFile>& shared_modules) {
  SchemaResult schema = CompileSchema(schema_file);
  if (schema.schema == nullptr) {
    // The policies' own syntax errors are still worth reporting.
    CompileResult result;
    result.diagnostics = std::move(schema.diagnostics);
    internal::CheckInput unused;
    ParseAll(policies, limits, unused, result.diagnostics);
    result.diagnostics.Sort();
    return result;
  }
  return CompilePolicies(*schema.schema, policies, limits, shared_modules);
}

CompileResult CompilePolicies(const ActivitySchema& schema_handle, const std::vector<SourceFile>& policies,
                              const Limits& limits, const std::vector<SourceFile>& shared_modules) {
  CompileResult result;
  std::shared_ptr<const internal::Schema> schema = schema_handle.impl().schema;
  internal::CheckInput input;
  if (!ParseAll(policies, limits, input, result.diagnostics)) {
    result.diagnostics.Sort();
    return result;
  }
  AddSharedModules(shared_modules, limits, input, result.diagnostics);
  auto program = internal::CheckAndCompile(std::move(input), schema, result.diagnostics);
  result.diagnostics.Sort();
  if (program == nullptr || result.diagnostics.HasErrors()) return result;
  auto impl = std::make_unique<PolicySet::Impl>();
  for (const auto& p : program->policies) {
    PolicyInfo info;
    info.id = p.id;
    info.version = p.version;
    info.status = p.status;
    info.effective = internal::FormatDate(p.effective);
    info.until = p.until ? internal::FormatDate(*p.until) : "";
    info.file = p.file;
    info.content_hash = p.content_hash;
    info.title_fr = p.title_fr;
    info.title_en = p.title_en;
    info.rule_count = p.rules.size();
    for (const auto& r : p.rules) {
      RuleInfo ri;
      ri.id = r.full_id;
      ri.kind = r.kind;
      ri.confidence = r.confidence;
      ri.covers = r.covers;
      ri.see = r.see;
      for (const auto& c : r.citations) ri.sources.push_back(c.source->id + " " + c.section);
      ri.has_exception = !r.exceptions.empty();
      ri.has_met = r.met != nullptr;
      ri.line = r.span.line;
      info.rules.push_back(std::move(ri));
    }
    impl->infos.push_back(std::move(info));
  }
  impl->program = std::move(program);
  impl->limits = limits;
  result.policy_set = std::make_shared<const PolicySet>(std::move(impl));
  return result;
}

LoadResult LoadActivity(const PolicySet& policies, const SourceFile& source, const Limits& limits) {
  LoadResult result;
  internal::DocumentOptions options;
  options.max_bytes = limits.max_activity_bytes;
  options.max_depth = limits.max_activity_depth;
  options.max_list_items = limits.max_activity_list_items;
  options.first_line = source.first_line;
  options.format = source.format == SourceFormat::kJson   ? internal::DocumentOptions::Format::kJson
                   : source.format == SourceFormat::kYaml ? internal::DocumentOptions::Format::kYaml
                                                          : internal::DocumentOptions::Format::kByPath;
  options.ignore_unknown_fields = limits.ignore_unknown_fields;
  auto root = internal::LoadDocument(source.path, source.text,
                                     policies.impl().program->schema->root(), result.diagnostics,
                                     options);
  result.diagnostics.Sort();
  if (root == nullptr) return result;
  auto impl = std::make_unique<Activity::Impl>();
  impl->path = source.path;
  impl->schema = policies.impl().program->schema;
  impl->root = std::move(root);
  result.activity = std::make_shared<const Activity>(std::move(impl));
  return result;
}

LoadResult LoadActivityWrittenFor(const PolicySet& policies, const SourceFile& source, const Activity& written,
                                  Limits limits) {
  limits.ignore_unknown_fields = true;
  LoadResult result = LoadActivity(policies, source, limits);
  if (result.activity == nullptr) return result;
  // The handle is new and not shared yet: its document may still be completed.
  auto& root = const_cast<internal::DocNode&>(*result.activity->impl().root);
  internal::CarryReplacedFacts(*written.impl().root, root);
  return result;
}

Report Evaluate(const PolicySet& policies, const Activity& activity, const EvalOptions& options) {
  const std::optional<internal::Date> date = internal::ParseDate(options.evaluation_date);
  if (!date) {
    throw std::invalid_argument("souple::Evaluate: evaluation_date must be YYYY-MM-DD, got `" +
                                options.evaluation_date + "`");
  }
  if (activity.impl().schema->hash() != policies.impl().program->schema->hash()) {
    throw std::invalid_argument("souple::Evaluate: the activity was loaded with another activity schema");
  }
  return internal::BuildReport(*policies.impl().program, *activity.impl().root,
                               activity.impl().path, *date,
                               options.detail == EvalOptions::Detail::kFull, options.final_only,
                               options.policies);
}

size_t Report::Count(const std::string& status) const {
  size_t n = 0;
  for (const auto& f : findings) n += f.status == status ? 1 : 0;
  return n;
}

}  // namespace souple
