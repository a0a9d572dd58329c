// SPDX-License-Identifier: Apache-2.0
// The JSON fast path: one pass over the text, straight into the slot-resolved document,
// validated against the schema types as it goes, with line:column kept for every node.
#pragma once

#include <memory>
#include <string>

#include "document/document.h"

namespace souple::internal {

/// Loads a valid JSON activity in one pass. Returns null, without any diagnostic, as soon as
/// anything is not plainly valid (a syntax error, nesting or a list past its limit, a field
/// or value the schema refuses, a lone carriage return, a byte-order mark...): the caller
/// then loads the text the careful way, which reports the problem exactly as before. So the
/// fast path never changes what is accepted or what is said about what is refused.
/// Parent links are not set (the caller links the tree).
std::unique_ptr<DocNode> LoadJsonFast(const std::string& text, const Type* root_type,
                                      const DocumentOptions& options);

}  // namespace souple::internal
