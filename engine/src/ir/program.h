// SPDX-License-Identifier: Apache-2.0
// The compiled form of a policy set: typed expression trees whose names are resolved to
// slots (record fields, frame variables, table rows). Immutable once built, shared by all
// evaluations and threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "ast/ast.h"
#include "eval/value.h"
#include "schema/schema.h"

namespace souple::internal {

struct TableRow {
  std::string key;
  std::vector<Value> cells;  // by column; unknown for `none`
  std::vector<std::string> texts;  // storage behind text cells
};

struct CompiledTable {
  std::string name;
  const Type* row_type = nullptr;  // kRow type whose fields are the columns
  uint32_t key_column = 0;
  std::vector<std::unique_ptr<TableRow>> rows;
  std::unordered_map<std::string, const TableRow*> by_key;
};

enum class Op : uint8_t {
  kConst, kConstList,
  kRoot,      // root field `slot` of the activity
  kLocal,     // frame slot (loop variable, binder, def parameter)
  kLetRef,    // lazily evaluated `let` (slot = index in CompiledRule::lets)
  kField,     // kids[0].field(slot)
  kTableRow,  // table[kids[0]]
  kRowField,  // kids[0].column(slot)
  kNeg, kNot, kAnd, kOr, kImplies,
  kAdd, kSub,
  kEq, kNe, kLt, kLe, kGt, kGe,
  kIn,        // kids[0] in kids[1]; `flag` = negated
  kSome, kEvery, kCount, kFirst,  // binder in `slot`; kids = {list, body}
  kIf,
  kBind,      // frame[slot] = kids[0]; result = kids[1] (inlined def parameters)
  kKnown, kListCount, kStartsWith, kContains, kEvaluationDate,
};

/// The definition an inlined tree comes from. Its arguments are the `kids[0]` of the
/// `arity` nested kBind at the root of the use; the body's spans are in `file`.
struct DefOrigin {
  std::string name, file;
  uint32_t arity = 0;
};

struct Node {
  Op op = Op::kConst;
  const Type* type = nullptr;
  ast::Span span;
  uint32_t slot = 0;
  bool flag = false;
  Value constant;
  std::vector<Value> list;
  std::vector<std::string> list_texts;  // storage behind text constants of `list`
  std::string text_storage;             // storage behind a text `constant`
  std::string name;                     // field / root / table name, for paths
  /// Set on the root of an inlined definition's use (explanations name it).
  std::shared_ptr<const DefOrigin> def;
  const CompiledTable* table = nullptr;
  std::vector<std::unique_ptr<Node>> kids;
};
using NodePtr = std::unique_ptr<Node>;

/// A message with `{placeholders}`: alternating literal text and expressions.
struct MessageTemplate {
  struct Part {
    std::string text;
    NodePtr expr;  // null for literal text
  };
  std::vector<Part> parts;
};

struct CompiledSource {
  std::string id, publisher, title, reference, adopted, published, url, status, version;
  std::string title_fr, title_en;  // the title in each report language, when it differs from `title`
};

/// When a piece of a policy (a rule, an exception, a citation) is in force, within its
/// policy's own period: from `effective` (inclusive) to `until` (exclusive), each unbounded
/// when absent.
struct Period {
  std::optional<Date> effective, until;
  bool Contains(Date d) const { return (!effective || *effective <= d) && (!until || d < *until); }
  bool operator==(const Period& o) const { return effective == o.effective && until == o.until; }
  bool operator!=(const Period& o) const { return !(*this == o); }
};

struct CompiledCitation {
  const CompiledSource* source = nullptr;
  std::string section;
  Period period;
};

struct CompiledException {
  NodePtr condition;
  std::string because_fr, because_en;
  Period period;
};

struct CompiledRule {
  std::string id;       // local id
  std::string full_id;  // policy.rule
  std::string kind, confidence;
  std::vector<std::string> covers, see;
  Period period;  // within the policy's period
  std::string note_fr, note_en;
  std::string doc;
  std::string file;
  ast::Span span;
  struct For {
    uint32_t slot;
    NodePtr list;
  };
  std::vector<For> fors;  // one finding per combination of elements, innermost named
  std::vector<NodePtr> lets;  // evaluated lazily, cached in let slots
  NodePtr when, met;
  std::vector<CompiledException> exceptions;
  std::vector<CompiledCitation> citations;
  MessageTemplate message_fr, message_en;
  uint32_t frame_size = 0;
};

struct CompiledPolicy {
  std::string id, version, status, title_fr, title_en, file, doc;
  Date effective = 0;
  std::optional<Date> until;
  std::vector<std::pair<std::string, std::string>> supersedes;  // id, version
  std::string content_hash;  // sha256 of the file that declares it
  std::vector<std::unique_ptr<CompiledSource>> sources;  // own sources
  /// `applies to`: a rule whose `met when` is the scope and whose message describes it;
  /// null when the policy applies to every activity.
  std::unique_ptr<CompiledRule> scope;
  std::vector<CompiledRule> rules;
};

struct Program {
  std::shared_ptr<const Schema> schema;
  TypeArena types;  // types created while checking (lists, rows)
  std::vector<std::unique_ptr<CompiledTable>> tables;
  std::vector<std::unique_ptr<CompiledSource>> module_sources;
  std::vector<CompiledPolicy> policies;  // sorted by id, then effective date
  std::string set_hash;                  // sha256 over the sorted (path, file hash) pairs
};

}  // namespace souple::internal
