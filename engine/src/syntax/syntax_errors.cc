// SPDX-License-Identifier: Apache-2.0
#include "syntax/syntax_errors.h"

#include <algorithm>
#include <map>
#include <set>

#include "SoupleParser.h"
#include "base/suggest.h"

namespace souple::internal {

namespace {

using P = grammar::SoupleParser;
using antlr4::Token;

// Keywords that are also names (the grammar's `ident`): where a name is expected they are
// names, and listing them as expected keywords would only confuse.
const std::set<size_t> kSoftKeywords = {
    P::TITLE, P::VERSION, P::STATUS, P::EFFECTIVE, P::UNTIL, P::SOURCE, P::KIND,
    P::CONFIDENCE, P::COVERS, P::NOTE, P::SEE, P::KEY, P::MET, P::BECAUSE, P::COUNT,
    P::FIRST, P::APPLIES, P::TO};

// Tokens that can start an expression.
const std::set<size_t> kExpressionStart = {
    P::LPAREN, P::LBRACK, P::INT, P::STRING, P::DATE, P::TRUE, P::FALSE, P::MINUS,
    P::NOT, P::SOME, P::EVERY, P::COUNT, P::FIRST, P::IF, P::ID};

// Tokens that can follow a complete expression.
const std::set<size_t> kOperators = {
    P::AND, P::OR, P::IMPLIES, P::EQ, P::NE, P::LT, P::LE, P::GT, P::GE, P::PLUS,
    P::MINUS, P::IN, P::NOT, P::DOT, P::LBRACK};

// What may start an item of a policy or module body, and a clause of a rule.
const std::set<size_t> kItemStart = {P::TITLE, P::VERSION, P::STATUS, P::EFFECTIVE,
                                     P::UNTIL, P::SUPERSEDES, P::IMPORT, P::APPLIES,
                                     P::SOURCE, P::DEF, P::TABLE, P::RULE};
const std::set<size_t> kClauseStart = {P::KIND, P::CONFIDENCE, P::COVERS, P::EFFECTIVE,
                                       P::UNTIL, P::FOR, P::LET, P::WHEN, P::UNLESS,
                                       P::MET, P::CITE, P::SEE, P::NOTE, P::LANG};

// French words an author may type for a keyword (keywords are English; messages carry
// the French).
const std::map<std::string, std::string>& FrenchKeywords() {
  static const std::map<std::string, std::string> words = {
      {"politique", "policy"}, {"titre", "title"}, {"statut", "status"},
      {"importer", "import"}, {"importe", "import"}, {"remplace", "supersedes"},
      {"règle", "rule"}, {"regle", "rule"}, {"tableau", "table"},
      {"définition", "def"}, {"definition", "def"}, {"nature", "kind"},
      {"genre", "kind"}, {"confiance", "confidence"}, {"couvre", "covers"},
      {"pour", "for"}, {"soit", "let"}, {"quand", "when"}, {"lorsque", "when"},
      {"sauf", "unless"}, {"car", "because"}, {"parce", "because"},
      {"respectée", "met when"}, {"respectee", "met when"}, {"satisfaite", "met when"},
      {"citer", "cite"}, {"voir", "see"}, {"et", "and"}, {"ou", "or"}, {"non", "not"},
      {"pas", "not"}, {"implique", "implies"}, {"dans", "in"}, {"parmi", "in"},
      {"chaque", "every"}, {"tout", "every"}, {"toute", "every"}, {"certain", "some"},
      {"satisfait", "satisfies"}, {"compte", "count"}, {"nombre", "count"},
      {"premier", "first"}, {"où", "where"}, {"si", "if"}, {"alors", "then"},
      {"sinon", "else"}, {"vrai", "true"}, {"faux", "false"}, {"aucun", "none"},
      {"aucune", "none"}, {"an", "year"}, {"ans", "years"}, {"année", "year"},
      {"années", "years"}, {"mois", "months"}, {"jour", "day"}, {"jours", "days"},
      {"jusqu", "until"}, {"portée", "applies to"}};
  return words;
}

bool IsWordByte(unsigned char c) {
  return c >= 0x80 || c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
         (c >= 'A' && c <= 'Z');
}

// The word the token starts, read from the input: `règle` lexes as `r`, an error
// character and `gle`, but the author wrote one word.
std::string WordAt(Token* t) {
  if (t == nullptr || t->getType() == Token::EOF || t->getInputStream() == nullptr) return {};
  auto* input = t->getInputStream();
  const size_t start = t->getStartIndex();
  if (start >= input->size()) return {};
  const size_t stop = std::min(input->size() - 1, start + 40);
  const std::string text = input->getText(antlr4::misc::Interval(start, stop));
  size_t n = 0;
  while (n < text.size() && IsWordByte(static_cast<unsigned char>(text[n]))) ++n;
  return text.substr(0, n);
}

std::string Quoted(const std::string& word) { return "`" + word + "`"; }

// A token type in the author's words: `title`, a name, a string, end of file.
std::string TypeName(antlr4::Parser* parser, size_t type) {
  switch (type) {
    case Token::EOF: return "end of file";
    case P::ID: return "a name";
    case P::STRING: return "a string";
    case P::INT: return "a number";
    case P::DATE: return "a date (YYYY-MM-DD)";
    case P::LANG: return "`fr` or `en`";
    case P::DOC: return "a doc comment (`///`)";
    default: break;
  }
  std::string literal = parser->getVocabulary().getLiteralName(type);
  if (literal.size() >= 2 && literal.front() == '\'') {
    return Quoted(literal.substr(1, literal.size() - 2));
  }
  return Quoted(parser->getVocabulary().getSymbolicName(type));
}

// The offending token as the author sees it.
std::string TokenText(Token* t) {
  if (t == nullptr || t->getType() == Token::EOF) return "end of file";
  std::string text = t->getText();
  if (t->getType() == P::STRING) {
    if (text.size() > 32) text = text.substr(0, 29) + "…\"";
    return Quoted(text);
  }
  if (t->getType() == P::ID || t->getType() == P::ERROR_CHAR) {
    const std::string word = WordAt(t);
    if (!word.empty()) text = word;
  }
  return Quoted(text);
}

// "a, b or c", with the expression starts and operators folded into one entry each.
std::string ExpectedText(antlr4::Parser* parser, const antlr4::misc::IntervalSet& expected) {
  std::set<size_t> types;
  for (ssize_t t : expected.toList()) types.insert(static_cast<size_t>(t));
  std::vector<std::string> parts;
  auto fold = [&](const std::set<size_t>& group, size_t needed, const char* name) {
    size_t present = 0;
    for (size_t t : group) present += types.count(t);
    if (present < needed) return;
    for (size_t t : group) types.erase(t);
    if (group == kExpressionStart) {
      for (size_t t : kSoftKeywords) types.erase(t);
    }
    parts.push_back(name);
  };
  fold(kExpressionStart, 5, "an expression");
  fold(kOperators, 5, "an operator");
  if (types.count(P::ID) != 0) {
    for (size_t t : kSoftKeywords) types.erase(t);
  }
  for (size_t t : types) {
    if (t == P::MET) {
      parts.push_back("`met when`");
    } else if (t == P::LANG) {
      parts.push_back("a message (`fr \"…\"` or `en \"…\"`)");
    } else {
      parts.push_back(TypeName(parser, t));
    }
  }
  if (parts.empty()) return "something else";
  constexpr size_t kMaxShown = 18;
  if (parts.size() > kMaxShown) {
    parts.resize(kMaxShown);
    parts.push_back("…");
  }
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += (i + 1 == parts.size()) ? " or " : ", ";
    out += parts[i];
  }
  return out;
}

std::string Position(Token* t) {
  return std::to_string(t->getLine()) + ":" + std::to_string(t->getCharPositionInLine() + 1);
}

// The innermost block being parsed (a rule, a source, a table, a policy or a module), and
// the policy or module around it.
struct Block {
  std::string kind;       // "rule", "source", "table", "policy", "module"; empty outside any
  std::string what;       // "rule `r`", "policy `a.b`"
  Token* open = nullptr;  // its `{`, when parsed
  ssize_t unit_start = -1;  // index of the first token of the policy or module (-1: none)
};

Block EnclosingBlock(antlr4::Parser* parser) {
  Block b;
  // Keeps the first (innermost) block met on the way out.
  auto note = [&](const char* kind, antlr4::ParserRuleContext* name,
                  antlr4::tree::TerminalNode* brace) {
    if (!b.kind.empty()) return;
    const std::string n = name != nullptr ? name->getText() : std::string();
    b.kind = kind;
    b.what = b.kind + (n.empty() ? "" : " " + Quoted(n));
    b.open = brace != nullptr ? brace->getSymbol() : nullptr;
  };
  for (auto* ctx = parser->getContext(); ctx != nullptr;
       ctx = dynamic_cast<antlr4::ParserRuleContext*>(ctx->parent)) {
    if (auto* r = dynamic_cast<P::RuleItemContext*>(ctx)) {
      note("rule", r->ident(), r->LBRACE());
    } else if (auto* s = dynamic_cast<P::SourceItemContext*>(ctx)) {
      note("source", s->ident(), s->LBRACE());
    } else if (auto* t = dynamic_cast<P::TableItemContext*>(ctx)) {
      note("table", t->ident(), t->LBRACE());
    } else if (auto* p = dynamic_cast<P::PolicyDeclContext*>(ctx)) {
      note("policy", p->qualifiedName(), p->LBRACE());
      b.unit_start = static_cast<ssize_t>(p->getStart()->getTokenIndex());
      break;
    } else if (auto* m = dynamic_cast<P::ModuleDeclContext*>(ctx)) {
      note("module", m->qualifiedName(), m->LBRACE());
      b.unit_start = static_cast<ssize_t>(m->getStart()->getTokenIndex());
      break;
    }
  }
  return b;
}

// The `{` still open at the end of the token stream (the innermost one), with what it opens.
struct OpenBrace {
  Token* brace = nullptr;
  std::string what;
};

std::optional<OpenBrace> UnclosedBrace(antlr4::Parser* parser) {
  auto* tokens = dynamic_cast<antlr4::BufferedTokenStream*>(parser->getTokenStream());
  if (tokens == nullptr) return std::nullopt;
  std::vector<OpenBrace> open;
  const auto& all = tokens->getTokens();
  for (size_t i = 0; i < all.size(); ++i) {
    Token* t = all[i];
    if (t->getChannel() != Token::DEFAULT_CHANNEL) continue;
    if (t->getType() == P::RBRACE) {
      if (!open.empty()) open.pop_back();
      continue;
    }
    if (t->getType() != P::LBRACE) continue;
    // What the brace opens: the nearest `rule`, `source`, `table`, `policy` or `module`
    // before it, and the name written after that keyword.
    OpenBrace ob{t, "a block"};
    for (size_t j = i; j-- > 0 && i - j < 64;) {
      const size_t type = all[j]->getType();
      const char* kind = type == P::RULE     ? "rule"
                         : type == P::SOURCE ? "source"
                         : type == P::TABLE  ? "table"
                         : type == P::POLICY ? "policy"
                         : type == P::MODULE ? "module"
                                             : nullptr;
      if (kind == nullptr) continue;
      std::string name;
      for (size_t k = j + 1; k < i; ++k) {
        const size_t kt = all[k]->getType();
        if (kt == P::LPAREN) break;
        name += all[k]->getText();
      }
      ob.what = std::string(kind) + (name.empty() ? "" : " " + Quoted(name));
      break;
    }
    open.push_back(ob);
  }
  if (open.empty()) return std::nullopt;
  return open.back();
}

// The tokens of the default channel before `t`, in order.
std::vector<Token*> TokensBefore(antlr4::Parser* parser, Token* t) {
  std::vector<Token*> out;
  auto* tokens = dynamic_cast<antlr4::BufferedTokenStream*>(parser->getTokenStream());
  if (tokens == nullptr || t == nullptr) return out;
  for (Token* x : tokens->getTokens()) {
    if (x->getTokenIndex() >= t->getTokenIndex()) break;
    if (x->getChannel() == Token::DEFAULT_CHANNEL) out.push_back(x);
  }
  return out;
}

// The innermost `(` or `[` still open before `t`.
Token* OpenBracketBefore(antlr4::Parser* parser, Token* t) {
  std::vector<Token*> open;
  for (Token* x : TokensBefore(parser, t)) {
    const size_t type = x->getType();
    if (type == P::LPAREN || type == P::LBRACK) open.push_back(x);
    if ((type == P::RPAREN || type == P::RBRACK) && !open.empty()) open.pop_back();
    if (type == P::LBRACE || type == P::RBRACE) open.clear();
  }
  return open.empty() ? nullptr : open.back();
}

// How many `{` are open before `t`.
size_t BraceDepthBefore(antlr4::Parser* parser, Token* t) {
  size_t depth = 0;
  for (Token* x : TokensBefore(parser, t)) {
    if (x->getType() == P::LBRACE) ++depth;
    if (x->getType() == P::RBRACE && depth > 0) --depth;
  }
  return depth;
}

bool Has(const antlr4::misc::IntervalSet& expected, size_t type) { return expected.contains(type); }

// The valid words at this point that the author may have meant.
std::vector<std::string> Keywords(antlr4::Parser* parser, const antlr4::misc::IntervalSet& e) {
  std::vector<std::string> words;
  for (ssize_t t : e.toList()) {
    std::string literal = parser->getVocabulary().getLiteralName(static_cast<size_t>(t));
    if (literal.size() >= 2) words.push_back(literal.substr(1, literal.size() - 2));
  }
  return words;
}

}  // namespace

