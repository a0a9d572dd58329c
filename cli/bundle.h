// SPDX-License-Identifier: Apache-2.0
// Finds the bundled policies and activity schema, wherever the binary is run from.
#pragma once

#include <string>

namespace souple::cli {

/// The data root holding `policies/` and `schemas/`: $SOUPLE_HOME if set; else the
/// Souple checkout the current directory is in (it or a parent holds
/// `schemas/activity.schema.json` and `policies/`), whose policies are the ones being
/// edited; else the library's souple::BundledDataRoot() (`<binary>/../share/souple`, ...).
std::string DataRoot();

}  // namespace souple::cli
