// SPDX-License-Identifier: Apache-2.0
// The layout rules of `souple fmt` (docs/fmt.md) over a marked token stream.
#pragma once

#include <string>
#include <vector>

#include "syntax/layout_tokens.h"

namespace souple::internal {

/// Re-emits `tokens` with the canonical whitespace: the author's line breaks kept, a line
/// break forced where a statement starts or a block opens or closes, indentation from the
/// braces, continuation lines one level deeper (and one more per open bracket), single
/// spaces inside a line.
std::string LayOut(const std::vector<LayoutToken>& tokens);

/// A comment's text as the layout writes it: each line without trailing blanks. The
/// formatter's token check compares comments through it.
std::string CanonicalCommentText(const std::string& text);

}  // namespace souple::internal
