// Compiles the installed bundled policies, evaluates one activity read from argv[1], and
// prints the number of policies and the summary: what a GRC tool linking Souple does.
#include <filesystem>
#include <iostream>

#include "souple/engine.h"
#include "souple/files.h"
#include "souple/report.h"

int main(int argc, char** argv) {
  namespace fs = std::filesystem;
  if (argc != 2) return 3;
  const fs::path data = SOUPLE_DATA_DIR;
  souple::Diagnostics diags;
  auto schema = souple::ReadActivitySchema((data / "schemas" / "activity.schema.json").string(),
                                           "activity.schema.json", diags);
  std::vector<souple::SourceFile> policies;
  for (const auto& e : fs::recursive_directory_iterator(data / "policies")) {
    if (e.path().extension() != ".souple") continue;
    auto text = souple::ReadInputFile(e.path().string(), diags);
    if (text) policies.push_back({e.path().string(), *text});
  }
  auto activity_text = souple::ReadInputFile(argv[1], diags);
  if (!schema || !activity_text) {
    std::cerr << diags.RenderText();
    return 2;
  }
  const auto compiled = souple::CompilePolicies(*schema, policies);
  if (compiled.policy_set == nullptr) {
    std::cerr << compiled.diagnostics.RenderText();
    return 2;
  }
  const auto loaded = souple::LoadActivity(*compiled.policy_set, {argv[1], *activity_text});
  if (loaded.activity == nullptr) {
    std::cerr << loaded.diagnostics.RenderText();
    return 2;
  }
  const souple::Report report = souple::Evaluate(*compiled.policy_set, *loaded.activity, {"2026-01-15"});
  std::cout << compiled.policy_set->policies().size() << " policies; not_met " << report.Count("not_met")
            << ", unknown " << report.Count("unknown") << ", met " << report.Count("met") << '\n';
  return 0;
}
