// SPDX-License-Identifier: Apache-2.0
// Checks `table` declarations and builds their compiled rows.
#include "sema/tables.h"

#include <map>

#include "base/suggest.h"
#include "sema/checker_internal.h"

namespace souple::internal {

namespace {
const std::vector<std::string> kColumnTypes = {"text", "int", "bool", "date", "duration"};

const Type* ColumnType(const std::string& name, TypeArena& types) {
  if (name == "text") return types.Text();
  if (name == "int") return types.Int();
  if (name == "bool") return types.Bool();
  if (name == "date") return types.Date();
  if (name == "duration") return types.Duration();
  return nullptr;
}

Value::Kind KindOf(const Type* t) {
  switch (t->kind) {
    case TypeKind::kInt: return Value::Kind::kInt;
    case TypeKind::kBool: return Value::Kind::kBool;
    case TypeKind::kDate: return Value::Kind::kDate;
    case TypeKind::kDuration: return Value::Kind::kDuration;
    default: return Value::Kind::kText;
  }
}
}  // namespace

std::unique_ptr<CompiledTable> CompileTable(const ast::TableDecl& decl, TypeArena& types,
                                            const Reporter& reporter) {
  auto table = std::make_unique<CompiledTable>();
  table->name = decl.name;
  Type* row_type = types.New(TypeKind::kRow, decl.name);
  int key = -1;
  bool ok = true;
  for (const auto& col : decl.columns) {
    const Type* t = ColumnType(col.type_name, types);
    if (t == nullptr) {
      // The names other languages and JSON Schema give these types.
      static const std::map<std::string, std::string> kOtherNames = {
          {"boolean", "bool"}, {"integer", "int"}, {"number", "int"}, {"string", "text"},
          {"str", "text"}, {"datetime", "date"}, {"period", "duration"}};
      const auto other = kOtherNames.find(col.type_name);
      std::vector<std::string> help =
          other != kOtherNames.end()
              ? std::vector<std::string>{"column types are text, int, bool, date and duration: "
                                         "write `" + other->second + "`"}
              : DidYouMean(col.type_name, kColumnTypes);
      reporter.Error(DiagCode::kTableError, "unknown column type `" + col.type_name + "`", col.span,
                     std::move(help));
      ok = false;
      t = types.Error();
    }
    if (row_type->field_index.count(col.name)) {
      reporter.Error(DiagCode::kTableError, "duplicate column `" + col.name + "`", col.span);
      ok = false;
    }
    if (col.is_key) {
      if (key >= 0) {
        reporter.Error(DiagCode::kTableError, "a table has one key column", col.span);
        ok = false;
      } else if (t->kind != TypeKind::kText || col.optional) {
        reporter.Error(DiagCode::kTableError, "the key column must be `text` (not optional)", col.span);
        ok = false;
      }
      key = static_cast<int>(row_type->fields.size());
    }
    row_type->field_index[col.name] = static_cast<uint32_t>(row_type->fields.size());
    row_type->fields.push_back({col.name, t, !col.optional, "", "", ""});
  }
  if (key < 0) {
    reporter.Error(DiagCode::kTableError, "table `" + decl.name + "` needs a `key` column", decl.span);
    return nullptr;
  }
  table->key_column = static_cast<uint32_t>(key);
  table->row_type = row_type;
  for (size_t r = 0; r < decl.rows.size(); ++r) {
    const auto& cells = decl.rows[r];
    if (cells.size() != row_type->fields.size()) {
      reporter.Error(DiagCode::kTableError,
                     "row has " + std::to_string(cells.size()) + " cells, the table has " +
                         std::to_string(row_type->fields.size()) + " columns",
                     decl.row_spans[r]);
      ok = false;
      continue;
    }
    auto row = std::make_unique<TableRow>();
    row->texts.reserve(cells.size());
    for (size_t c = 0; c < cells.size(); ++c) {
      const FieldDef& col = row_type->fields[c];
      const ast::Expr* lit = cells[c].literal.get();
      if (lit == nullptr) {
        if (col.required) {
          reporter.Error(DiagCode::kTableError,
                         "`none` in column `" + col.name + "`, which is not optional (`" +
                             TypeName(col.type) + "?`)",
                         cells[c].span);
          ok = false;
        }
        row->cells.push_back(Value::Unknown(UnknownReason::kEmptyCell));
        continue;
      }
      Value v;
      switch (lit->kind) {
        case ast::ExprKind::kBool: v = Value::Bool(lit->bool_value); break;
        case ast::ExprKind::kInt: v = Value::Int(lit->int_value); break;
        case ast::ExprKind::kDate: v = Value::OfDate(lit->date_value); break;
        case ast::ExprKind::kDuration: v = Value::OfDuration(lit->duration_value); break;
        default:
          row->texts.push_back(lit->text);
          v = Value::Text(row->texts.back());
          break;
      }
      if (col.type->kind != TypeKind::kError && v.kind != KindOf(col.type)) {
        reporter.Error(DiagCode::kTableError,
                       "cell does not match column `" + col.name + "` of type " + TypeName(col.type),
                       cells[c].span);
        ok = false;
      }
      row->cells.push_back(v);
    }
    row->key = std::string(row->cells[key].text);
    if (table->by_key.count(row->key)) {
      reporter.Error(DiagCode::kTableError, "duplicate key `" + row->key + "`", decl.row_spans[r]);
      ok = false;
      continue;
    }
    table->by_key[row->key] = row.get();
    table->rows.push_back(std::move(row));
  }
  if (!ok) return nullptr;
  return table;
}

}  // namespace souple::internal
