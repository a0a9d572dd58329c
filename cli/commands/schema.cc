// SPDX-License-Identifier: Apache-2.0
// `souple schema`: the activity schema as one self-contained JSON Schema document, for
// tools that validate descriptions themselves (the bundled schema is split into sections).
#include <iostream>

#include "bundle.h"
#include "commands/commands.h"
#include "exit_codes.h"
#include "io.h"
#include "souple/files.h"
#include "souple/release.h"

namespace souple::cli {

int RunSchema(const SchemaOptions& options) {
  Diagnostics diags;
  std::optional<SourceFile> schema;
  if (!options.release.empty()) {
    auto text = ReadFile(options.release, diags);
    if (text) {
      ReleaseResult loaded = LoadRelease({options.release, std::move(*text)});
      diags = std::move(loaded.diagnostics);
      if (loaded.policy_set != nullptr) schema = loaded.release.schema;
    }
  } else {
    schema = ReadActivitySchema(DataRoot() + "/schemas/activity.schema.json", "schemas/activity.schema.json", diags);
    // Only a schema the engine accepts is printed.
    if (schema && CompileSchema(*schema).schema == nullptr) {
      diags = CompileSchema(*schema).diagnostics;
      schema.reset();
    }
  }
  PrintDiagnostics(diags, options.diagnostics_format);
  if (!schema) return kInvalidInput;
  std::cout << schema->text;
  return kOk;
}

}  // namespace souple::cli
