// SPDX-License-Identifier: Apache-2.0
// The language service (souple/language_service.h) against the bundled activity schema and
// modules: diagnostics, hover, completion, definitions and outline, in documents that parse
// and documents being typed; and its lexer on text no parser would take.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "authoring/lexer.h"
#include "authoring/outline.h"
#include "souple/language_service.h"
#include "test_support.h"

namespace fs = std::filesystem;
using namespace souple;

namespace {

struct Folder {
  fs::path path;
  Folder() {
    path = fs::temp_directory_path() / ("souple-lsp-" + std::to_string(::getpid()) + "-" +
                                        std::to_string(reinterpret_cast<uintptr_t>(this)));
    fs::create_directories(path);
  }
  ~Folder() { fs::remove_all(path); }
  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(path / name) << text;
    return (path / name).string();
  }
};

const char* const kPolicy = R"(policy t.lsp {
  title fr "Essai" en "Test"
  version "1"
  status draft
  effective 2024-01-01
  import common.gdpr

  /// Acts for another controller.
  def is_processor = organisation.role == "processor"

  rule r {
    kind obligation
    confidence confirmed
    for p in purposes
    when is_processor and p.legal_basis == "consent"
    met when organisation.dpo_designated
    cite gdpr "Art. 28"
    fr "x" en "x"
  }
}
)";

LanguageServiceOptions Bundled() {
  LanguageServiceOptions o;
  o.data_root = SOUPLE_SOURCE_DIR;
  return o;
}

// The place `offset` characters into the first `needle` of `text` (code points: ASCII here).
TextPoint At(const std::string& text, const std::string& needle, size_t offset = 0) {
  const size_t at = text.find(needle) + offset;
  REQUIRE(at != std::string::npos);
  const size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const uint32_t line = static_cast<uint32_t>(std::count(text.begin(), text.begin() + at, '\n')) + 1;
  const size_t column = line_start == std::string::npos ? at : at - line_start - 1;
  return {line, static_cast<uint32_t>(column) + 1};
}

std::vector<std::string> Labels(const CompletionList& list) {
  std::vector<std::string> out;
  for (const auto& i : list.items) out.push_back(i.label);
  return out;
}

bool Has(const std::vector<std::string>& v, const std::string& s) { return std::find(v.begin(), v.end(), s) != v.end(); }

}  // namespace

TEST_CASE("language service: a valid document has no diagnostics, a broken one those of check") {
  Folder dir;
  const std::string path = dir.Write("p.souple", kPolicy);
  LanguageService service(Bundled());
  service.Open(path, kPolicy);
  CHECK(service.Diagnose(path).empty());

  std::string broken = kPolicy;
  broken.replace(broken.find("dpo_designated"), 14, "dpo_designatd");
  service.Open(path, broken);
  const auto diags = service.Diagnose(path);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].diagnostic.code == "E2005");
  CHECK(diags[0].range.start.line == At(broken, "dpo_designatd").line);
  CHECK(diags[0].range.start.column == At(broken, "dpo_designatd").column);
  CHECK(diags[0].range.end.column == At(broken, "dpo_designatd").column + 13);
}

TEST_CASE("language service: columns in UTF-16 code units or UTF-8 bytes") {
  Folder dir;
  std::string text = kPolicy;
  // U+1F600 is one code point, two UTF-16 units, four bytes.
  text.replace(text.find("met when organisation.dpo_designated"), 36,
               "met when /* \xF0\x9F\x98\x80 */ organisation.dpo_designatd");
  const std::string path = dir.Write("p.souple", text);
  LanguageService service(Bundled());
  service.Open(path, text);
  const uint32_t code_points = service.Diagnose(path).at(0).range.start.column;
  service.set_column_unit(ColumnUnit::kUtf16);
  CHECK(service.Diagnose(path).at(0).range.start.column == code_points + 1);
  service.set_column_unit(ColumnUnit::kUtf8);
  CHECK(service.Diagnose(path).at(0).range.start.column == code_points + 3);
  // Places are read in the same unit: byte column `code_points + 1` is the last letter of
  // `organisation` (in code points, a letter of `dpo_designatd`, which has no hover).
  auto hover = service.Hover(path, {At(text, "organisation.dpo").line, code_points + 1});
  REQUIRE(hover);
  CHECK(hover->markdown.find("The organisation describing the activity") != std::string::npos);
  CHECK(hover->range.start.column == code_points + 3 - 13);
}

