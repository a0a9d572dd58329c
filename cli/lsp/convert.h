// SPDX-License-Identifier: Apache-2.0
// Between the language service's values and their LSP JSON: URIs and paths, 0-based
// positions, diagnostics, hovers, completions, locations and symbols.
#pragma once

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "souple/language_service.h"

namespace souple::cli::lsp {

using Json = nlohmann::json;

/// Parameters a request cannot be answered with (JSON-RPC InvalidParams).
struct InvalidParams : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// A valid request that cannot be done now (LSP RequestFailed), e.g. formatting a document
/// that does not parse.
struct RequestFailed : std::runtime_error {
  using std::runtime_error::runtime_error;
};

/// `file:///a/b%20c.souple` -> `/a/b c.souple`; any other URI is its own name.
std::string PathOfUri(const std::string& uri);
/// `/a/b c.souple` -> `file:///a/b%20c.souple`.
std::string UriOfPath(const std::string& path);

/// An LSP Position (0-based) -> the service's TextPoint (1-based). Throws InvalidParams, or
/// nlohmann::json::exception when a member is missing or of another type.
TextPoint PointOf(const Json& position);
Json ToJson(const TextRange& range);
Json ToJson(const DocumentDiagnostic& d);
Json ToJson(const HoverResult& hover);
Json ToJson(const CompletionList& list);
Json ToJson(const DocumentSymbol& symbol);

}  // namespace souple::cli::lsp
