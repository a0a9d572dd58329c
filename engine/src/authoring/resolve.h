// SPDX-License-Identifier: Apache-2.0
// What the words of a document name: the path being written (`organisation.role`,
// `retention["invoices"].period`, `x.kind`) resolved against the activity schema, the
// variables a rule binds (`for`, `let`, `some x in`), the definitions and tables in scope.
#pragma once

#include <string>
#include <vector>

#include "authoring/workspace.h"

namespace souple::internal::authoring {

struct Segment {
  std::string name;
  bool indexed = false;  ///< `name[...]`: a table's row
  size_t token = 0;      ///< Index of the name's token.
};
using Chain = std::vector<Segment>;

/// A variable a rule or definition binds before the cursor.
struct Binding {
  std::string name;
  Chain chain;           ///< What it is bound to, when that is a path.
  bool element = false;  ///< Bound to each element of the list `chain` (for, some, count...).
  size_t token = 0;      ///< Where it is bound.
};

enum class Meaning { kNone, kRootField, kField, kColumn, kDefinition, kTable, kVariable, kBuiltin };

struct Resolved {
  Meaning meaning = Meaning::kNone;
  const Type* type = nullptr;        ///< The value's schema type, when known.
  const FieldDef* field = nullptr;   ///< kRootField, kField
  DeclRef decl;                      ///< kDefinition, kTable; kColumn: its table
  DeclRef row_of;                    ///< The value is a row of this table.
  std::string column_type;           ///< kColumn
  const Binding* binding = nullptr;  ///< kVariable
};

/// The path whose last segment ends at `last`: a name (`a.b.c`, `t["k"].c`) or the `]` of
/// a table's row (`t["k"]`). Empty when `last` ends no path.
Chain ChainEndingAt(const std::vector<Token>& tokens, size_t last);

/// True when the identifier at `k` is the variable a binder declares (`for x in`, `let x =`,
/// `some x in`...): it is in scope from the token after its binder's `in` or `=`.
bool DeclaresVariable(const std::vector<Token>& tokens, size_t k);

/// Names at a place of a document.
class Scope {
 public:
  /// The scope at token index `at` (the first token not before the cursor) of `path`.
  Scope(Workspace& ws, std::string path, size_t at, int depth = 0);

  /// One entry per segment: what the path up to it names.
  std::vector<Resolved> Resolve(const Chain& chain) const;
  const OutlineUnit* unit() const { return unit_; }
  const std::string& path() const { return path_; }
  const std::vector<Binding>& bindings() const { return bindings_; }
  const Outline* outline() const { return outline_; }

 private:
  Resolved First(const Segment& s) const;
  /// A definition's value when its body is a path, resolved where it is declared.
  Resolved DefinitionValue(const DeclRef& def) const;

  Workspace& ws_;
  std::string path_;
  const Outline* outline_ = nullptr;
  const OutlineUnit* unit_ = nullptr;
  std::vector<Binding> bindings_;
  int depth_;
};

}  // namespace souple::internal::authoring
