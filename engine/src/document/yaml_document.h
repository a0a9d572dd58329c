// SPDX-License-Identifier: Apache-2.0
// Reading text that must hold exactly one YAML document (activities, policy-test files).
#pragma once

#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>

namespace souple::internal {

struct SingleYamlDocument {
  YAML::Node node;                  ///< The document; null when the text holds none.
  std::optional<YAML::Mark> second;  ///< Where a second document starts, if there is one.
  /// Set when yaml-cpp read a "second document" without moving past the first (a stray `,`
  /// or `]`): the text is malformed at `second`, rather than holding two documents.
  bool stuck = false;
};

/// Parses `text`, which must hold one YAML document. Throws YAML::Exception (with its mark)
/// when the text is not YAML. A second document is found without reading the rest: yaml-cpp
/// 0.7's LoadAll loops forever, allocating, on input such as `,x` (jbeder/yaml-cpp#1040,
/// fixed upstream after 0.7).
SingleYamlDocument LoadSingleYamlDocument(const std::string& text);

}  // namespace souple::internal
