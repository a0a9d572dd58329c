// SPDX-License-Identifier: Apache-2.0
// The Souple abstract syntax tree: what a policy file says, with source spans, before any
// name resolution or typing. Built by syntax/ast_builder, read by sema/.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/calendar.h"

namespace souple::internal::ast {

/// A span on one line: 1-based line, first and last column (code points).
struct Span {
  uint32_t line = 0;
  uint32_t column = 0;
  uint32_t end_column = 0;
};

enum class ExprKind {
  kBool, kInt, kText, kDate, kDuration,  // literals
  kList,                                 // [a, b]
  kName,                                 // x
  kField,                                // e.name
  kIndex,                                // e[k]
  kCall,                                 // f(args)
  kNeg, kNot,                            // -e, not e
  kBinary,                               // a op b
  kIn,                                   // a in b / a not in b
  kQuantifier,                           // some/every x in L satisfies c
  kCount,                                // count x in L where c
  kFirst,                                // first x in L where c
  kIf,                                   // if c then a else b
};

enum class BinaryOp { kAdd, kSub, kEq, kNe, kLt, kLe, kGt, kGe, kAnd, kOr, kImplies };

/// The operator as written in a policy: "+", "==", "and"...
inline const char* BinaryOpText(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSub: return "-";
    case BinaryOp::kEq: return "==";
    case BinaryOp::kNe: return "!=";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLe: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGe: return ">=";
    case BinaryOp::kAnd: return "and";
    case BinaryOp::kOr: return "or";
    case BinaryOp::kImplies: return "implies";
  }
  return "?";
}

/// One expression node. Payload fields are used according to `kind`.
struct Expr {
  ExprKind kind = ExprKind::kBool;
  Span span;
  bool bool_value = false;    // kBool; kIn: negated; kQuantifier: true = every
  int64_t int_value = 0;      // kInt
  Date date_value = 0;        // kDate
  Duration duration_value;    // kDuration
  std::string text;           // kText value; kName/kField/kCall name; binder of kQuantifier/kCount/kFirst
  Span name_span;             // kField/kCall: span of the name; binders: span of the variable
  BinaryOp op = BinaryOp::kAnd;
  std::vector<std::unique_ptr<Expr>> kids;  // operands, in source order
};
using ExprPtr = std::unique_ptr<Expr>;

struct Localized {
  std::string fr, en;
  Span fr_span, en_span;            // the whole `fr "..."` clause
  Span fr_text_span, en_text_span;  // the string itself (placeholders are located in it)
  bool has_fr = false, has_en = false;
};

struct SourceField {
  std::string name, value;
  Span span;
};

struct SourceDecl {
  std::string id;
  Span span;
  std::vector<SourceField> fields;
  const SourceField* Find(const std::string& name) const {
    for (const auto& f : fields) {
      if (f.name == name) return &f;
    }
    return nullptr;
  }
};

struct DefDecl {
  std::string name;
  Span span;
  std::vector<std::string> params;
  bool has_parens = false;
  ExprPtr body;
};

struct Column {
  std::string name, type_name;
  bool optional = false, is_key = false;
  Span span;
};

struct Cell {
  ExprPtr literal;  // null for `none`
  Span span;
};

struct TableDecl {
  std::string name;
  Span span;
  std::vector<Column> columns;
  std::vector<std::vector<Cell>> rows;
  std::vector<Span> row_spans;
};

/// `effective DATE` / `until DATE` on a rule, an exception or a citation: the piece is in
/// force only from `effective` (inclusive) to `until` (exclusive) within its policy's period.
struct Period {
  std::optional<Date> effective, until;
  Span span;
  bool empty() const { return !effective && !until; }
};

struct Citation {
  std::string source;
  std::string section;
  Span span;
  Period period;
};

struct Exception {
  ExprPtr condition;
  Localized because;
  Span span;
  Period period;
};

struct Let {
  std::string name;
  Span span;
  ExprPtr value;
};

struct QualifiedRef {
  std::string name;     // dotted name
  std::string version;  // `@ "..."` (supersedes only)
  Span span;
};

struct RuleDecl {
  std::string id;
  Span span;
  std::string doc;
  std::string kind, confidence;
  Span kind_span, confidence_span;
  std::vector<std::string> covers;
  Period period;
  struct For {
    std::string var;
    Span span;
    ExprPtr list;
  };
  std::vector<For> fors;  // nested: a later list may use an earlier variable
  std::vector<Let> lets;
  ExprPtr when;
  std::vector<Exception> exceptions;
  ExprPtr met;
  std::vector<Citation> citations;
  std::vector<QualifiedRef> see;
  Localized note;
  Localized message;
};

/// A `policy` or a `module`.
struct Unit {
  bool is_module = false;
  std::string id;
  Span span;
  std::string doc;
  Localized title;
  std::string version, status;
  Span version_span, status_span;
  std::optional<Date> effective, until;
  Span effective_span, until_span;
  std::vector<QualifiedRef> supersedes, imports;
  /// `applies to EXPR fr "..." en "..."`: what the policy is about (null: every activity).
  ExprPtr applies;
  Localized applies_text;
  Span applies_span;
  std::vector<SourceDecl> sources;
  std::vector<DefDecl> defs;
  std::vector<TableDecl> tables;
  std::vector<RuleDecl> rules;
};

struct File {
  std::string path;
  std::vector<Unit> units;
};

}  // namespace souple::internal::ast