TEST_CASE("language service: a document elsewhere is checked with its folder") {
  Folder dir;
  const std::string module = dir.Write("m.souple", "module t.shared {\n  def yes = true\n}\n");
  std::string text = kPolicy;
  text.replace(text.find("import common.gdpr"), 18, "import common.gdpr\n  import t.shared");
  text.replace(text.find("when is_processor"), 17, "when yes and is_processor");
  const std::string path = dir.Write("p.souple", text);
  LanguageService service(Bundled());
  service.Open(path, text);
  CHECK(service.Diagnose(path).empty());
  const auto def = service.Definition(path, At(text, "yes and"));
  REQUIRE(def.size() == 1);
  CHECK(def[0].path == module);
  CHECK(def[0].range.start.line == 2);
  // The module's open text, not its file, is what the policy sees.
  service.Open(module, "module t.shared {\n  def no = true\n}\n");
  const auto diags = service.Diagnose(path);
  REQUIRE(diags.size() == 1);
  CHECK(diags[0].diagnostic.code == "E2004");
}

TEST_CASE("language service: hover") {
  Folder dir;
  const std::string path = dir.Write("p.souple", kPolicy);
  LanguageService service(Bundled());
  service.Open(path, kPolicy);
  auto field = service.Hover(path, At(kPolicy, "role"));
  REQUIRE(field);
  CHECK(field->markdown.find("Role of the organisation for this activity.") != std::string::npos);
  CHECK(field->markdown.find("enum") != std::string::npos);
  CHECK(field->range.start.column == At(kPolicy, "role").column);
  CHECK(field->range.end.column == At(kPolicy, "role").column + 4);
  auto def = service.Hover(path, At(kPolicy, "is_processor and"));
  REQUIRE(def);
  CHECK(def->markdown.find("Acts for another controller.") != std::string::npos);
  CHECK(def->markdown.find("organisation.role == \"processor\"") != std::string::npos);
  auto source = service.Hover(path, At(kPolicy, "gdpr \"Art"));
  REQUIRE(source);
  CHECK(source->markdown.find("European Parliament and Council") != std::string::npos);
  auto through = service.Hover(path, At(kPolicy, "legal_basis"));
  REQUIRE(through);
  CHECK(through->markdown.find("p.legal_basis") != std::string::npos);
  CHECK_FALSE(service.Hover(path, At(kPolicy, "\"Essai\"", 2)));  // in a string
}

TEST_CASE("language service: completion in a document that does not parse") {
  Folder dir;
  const std::string path = dir.Write("p.souple", kPolicy);
  LanguageService service(Bundled());
  std::string text = kPolicy;
  text.replace(text.find("met when organisation.dpo_designated"), 36, "met when organisation.dp");
  service.Open(path, text);
  REQUIRE_FALSE(service.Diagnose(path).empty());
  const CompletionList fields = service.Complete(path, At(text, "organisation.dp", 15));
  CHECK(Labels(fields) == std::vector<std::string>{"dpo_designated"});
  CHECK(fields.replace.start.column == At(text, "organisation.dp", 13).column);

  text = kPolicy;
  text.replace(text.find("kind obligation"), 15, "kind ");
  text.replace(text.find("cite gdpr \"Art. 28\""), 19, "cite ");
  service.Open(path, text);
  CHECK(Labels(service.Complete(path, At(text, "kind ", 5))) ==
        std::vector<std::string>{"obligation", "formality", "recommendation", "good_practice"});
  const auto sources = Labels(service.Complete(path, At(text, "cite ", 5)));
  CHECK(Has(sources, "gdpr"));
  CHECK(Has(sources, "lil"));

  // A `let` bound to a path has that path's fields; one bound to a condition has none.
  const std::string lets = "    let o = organisation\n    let b = organisation.role == \"x\"\n";
  text = kPolicy;
  text.replace(text.find("    when is_processor"), 0, lets);
  text.replace(text.find("met when organisation.dpo_designated"), 36, "met when o.dp or b.");
  service.Open(path, text);
  CHECK(Labels(service.Complete(path, At(text, "o.dp", 4))) == std::vector<std::string>{"dpo_designated"});
  CHECK(service.Complete(path, At(text, "b.", 2)).items.empty());

  // Nothing is offered in a comment, even after a path.
  text = kPolicy;
  text.replace(text.find("when is_processor"), 17, "when is_processor // organisation.");
  service.Open(path, text);
  CHECK(service.Complete(path, At(text, "// organisation.", 16)).items.empty());
  CHECK(service.Complete(path, At(text, "/// Acts", 5)).items.empty());

  text = kPolicy;
  text.replace(text.find("p.legal_basis == \"consent\""), 26, "p.legal_basis == \"le");
  service.Open(path, text);
  CHECK(Labels(service.Complete(path, At(text, "== \"le", 6))) ==
        std::vector<std::string>{"legal_obligation", "legitimate_interest"});
}

