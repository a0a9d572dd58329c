// SPDX-License-Identifier: Apache-2.0
// Runs the generated lexer and parser behind a wall: no ANTLR exception and no console
// output escapes; every problem becomes a located diagnostic.
#include "syntax/parser.h"

#include <exception>

#include "SoupleLexer.h"
#include "SoupleParser.h"
#include "antlr4-runtime.h"
#include "base/diag_codes.h"
#include "base/utf8.h"
#include "syntax/ast_builder.h"
#include "syntax/syntax_errors.h"

namespace souple::internal {

namespace {

// Collects syntax errors as diagnostics: the error strategy's rewritten reports, and
// anything else a recognizer reports through the listener interface.
class CollectingListener : public antlr4::BaseErrorListener, public SyntaxErrorSink {
 public:
  CollectingListener(std::string path, Diagnostics& diags, size_t limit)
      : path_(std::move(path)), diags_(diags), limit_(limit) {}

  void syntaxError(antlr4::Recognizer*, antlr4::Token* offending, size_t line,
                   size_t char_position, const std::string& msg, std::exception_ptr) override {
    Add(offending, offending != nullptr ? offending->getText() : std::string(), line,
        char_position, msg, {});
  }
  void Report(antlr4::Token* token, const std::string& text, const std::string& message,
              std::vector<std::string> help) override {
    Add(token, text, token->getLine(), token->getCharPositionInLine(), message,
        std::move(help));
  }
  size_t count() const { return count_; }

 private:
  void Add(antlr4::Token* offending, const std::string& text, size_t line, size_t char_position,
           const std::string& msg, std::vector<std::string> help) {
    ++count_;
    if (count_ > limit_) return;
    Location loc{path_, static_cast<uint32_t>(line), static_cast<uint32_t>(char_position + 1), 0};
    if (offending != nullptr && offending->getType() != antlr4::Token::EOF && !text.empty()) {
      loc.end_column = loc.column + static_cast<uint32_t>(CodePointCount(text)) - 1;
    }
    diags_.Add(MakeError(DiagCode::kSyntaxError, msg, loc, std::move(help)));
  }

  std::string path_;
  Diagnostics& diags_;
  size_t limit_;
  size_t count_ = 0;
};

// Tokens that make the generated recursive-descent parser recurse once per occurrence.
bool IsNestingToken(size_t type) {
  using L = grammar::SoupleLexer;
  switch (type) {
    case L::LPAREN: case L::LBRACK: case L::NOT: case L::MINUS: case L::SOME:
    case L::EVERY: case L::COUNT: case L::FIRST: case L::IF: case L::IMPLIES:
      return true;
    default:
      return false;
  }
}

bool IsClauseStart(size_t type) {
  using L = grammar::SoupleLexer;
  switch (type) {
    case L::WHEN: case L::MET: case L::UNLESS: case L::LET: case L::FOR: case L::ASSIGN:
    case L::RULE: case L::DEF: case L::CITE: case L::LBRACE: case L::RBRACE: case L::SEMI:
      return true;
    default:
      return false;
  }
}

// Rejects input whose expressions nest deeper than the limit, before the recursive
// parser could exhaust the stack. Brackets are counted across clauses: an unclosed `(`
// before a `;` still nests the parser (its error recovery recurses on it), so only the
// prefix operators' depth starts again at a clause boundary.
bool CheckNesting(antlr4::CommonTokenStream& tokens, const std::string& path,
                  uint32_t limit, Diagnostics& diags) {
  uint32_t brackets = 0, prefixes = 0;
  for (antlr4::Token* t : tokens.getTokens()) {
    const size_t type = t->getType();
    bool deeper = false;
    if (type == grammar::SoupleLexer::RPAREN || type == grammar::SoupleLexer::RBRACK) {
      if (brackets > 0) --brackets;
    } else if (IsClauseStart(type)) {
      prefixes = 0;
    } else if (type == grammar::SoupleLexer::LPAREN || type == grammar::SoupleLexer::LBRACK) {
      ++brackets;
      deeper = true;
    } else if (IsNestingToken(type)) {
      ++prefixes;
      deeper = true;
    }
    if (deeper && brackets + prefixes > limit) {
      diags.Add(MakeError(DiagCode::kNestingTooDeep,
                          "expression nesting exceeds the limit of " + std::to_string(limit),
                          Location{path, static_cast<uint32_t>(t->getLine()),
                                   static_cast<uint32_t>(t->getCharPositionInLine() + 1), 0}));
      return false;
    }
  }
  return true;
}

}  // namespace

bool CheckInputText(const std::string& path, const std::string& text, size_t max_bytes,
                    Diagnostics& diags) {
  if (text.size() > max_bytes) {
    diags.Add(MakeError(DiagCode::kFileTooLarge,
                        "file is " + std::to_string(text.size()) + " bytes, over the limit of " +
                            std::to_string(max_bytes),
                        Location{path, 0, 0, 0}));
    return false;
  }
  if (auto bad = FindInvalidUtf8(text)) {
    const TextPosition pos = PositionOfOffset(text, *bad);
    diags.Add(MakeError(DiagCode::kInvalidUtf8,
                        "invalid UTF-8 byte sequence (byte offset " + std::to_string(*bad) + ")",
                        Location{path, pos.line, pos.column, 0}));
    return false;
  }
  return true;
}

std::optional<ast::File> ParsePolicyFile(const std::string& path, const std::string& text,
                                         Diagnostics& diags, const ParseOptions& options) {
  diags.AddSourceText(path, text);
  if (!CheckInputText(path, text, options.max_bytes, diags)) return std::nullopt;
  const size_t errors_before = diags.ErrorCount();
  try {
    antlr4::ANTLRInputStream input(text);
    grammar::SoupleLexer lexer(&input);
    CollectingListener listener(path, diags, options.max_syntax_errors);
    lexer.removeErrorListeners();
    lexer.addErrorListener(&listener);
    antlr4::CommonTokenStream tokens(&lexer);
    tokens.fill();
    if (!CheckNesting(tokens, path, options.max_nesting, diags)) return std::nullopt;
    grammar::SoupleParser parser(&tokens);
    parser.removeErrorListeners();
    parser.addErrorListener(&listener);
    parser.setErrorHandler(std::make_shared<SyntaxErrorStrategy>(listener));
    grammar::SoupleParser::FileContext* tree = parser.file();
    if (listener.count() > options.max_syntax_errors) {
      Diagnostic note = MakeError(DiagCode::kSyntaxError,
                                  std::to_string(listener.count() - options.max_syntax_errors) +
                                      " further syntax errors not shown",
                                  Location{path, 0, 0, 0});
      note.severity = Severity::kNote;
      diags.Add(note);
    }
    if (diags.ErrorCount() > errors_before) return std::nullopt;
    AstBuilder builder(path, diags, options.max_nesting);
    ast::File file = builder.BuildFile(tree);  // the tree dies with `parser`: build now
    if (diags.ErrorCount() > errors_before) return std::nullopt;
    return file;
  } catch (const std::exception& e) {
    diags.Add(MakeError(DiagCode::kSyntaxError, std::string("cannot parse file: ") + e.what(),
                        Location{path, 0, 0, 0}));
  } catch (...) {
    diags.Add(MakeError(DiagCode::kSyntaxError, "cannot parse file", Location{path, 0, 0, 0}));
  }
  return std::nullopt;
}

}  // namespace souple::internal
