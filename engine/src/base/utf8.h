// SPDX-License-Identifier: Apache-2.0
// UTF-8 validation, code-point columns, lines of a text.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace souple::internal {

struct TextPosition {
  uint32_t line = 1;
  uint32_t column = 1;  ///< 1-based, in code points.
};

/// Returns the byte offset of the first invalid UTF-8 sequence, or nullopt if valid.
std::optional<size_t> FindInvalidUtf8(std::string_view text);

/// Line and code-point column of a byte offset.
TextPosition PositionOfOffset(std::string_view text, size_t offset);

/// Number of code points in a valid UTF-8 string.
size_t CodePointCount(std::string_view text);

/// Byte offset of 1-based code-point `column` in a line of valid UTF-8 (the line's size when
/// the column is past its end).
size_t OffsetOfColumn(std::string_view line, uint32_t column);

/// The lines of `text`, without their '\n' (a final '\n' ends the last line, adds none).
std::vector<std::string> SplitLines(const std::string& text);

}  // namespace souple::internal
