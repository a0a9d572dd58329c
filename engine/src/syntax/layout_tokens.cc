// SPDX-License-Identifier: Apache-2.0
// Lexes every channel (comments are on the hidden one, grammar/Souple.g4) and walks the
// parse tree once to mark what the token types alone cannot say: where a statement starts
// (`to (` may open an `applies to` condition or a call of a field named `to`) and which
// brackets and operands are glued to what precedes them.
#include "syntax/layout_tokens.h"

#include <exception>

#include "SoupleLexer.h"
#include "SoupleParser.h"
#include "antlr4-runtime.h"

namespace souple::internal {

namespace {

using L = grammar::SoupleLexer;
using P = grammar::SoupleParser;

LayoutKind KindOf(size_t type) {
  switch (type) {
    case L::LANG: return LayoutKind::kLang;
    case L::LPAREN: return LayoutKind::kLParen;
    case L::RPAREN: return LayoutKind::kRParen;
    case L::LBRACK: return LayoutKind::kLBrack;
    case L::RBRACK: return LayoutKind::kRBrack;
    case L::LBRACE: return LayoutKind::kLBrace;
    case L::RBRACE: return LayoutKind::kRBrace;
    case L::COMMA: return LayoutKind::kComma;
    case L::DOT: return LayoutKind::kDot;
    case L::COLON: return LayoutKind::kColon;
    case L::SEMI: return LayoutKind::kSemi;
    case L::QUESTION: return LayoutKind::kQuestion;
    case L::DOC: return LayoutKind::kDoc;
    case L::LINE_COMMENT: return LayoutKind::kLineComment;
    case L::BLOCK_COMMENT: return LayoutKind::kBlockComment;
    default: return LayoutKind::kWord;
  }
}

class Marker {
 public:
  explicit Marker(std::vector<LayoutToken>& tokens) : tokens_(tokens) {}

  void Walk(antlr4::tree::ParseTree* tree) {
    auto* ctx = dynamic_cast<antlr4::ParserRuleContext*>(tree);
    if (ctx == nullptr) return;
    if (dynamic_cast<P::ItemContext*>(ctx) != nullptr ||
        dynamic_cast<P::ClauseContext*>(ctx) != nullptr ||
        dynamic_cast<P::SourceFieldContext*>(ctx) != nullptr ||
        dynamic_cast<P::RowContext*>(ctx) != nullptr ||
        dynamic_cast<P::ModuleDeclContext*>(ctx) != nullptr ||
        dynamic_cast<P::PolicyDeclContext*>(ctx) != nullptr) {
      Start(ctx->getStart());
    }
    if (auto* call = dynamic_cast<P::CallExprContext*>(ctx)) Attach(call->LPAREN());
    if (auto* def = dynamic_cast<P::DefItemContext*>(ctx)) Attach(def->LPAREN());
    if (auto* index = dynamic_cast<P::IndexExprContext*>(ctx)) Attach(index->LBRACK());
    if (auto* neg = dynamic_cast<P::NegExprContext*>(ctx)) Attach(neg->expr()->getStart());
    for (antlr4::tree::ParseTree* child : ctx->children) Walk(child);
  }

 private:
  void Start(antlr4::Token* t) {
    if (t != nullptr && t->getType() != antlr4::Token::EOF) tokens_[t->getTokenIndex()].starts_statement = true;
  }
  void Attach(antlr4::tree::TerminalNode* node) {
    if (node != nullptr) Attach(node->getSymbol());
  }
  void Attach(antlr4::Token* t) {
    if (t != nullptr) tokens_[t->getTokenIndex()].attached = true;
  }

  std::vector<LayoutToken>& tokens_;
};

uint32_t EndLine(const antlr4::Token* t) {
  uint32_t line = static_cast<uint32_t>(t->getLine());
  for (char c : t->getText()) line += c == '\n' ? 1 : 0;
  return line;
}

}  // namespace

std::optional<std::vector<LayoutToken>> LexForLayout(const std::string& text) {
  try {
    antlr4::ANTLRInputStream input(text);
    L lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream stream(&lexer);
    stream.fill();
    // Indexed like the stream (the parse tree's tokens know their index); EOF dropped below.
    std::vector<LayoutToken> tokens;
    for (antlr4::Token* t : stream.getTokens()) {
      LayoutToken token;
      token.type = t->getType();
      token.kind = KindOf(token.type);
      token.text = t->getText();
      token.line = static_cast<uint32_t>(t->getLine());
      token.end_line = EndLine(t);
      tokens.push_back(std::move(token));
    }
    P parser(&stream);
    parser.removeErrorListeners();
    P::FileContext* tree = parser.file();
    if (parser.getNumberOfSyntaxErrors() > 0 || lexer.getNumberOfSyntaxErrors() > 0) return std::nullopt;
    Marker(tokens).Walk(tree);
    // A doc comment, and the declaration it documents, each begin a line.
    for (size_t i = 0; i < tokens.size(); ++i) {
      if (tokens[i].type != L::DOC) continue;
      tokens[i].starts_statement = true;
      size_t next = i + 1;
      while (next < tokens.size() && (tokens[next].kind == LayoutKind::kLineComment ||
                                      tokens[next].kind == LayoutKind::kBlockComment)) {
        ++next;
      }
      if (next < tokens.size()) tokens[next].starts_statement = true;
    }
    if (!tokens.empty() && tokens.back().type == antlr4::Token::EOF) tokens.pop_back();
    return tokens;
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace souple::internal