void SyntaxErrorStrategy::Report(Token* token, const std::string& message,
                                 std::vector<std::string> help) {
  const std::string word = token->getType() == P::ID || token->getType() == P::ERROR_CHAR
                               ? WordAt(token)
                               : std::string();
  sink_.Report(token, word.empty() ? token->getText() : word, message, std::move(help));
}

void SyntaxErrorStrategy::Explain(antlr4::Parser* parser, Token* offending,
                                  const antlr4::misc::IntervalSet& expected, bool missing) {
  if (offending == nullptr) offending = parser->getCurrentToken();
  const Block block = EnclosingBlock(parser);
  const std::string in = block.what.empty() ? std::string() : " in " + block.what;
  const std::string expected_text = ExpectedText(parser, expected);
  const size_t type = offending->getType();
  const std::string word = WordAt(offending);
  // After a first error, ANTLR's recovery leaves or enters blocks at the wrong place and
  // the rest of that policy reads as nonsense: report one error per policy or module, and
  // nothing more outside them (a `}` left over by the recovery).
  if (reported_ && (block.unit_start == last_unit_ || block.unit_start == -1)) return;
  reported_ = true;
  last_unit_ = block.unit_start;

  // Where the bracket or the table row still open began.
  std::vector<std::string> help;
  if (Has(expected, P::RPAREN) || Has(expected, P::RBRACK)) {
    if (Token* open = OpenBracketBefore(parser, offending)) {
      help.push_back("the " + Quoted(open->getText()) + " at " + Position(open) + " is not closed");
    }
  }
  if (block.kind == "table" && Has(expected, P::SEMI)) {
    help.push_back("each row of a table ends with `;`");
  }

  if (missing) {
    Report(offending, "missing " + expected_text + " before " + TokenText(offending) + in,
           std::move(help));
    return;
  }

  if (type == P::RBRACE && BraceDepthBefore(parser, offending) == 0) {
    Report(offending, "unmatched `}`: no block is open here",
           {"remove it, or look above for a block closed twice"});
    return;
  }

  if (type == P::ASSIGN) {
    Report(offending, "unexpected `=`" + in + "; expected " + expected_text,
           {"compare with `==`; `=` only names a value (`def NAME = …`, `let NAME = …`)"});
    return;
  }

  // The end of the file inside a block: say which `{` is never closed, there.
  if (type == Token::EOF) {
    if (auto open = UnclosedBrace(parser)) {
      Report(open->brace, "the `{` of " + open->what + " is never closed (end of file reached)",
             {"add `}` where " + open->what + " ends"});
      return;
    }
    Report(offending, "unexpected end of file" + in + "; expected " + expected_text, {});
    return;
  }

  if (type == P::ERROR_CHAR) {
    const std::string text = offending->getText();
    if (text == "\"") {
      Report(offending, "unterminated string: a string closes with `\"` on the same line",
             {"a string cannot span lines; write a quote inside a string as `\\\"`"});
      return;
    }
    static const std::map<std::string, std::string> kSymbols = {
        {"&", "write `and`"},
        {"|", "write `or`"},
        {"!", "write `not`, or `!=` for \"differs from\""},
        {"'", "strings use double quotes: \"…\""},
        {"#", "comments start with `//`"}};
    const auto sym = kSymbols.find(text);
    if (sym != kSymbols.end()) {
      Report(offending, "unexpected character " + Quoted(text) + in, {sym->second});
      return;
    }
    if (static_cast<unsigned char>(text[0]) < 0x80) {
      Report(offending, "unexpected character " + Quoted(text) + in + "; expected " + expected_text,
             {});
      return;
    }
  }

  // A French word where a keyword is expected.
  const auto fr = FrenchKeywords().find(LowerAscii(word));
  if (fr != FrenchKeywords().end() &&
      (type == P::ID || type == P::ERROR_CHAR || type == P::LANG || type == P::NOT)) {
    Report(offending,
           Quoted(word) + " is not a Souple keyword" + in + "; expected " + expected_text,
           {"keywords are English (messages carry the French): write " + Quoted(fr->second)});
    return;
  }

  const bool clause_expected = Has(expected, P::KIND) && Has(expected, P::RBRACE);
  const bool item_expected = Has(expected, P::RULE) && Has(expected, P::RBRACE);

  // A message without its language.
  if (type == P::STRING && (clause_expected || Has(expected, P::LANG))) {
    Report(offending, "a message needs its language" + in,
           {"write `fr " + offending->getText() + "` or `en " + offending->getText() + "`"});
    return;
  }

  if (clause_expected || block.kind == "rule") {
    // An item of the policy inside a rule: the rule's `}` is probably missing.
    if (type == P::RULE || type == P::DEF || type == P::TABLE || type == P::SOURCE ||
        type == P::POLICY || type == P::MODULE) {
      std::string where = block.open != nullptr ? " (its `{` at " + Position(block.open) + ")" : "";
      Report(offending,
             Quoted(offending->getText()) + " cannot appear" + in + ": is the `}` closing " +
                 block.what + where + " missing?",
             {"close " + block.what + " with `}` before " + Quoted(offending->getText())});
      return;
    }
    if (kItemStart.count(type) != 0 && kClauseStart.count(type) == 0) {
      Report(offending,
             Quoted(offending->getText()) + " is a policy item: it cannot appear in " + block.what,
             {"move it out of the rule, next to the policy's other header items"});
      return;
    }
  }
  if (item_expected && kClauseStart.count(type) != 0 && kItemStart.count(type) == 0) {
    const std::string kw = type == P::LANG ? "a message" : Quoted(offending->getText());
    Report(offending, kw + " is a rule clause, not valid directly" + in,
           {"put it inside a `rule NAME { … }` block"});
    return;
  }
  if ((clause_expected || item_expected) && !word.empty()) {
    std::vector<std::string> guess = DidYouMean(word, Keywords(parser, expected));
    Report(offending,
           "unknown " + std::string(clause_expected ? "clause " : "item ") + Quoted(word) + in +
               "; expected " + expected_text,
           std::move(guess));
    return;
  }
  Report(offending, "unexpected " + TokenText(offending) + in + "; expected " + expected_text,
         std::move(help));
}

void SyntaxErrorStrategy::reportNoViableAlternative(antlr4::Parser* parser,
                                                    const antlr4::NoViableAltException& e) {
  Explain(parser, e.getOffendingToken(), e.getExpectedTokens(), false);
}

void SyntaxErrorStrategy::reportInputMismatch(antlr4::Parser* parser,
                                              const antlr4::InputMismatchException& e) {
  Explain(parser, e.getOffendingToken(), e.getExpectedTokens(), false);
}

void SyntaxErrorStrategy::reportFailedPredicate(antlr4::Parser* parser,
                                                const antlr4::FailedPredicateException& e) {
  Explain(parser, e.getOffendingToken(), getExpectedTokens(parser), false);
}

void SyntaxErrorStrategy::reportUnwantedToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Explain(parser, parser->getCurrentToken(), getExpectedTokens(parser), false);
}

void SyntaxErrorStrategy::reportMissingToken(antlr4::Parser* parser) {
  if (inErrorRecoveryMode(parser)) return;
  beginErrorCondition(parser);
  Explain(parser, parser->getCurrentToken(), getExpectedTokens(parser), true);
}

}  // namespace souple::internal