TEST_CASE("language service: definitions and outline") {
  Folder dir;
  const std::string path = dir.Write("p.souple", kPolicy);
  LanguageService service(Bundled());
  service.Open(path, kPolicy);
  const auto def = service.Definition(path, At(kPolicy, "is_processor and", 3));
  REQUIRE(def.size() == 1);
  CHECK(def[0].range.start.line == At(kPolicy, "def is_processor").line);
  const auto module = service.Definition(path, At(kPolicy, "common.gdpr", 8));
  REQUIRE(module.size() == 1);
  CHECK(module[0].path == std::string(SOUPLE_SOURCE_DIR) + "/policies/common/gdpr.souple");
  CHECK(service.Definition(path, At(kPolicy, "kind")).empty());

  const auto symbols = service.Symbols(path);
  REQUIRE(symbols.size() == 1);
  CHECK(symbols[0].name == "t.lsp");
  CHECK(symbols[0].kind == SymbolKind::kPolicy);
  REQUIRE(symbols[0].children.size() == 2);
  CHECK(symbols[0].children[0].kind == SymbolKind::kDefinition);
  CHECK(symbols[0].children[1].name == "r");
  CHECK(symbols[0].children[1].detail == "obligation · confirmed");
  CHECK(symbols[0].children[1].range.end.line == At(kPolicy, "  }\n}").line);
}

TEST_CASE("language service: every prefix of a document, asked everywhere, answers without failing") {
  Folder dir;
  const std::string path = dir.Write("p.souple", kPolicy);
  LanguageService service(Bundled());
  const std::string full = kPolicy;
  for (size_t cut = 0; cut <= full.size(); cut += 5) {
    const std::string text = full.substr(0, cut);
    service.Open(path, text);
    const uint32_t lines = static_cast<uint32_t>(std::count(text.begin(), text.end(), '\n')) + 2;
    for (uint32_t line = 1; line <= lines; line += 3) {
      for (uint32_t column = 1; column < 60; column += 7) {
        service.Hover(path, {line, column});
        service.Complete(path, {line, column});
        service.Definition(path, {line, column});
      }
    }
    service.Symbols(path);
  }
  SUCCEED();
}

TEST_CASE("authoring lexer: unterminated strings and comments, non-ASCII columns") {
  using internal::authoring::Tokenize;
  const auto tokens = Tokenize("a.\xC3\xA9 \"open\n/* never closed");
  REQUIRE(tokens.size() == 4);
  CHECK(tokens[2].text == "\xC3\xA9");
  CHECK(tokens[2].end_column == 4);  // one code point
  CHECK(tokens[3].unterminated);
  CHECK(tokens[3].column == 5);
  const auto outline = internal::authoring::BuildOutline("/// Doc.\nmodule m.x {\n  def a(x, y) = x\n  table t (key k: text) {\n  }\n}\n");
  REQUIRE(outline.units.size() == 1);
  CHECK(outline.units[0].head.name == "m.x");
  CHECK(outline.units[0].head.doc == "Doc.");
  REQUIRE(outline.units[0].items.size() == 2);
  CHECK(outline.units[0].items[0].params == std::vector<std::string>{"x", "y"});
  CHECK(outline.units[0].items[0].last_line == 3);
  CHECK(outline.units[0].items[1].last_line == 5);
}
