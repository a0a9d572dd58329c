// SPDX-License-Identifier: Apache-2.0
// The lint driver: compile (lints run only on policies that compile), parse again for the
// AST, run every lint, honour `lint: allow CODE reason` comments.
#include "souple/lint.h"

#include <algorithm>
#include <map>

#include "base/diag_codes.h"
#include "base/utf8.h"
#include "lint/lint_checks.h"
#include "syntax/parser.h"

namespace souple {

namespace {

using internal::lint::Hit;

std::string Trim(const std::string& s) {
  const size_t b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  return s.substr(b, s.find_last_not_of(" \t\r") - b + 1);
}

enum class Allow { kNo, kYes, kWithoutReason };

// Looks for `lint: allow CODE reason` in the block of `//` comment lines directly above
// `decl_line` (1-based); `comment_line` is set to the line of the allow comment found.
Allow FindAllow(const std::vector<std::string>& lines, uint32_t decl_line, const std::string& code,
                uint32_t& comment_line) {
  for (uint32_t l = decl_line; l >= 2; --l) {
    const std::string line = Trim(lines[l - 2]);
    if (line.rfind("//", 0) != 0) break;
    const size_t at = line.find("lint: allow " + code);
    if (at == std::string::npos) continue;
    comment_line = l - 1;
    const std::string reason = Trim(line.substr(at + std::string("lint: allow ").size() + code.size()));
    return reason.empty() ? Allow::kWithoutReason : Allow::kYes;
  }
  return Allow::kNo;
}

}  // namespace

LintResult LintPolicies(const SourceFile& schema, const std::vector<SourceFile>& policies,
                        const LintOptions& options) {
  LintResult result;
  CompileResult compiled = CompilePolicies(schema, policies, options.limits, options.shared_modules);
  result.diagnostics = std::move(compiled.diagnostics);  // the checker's warnings are lints too
  if (compiled.policy_set == nullptr) return result;
  result.compiled = true;
  result.lints = result.diagnostics.items().size() + result.diagnostics.omitted();

  internal::ParseOptions parse;
  parse.max_bytes = options.limits.max_policy_bytes;
  parse.max_nesting = options.limits.max_nesting;
  std::vector<internal::ast::File> files;
  std::map<std::string, std::vector<std::string>> lines;
  for (const auto& source : policies) {
    Diagnostics ignored;  // the file compiled above: it parses
    if (auto ast = internal::ParsePolicyFile(source.path, source.text, ignored, parse)) {
      files.push_back(std::move(*ast));
      lines[source.path] = internal::SplitLines(source.text);
      result.diagnostics.AddSourceText(source.path, source.text);
    }
  }
  std::vector<Hit> hits;
  internal::lint::UnusedDeclarations(files, hits);
  internal::lint::PlaceholderMismatch(files, hits);
  internal::lint::UnverifiedWithoutNote(files, hits);
  internal::lint::ConstantConditions(files, hits);
  internal::lint::DuplicateConditions(files, hits);
  internal::lint::ExcludedByScope(files, hits);

  for (auto& hit : hits) {
    const std::string code = internal::CodeString(hit.code);
    uint32_t comment_line = 0;
    const auto& file_lines = lines[hit.file];
    const Allow allow = hit.decl_line >= 1 && hit.decl_line <= file_lines.size()
                            ? FindAllow(file_lines, hit.decl_line, code, comment_line)
                            : Allow::kNo;
    if (allow == Allow::kYes) {
      ++result.allowed;
      continue;
    }
    if (allow == Allow::kWithoutReason) {
      result.diagnostics.Add(internal::MakeWarning(
          internal::DiagCode::kLintAllowWithoutReason,
          "`lint: allow " + code + "` needs a reason after the code; the lint below is reported",
          Location{hit.file, comment_line, 1, 0}, {"write why the lint does not apply here"}));
      ++result.lints;
    }
    result.diagnostics.Add(internal::MakeWarning(
        hit.code, hit.message, Location{hit.file, hit.span.line, hit.span.column, hit.span.end_column},
        std::move(hit.help)));
    ++result.lints;
  }
  result.diagnostics.Sort();
  return result;
}

}  // namespace souple
