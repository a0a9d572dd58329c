// SPDX-License-Identifier: Apache-2.0
// Hover: a field's schema description and type, a declaration's doc comment and text, a
// source's full citation, a variable's type.
#include <algorithm>

#include "authoring/cursor.h"
#include "authoring/features.h"
#include "authoring/resolve.h"
#include "base/utf8.h"

namespace souple::internal::authoring {

namespace {

// The declaration as written, in a code block.
std::string Excerpt(Workspace& ws, const DeclRef& d) {
  const std::string* text = ws.Text(d.path);
  if (text == nullptr) return "";
  const std::vector<std::string> lines = SplitLines(*text);
  // A long rule or table is cut: the hover shows its head, the file the rest.
  constexpr uint32_t kMaxLines = 12;
  std::string out;
  const uint32_t last = std::min<uint32_t>(d.decl->last_line, d.decl->first_line + kMaxLines - 1);
  for (uint32_t l = d.decl->first_line; l <= last && l <= lines.size(); ++l) out += lines[l - 1] + "\n";
  if (last < d.decl->last_line) out += "…\n";
  return "```souple\n" + out + "```";
}

std::string WithDoc(std::string head, const std::string& doc) {
  return doc.empty() ? head : head + "\n\n" + doc;
}

std::string Citation(const Decl& source) {
  std::string title, lines;
  for (const auto& [field, value] : source.fields) {
    if (field == "title") {
      title = value;
    } else {
      lines += "- " + field + ": " + value + "\n";
    }
  }
  std::string out = "**source `" + source.name + "`**" + (title.empty() ? "" : ": " + title);
  if (!lines.empty()) out += "\n\n" + lines.substr(0, lines.size() - 1);
  return WithDoc(out, source.doc);
}

std::string DescribeDecl(Workspace& ws, const DeclRef& d) {
  switch (d.decl->kind) {
    case DeclKind::kSource: return Citation(*d.decl);
    case DeclKind::kDef:
    case DeclKind::kTable: return WithDoc(Excerpt(ws, d), d.decl->doc);
    case DeclKind::kRule: {
      std::string head = "**rule `" + d.decl->name + "`**";
      if (!d.decl->rule_kind.empty()) head += " · " + d.decl->rule_kind;
      if (!d.decl->confidence.empty()) head += " · " + d.decl->confidence;
      return WithDoc(head + " (" + d.path + ")", d.decl->doc);
    }
    case DeclKind::kPolicy:
    case DeclKind::kModule:
      return WithDoc(std::string("**") + (d.decl->kind == DeclKind::kPolicy ? "policy" : "module") + " `" +
                         d.decl->name + "`** (" + d.path + ")",
                     d.decl->doc);
    default: return "";
  }
}

std::string EnumValues(const Type* t) {
  std::string out;
  for (const auto& v : t->enum_values) {
    out += (out.empty() ? "" : ", ") + std::string("`") + v + "`";
    const std::string& label = t->Label(v, false);
    if (label != v) out += " (" + label + ")";
  }
  return out;
}

std::string DescribeField(const std::string& path, const FieldDef& f) {
  std::string out = "**`" + path + "`**: " + TypeName(f.type) + (f.required ? " (required)" : "");
  if (!f.description.empty()) out += "\n\n" + f.description;
  if (!f.description_fr.empty()) out += "\n\n*" + f.description_fr + "*";
  if (f.type != nullptr && f.type->kind == TypeKind::kEnum) out += "\n\nValues: " + EnumValues(f.type);
  if (!f.replaced_by.empty()) out += "\n\nReplaced in schema v2 by `" + f.replaced_by + "`.";
  return out;
}

}  // namespace

std::optional<HoverResult> HoverAt(Workspace& ws, const std::string& path, TextPoint at) {
  const Outline* o = ws.OutlineOf(path);
  if (o == nullptr) return std::nullopt;
  const auto& t = o->tokens;
  const size_t k = TokenAt(t, at);
  if (k == kNoToken || !t[k].IsIdent()) return std::nullopt;
  HoverResult hover;
  hover.range = RangeOf(t[k]);
  const OutlineUnit* unit = o->UnitAt(t[k].line);
  if (auto named = NamedAt(ws, path, unit, k)) {
    for (const DeclRef& d : named->decls) {
      hover.markdown += (hover.markdown.empty() ? "" : "\n\n---\n\n") + DescribeDecl(ws, d);
    }
    if (hover.markdown.empty()) return std::nullopt;
    return hover;
  }
  const Chain chain = ChainEndingAt(t, k);
  const Scope scope(ws, path, DeclaresVariable(t, k) ? k + 2 : k);
  const std::vector<Resolved> resolved = scope.Resolve(chain);
  if (resolved.empty()) return std::nullopt;
  std::string shown;
  for (const auto& s : chain) shown += (shown.empty() ? "" : ".") + s.name + (s.indexed ? "[…]" : "");
  const Resolved& r = resolved.back();
  switch (r.meaning) {
    case Meaning::kRootField:
    case Meaning::kField: hover.markdown = DescribeField(shown, *r.field); break;
    case Meaning::kDefinition:
    case Meaning::kTable: hover.markdown = DescribeDecl(ws, r.decl); break;
    case Meaning::kColumn:
      hover.markdown = "**`" + shown + "`**: " + r.column_type + ", a column of table `" + r.decl.decl->name + "`";
      break;
    case Meaning::kVariable:
      hover.markdown = "**`" + chain.back().name + "`**: " +
                       (r.type != nullptr ? TypeName(r.type)
                        : r.row_of.decl != nullptr ? "row of table `" + r.row_of.decl->name + "`"
                                                   : std::string("variable"));
      break;
    case Meaning::kBuiltin: hover.markdown = "built-in function `" + chain.back().name + "` (docs/language.md)"; break;
    case Meaning::kNone: return std::nullopt;
  }
  return hover;
}

}  // namespace souple::internal::authoring
