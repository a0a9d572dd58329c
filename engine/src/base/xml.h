// SPDX-License-Identifier: Apache-2.0
// Escaping text for XML 1.0 attributes and character data (the JUnit renderings).
#pragma once

#include <string>
#include <string_view>

namespace souple::internal {

/// `&`, `<`, `>`, `"` and `'` as entities; the control characters XML 1.0 forbids (all
/// below U+0020 but tab, line feed and carriage return) as U+FFFD. The input is UTF-8
/// (checked on reading), passed through otherwise.
std::string XmlEscape(std::string_view text);

}  // namespace souple::internal
