// SPDX-License-Identifier: Apache-2.0
// The questions an editor asks, answered in code-point columns (the service converts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "authoring/workspace.h"
#include "souple/language_service.h"

namespace souple::internal::authoring {

std::optional<HoverResult> HoverAt(Workspace& ws, const std::string& path, TextPoint at);       // hover.cc
CompletionList CompleteAt(Workspace& ws, const std::string& path, TextPoint at);               // completion.cc
std::vector<DocumentLocation> DefinitionAt(Workspace& ws, const std::string& path, TextPoint at);  // navigation.cc
std::vector<DocumentSymbol> SymbolsOf(Workspace& ws, const std::string& path);                  // navigation.cc

/// What the name at token `k` of `path` declares or refers to, when it is not a path of
/// values: a declaration's own name, a `cite`d source, an `import`ed module, a `see` rule,
/// a `supersedes` policy (navigation.cc).
struct NamedTarget {
  std::vector<DeclRef> decls;
  std::string what;  ///< The keyword that says how the name is used.
  size_t first = 0;  ///< First token of the (dotted) name.
};
std::optional<NamedTarget> NamedAt(Workspace& ws, const std::string& path, const OutlineUnit* unit, size_t k);

}  // namespace souple::internal::authoring
