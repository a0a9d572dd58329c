// SPDX-License-Identifier: Apache-2.0
// The JSON fast path (document/json_document.h) against the careful path (nlohmann's strict
// check, then the YAML reader): the same tree, node for node, with the same lines and
// columns, for every bundled example written as JSON in several layouts; and what the fast
// path hands over to the careful one.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "base/calendar.h"
#include "document/document.h"
#include "document/json_document.h"
#include "schema/schema.h"
#include "souple/engine.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace souple::internal;
using souple::Diagnostics;

namespace {

const Schema& BundledSchema() {
  static const std::unique_ptr<Schema> schema = [] {
    Diagnostics diags;
    const auto text = souple::ReadActivitySchema(SOUPLE_SOURCE_DIR "/schemas/activity.schema.json", "schema", diags);
    REQUIRE(text.has_value());
    auto s = Schema::Load(text->path, text->text, diags);
    INFO(diags.RenderText());
    REQUIRE(s != nullptr);
    return s;
  }();
  return *schema;
}

std::string Slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// JSON text of a loaded tree, in one of several layouts.
struct Layout {
  bool indent = false;   // one member per line, two spaces (else one line)
  bool tabs = false;     // a tab before each member
  bool crlf = false;     // "\r\n" line ends
  bool escape = false;   // every non-ASCII character and '/' written as escapes
};

void WriteString(const std::string& s, const Layout& layout, std::string& out) {
  out += '"';
  for (size_t i = 0; i < s.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '/' && layout.escape) {
      out += "\\/";
    } else if (c >= 0x80 && layout.escape && (c & 0xF0) != 0xF0) {
      // a BMP character: \u escape of its code point
      uint32_t cp = 0;
      size_t n = (c & 0xE0) == 0xC0 ? 1 : 2;
      cp = c & (n == 1 ? 0x1F : 0x0F);
      for (size_t k = 1; k <= n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
      i += n;
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", cp);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  out += '"';
}

void Write(const DocNode& n, const Layout& layout, int depth, std::string& out) {
  const std::string nl = layout.indent ? (layout.crlf ? "\r\n" : "\n") : "";
  auto pad = [&](int d) {
    if (!layout.indent) return std::string();
    return std::string(layout.tabs ? "\t" : "") + std::string(2 * d, ' ');
  };
  switch (n.kind) {
    case DocNode::Kind::kNull: out += "null"; return;
    case DocNode::Kind::kBool: out += n.bool_value ? "true" : "false"; return;
    case DocNode::Kind::kInt: out += std::to_string(n.int_value); return;
    case DocNode::Kind::kText: return WriteString(n.text, layout, out);
    case DocNode::Kind::kDate: return WriteString(FormatDate(n.date_value), layout, out);
    case DocNode::Kind::kDuration: return WriteString(FormatIsoDuration(n.duration_value), layout, out);
    case DocNode::Kind::kList: {
      out += "[";
      for (size_t i = 0; i < n.items.size(); ++i) {
        out += (i ? "," : "") + nl + pad(depth + 1);
        Write(n.items[i], layout, depth + 1, out);
      }
      out += (n.items.empty() ? "" : nl + pad(depth)) + "]";
      return;
    }
    case DocNode::Kind::kRecord: {
      out += "{";
      bool first = true;
      for (size_t i = 0; i < n.items.size(); ++i) {
        if (n.items[i].kind == DocNode::Kind::kAbsent) continue;
        out += (first ? "" : ",") + nl + pad(depth + 1);
        first = false;
        WriteString(n.type->fields[i].name, layout, out);
        out += layout.indent ? ": " : ":";
        Write(n.items[i], layout, depth + 1, out);
      }
      out += (first ? "" : nl + pad(depth)) + "}";
      return;
    }
    case DocNode::Kind::kAbsent: out += "null"; return;
  }
}

// Column in code points of the careful path's column, which yaml-cpp counts in bytes.
uint32_t CodePointColumn(const std::vector<std::string>& lines, uint32_t line, uint32_t byte_column) {
  const std::string& text = lines.at(line - 1);
  uint32_t column = 1;
  for (size_t i = 0; i + 1 < byte_column && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;
  }
  return column;
}

// Same tree: kinds, values, types, positions and parent links, node for node.
void Same(const DocNode& fast, const DocNode& careful, const std::vector<std::string>& lines,
          const std::string& path) {
  INFO("at " << (path.empty() ? "the root" : path));
  REQUIRE(fast.kind == careful.kind);
  CHECK(fast.type == careful.type);
  if (fast.kind != DocNode::Kind::kAbsent) {
    CHECK(fast.line == careful.line);
    CHECK(fast.column == CodePointColumn(lines, careful.line, careful.column));
  }
  CHECK(fast.bool_value == careful.bool_value);
  CHECK(fast.int_value == careful.int_value);
  CHECK(fast.text == careful.text);
  CHECK(fast.date_value == careful.date_value);
  CHECK(fast.duration_value.months == careful.duration_value.months);
  CHECK(fast.duration_value.days == careful.duration_value.days);
  CHECK(fast.index == careful.index);
  CHECK((fast.parent == nullptr) == (careful.parent == nullptr));
  REQUIRE(fast.items.size() == careful.items.size());
  for (size_t i = 0; i < fast.items.size(); ++i) {
    CHECK(fast.items[i].parent == &fast);
    Same(fast.items[i], careful.items[i], lines, path + "/" + std::to_string(i));
  }
}

struct Loaded {
  std::unique_ptr<DocNode> doc;
  std::string diagnostics;
};

Loaded Load(const std::string& text, bool fast, const DocumentOptions& base = {}) {
  DocumentOptions options = base;
  options.json_fast_path = fast;
  Diagnostics diags;
  auto doc = LoadDocument("a.json", text, BundledSchema().root(), diags, options);
  return {std::move(doc), diags.RenderText()};
}

}  // namespace

TEST_CASE("every bundled example written as JSON loads the same by both paths", "[json-fast]") {
  const Layout layouts[] = {{}, {true, false, false, false}, {true, true, true, false}, {false, false, false, true}};
  size_t examples = 0;
  for (const auto& entry : fs::directory_iterator(SOUPLE_SOURCE_DIR "/examples")) {
    if (entry.path().extension() != ".yaml") continue;
    ++examples;
    Diagnostics diags;
    const auto yaml = LoadDocument(entry.path().string(), Slurp(entry.path()), BundledSchema().root(), diags);
    INFO(entry.path().filename().string() << "\n" << diags.RenderText());
    REQUIRE(yaml != nullptr);
    int variant = 0;
    for (const Layout& layout : layouts) {
      INFO("layout " << variant++);
      std::string json;
      Write(*yaml, layout, 0, json);
      // The fast path must take the text itself, not hand it over.
      REQUIRE(LoadJsonFast(json, BundledSchema().root(), {}) != nullptr);
      const Loaded fast = Load(json, true), careful = Load(json, false);
      INFO(careful.diagnostics);
      REQUIRE(careful.doc != nullptr);
      REQUIRE(fast.doc != nullptr);
      CHECK(fast.diagnostics.empty());
      std::vector<std::string> lines;
      std::istringstream in(json);
      for (std::string l; std::getline(in, l);) lines.push_back(l);
      Same(*fast.doc, *careful.doc, lines, "");
    }
  }
  CHECK(examples >= 15);
}

TEST_CASE("the fast path hands every doubtful text to the careful path, which says what is wrong", "[json-fast]") {
  const std::string ok = R"({"activity": {"id": "A", "name": "n"}, "organisation": {"role": "controller"}})";
  REQUIRE(LoadJsonFast(ok, BundledSchema().root(), {}) != nullptr);
  const std::string handed_over[] = {
      R"({"activity": {"id": "A", "name": "n"}} x)",          // content after the value
      R"({"activity": {"id": "A", "name": "n"})",             // unterminated
      R"({"activity": {"id": "A", "id": "B"}})",              // duplicate key
      R"({"activity": {"id": "A", "nmae": "n"}})",            // unknown field
      R"({"activity": {"id": 'A'}})",                         // not JSON
      R"({"activity": {"id": "A\ud83d\ude00"}})",             // a surrogate pair
      R"({"activity": {"id": "A\u0001"}})",                   // an escaped control character
      "{\"activity\": {\"id\": \"A\"}}\r",                    // a lone carriage return
      "\xEF\xBB\xBF{\"activity\": {\"id\": \"A\"}}",          // a byte-order mark
      R"([])",                                                // not an object
      R"({"activity": {"id": "A", "name": "n"}, "organisation": {"role": "controler"}})",  // enum value
      R"({"activity": {"id": "A", "name": "n"}, "organisation": {"role": ["controller"]}})",  // a list for a scalar
      R"({"activity": {"id": "A", "name": "n"}, "organisation": {"employees": 1.5}})",      // not an integer
      R"({"activity": {"id": "A", "name": "n"}, "organisation": {"employees": "12"}})",     // a quoted integer
  };
  for (const std::string& text : handed_over) {
    INFO(text);
    CHECK(LoadJsonFast(text, BundledSchema().root(), {}) == nullptr);
    // Both paths then say the same, since the careful path is the one speaking.
    const Loaded fast = Load(text, true), careful = Load(text, false);
    CHECK((fast.doc == nullptr) == (careful.doc == nullptr));
    CHECK(fast.diagnostics == careful.diagnostics);
  }
}

TEST_CASE("the fast path keeps the lines of a register entry and the limits", "[json-fast]") {
  DocumentOptions options;
  options.first_line = 40;
  auto doc = LoadJsonFast("{\"activity\":\n  {\"id\": \"A\", \"name\": \"n\"}, \"organisation\": {\"role\": \"controller\"}}",
                          BundledSchema().root(), options);
  REQUIRE(doc != nullptr);
  const int slot = doc->type->FindField("activity");
  CHECK(doc->line == 40);
  CHECK(doc->items[slot].line == 41);
  CHECK(doc->items[slot].column == 3);

  options = {};
  options.max_depth = 1;  // the root's fields, not deeper
  CHECK(LoadJsonFast(R"({"activity": {"id": "A", "name": "n"}, "organisation": {"role": "controller"}})",
                     BundledSchema().root(), options) == nullptr);
  options = {};
  options.max_list_items = 1;
  const std::string two =
      R"({"activity": {"id": "A", "name": "n"}, "organisation": {"role": "controller"}, "purposes": [{"id": "p1", "legal_basis": "consent"}, {"id": "p2", "legal_basis": "consent"}]})";
  CHECK(LoadJsonFast(two, BundledSchema().root(), options) == nullptr);
  options.max_list_items = 2;
  CHECK(LoadJsonFast(two, BundledSchema().root(), options) != nullptr);  // the limit, not the text
  options.max_list_items = 1;
  const Loaded careful = Load(two, true, options);
  CHECK(careful.doc == nullptr);
  CHECK_THAT(careful.diagnostics, Catch::Contains("[E4006]"));
}
