// SPDX-License-Identifier: Apache-2.0
// The canonical layout of policy and module files (`souple fmt`, docs/fmt.md): the tokens
// and comments of a file re-emitted with canonical whitespace, the author's line breaks kept.
#pragma once

#include <string>

#include "souple/diagnostic.h"
#include "souple/engine.h"

// Everything the public headers declare is the library's ABI (engine/README.md).
#pragma GCC visibility push(default)
namespace souple {

enum class FormatStatus {
  kFormatted,     ///< `text` holds the canonical layout (maybe equal to the input).
  kInvalidInput,  ///< The file does not parse: `diagnostics` holds the parser's errors.
  kInternalError, ///< The layout would have changed the tokens (a bug): `text` is empty.
};

struct FormatResult {
  FormatStatus status = FormatStatus::kFormatted;
  std::string text;         ///< The formatted file; empty unless kFormatted.
  Diagnostics diagnostics;  ///< Why the file was not formatted.
  bool changed = false;     ///< `text` differs from the input.
};

/// Formats one `.souple` file. A file that does not parse is refused with the parser's
/// diagnostics. The result is checked before it is returned: re-lexed, it must give the
/// input's tokens and comments in the same order (E1004 otherwise). Formatting a formatted
/// file gives it back unchanged.
FormatResult FormatSource(const SourceFile& file);

/// A unified diff (3 lines of context) from `old_text` to `new_text`, with `---`/`+++`
/// headers naming `old_label` and `new_label`; empty when the texts are equal.
std::string UnifiedDiff(const std::string& old_label, const std::string& new_label,
                        const std::string& old_text, const std::string& new_text);

}  // namespace souple
#pragma GCC visibility pop
