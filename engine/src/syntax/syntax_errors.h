// SPDX-License-Identifier: Apache-2.0
// Syntax errors in the policy author's terms. ANTLR's default messages ("extraneous input
// '<EOF>' expecting {...}", "no viable alternative at input ...") name grammar tokens; this
// error strategy replaces each report with one that says where the problem is and what to
// write: the block a missing `}` leaves open, the clauses valid at that point, the keyword
// for a French word, a message without its language. Internal to syntax/.
#pragma once

#include <string>
#include <vector>

#include "antlr4-runtime.h"

namespace souple::internal {

/// Where the strategy sends its reports (the parser's diagnostics collector).
class SyntaxErrorSink {
 public:
  virtual ~SyntaxErrorSink() = default;
  /// `token` is the offending token (EOF included), `text` what to underline from its start
  /// (the whole word the author wrote); `help` lines say what to do.
  virtual void Report(antlr4::Token* token, const std::string& text, const std::string& message,
                      std::vector<std::string> help) = 0;
};

/// ANTLR's recovery, with every report rewritten. Recovery itself (single-token deletion
/// or insertion, resynchronisation) is the default one, so the parse tree is unchanged.
class SyntaxErrorStrategy : public antlr4::DefaultErrorStrategy {
 public:
  explicit SyntaxErrorStrategy(SyntaxErrorSink& sink) : sink_(sink) {}

 protected:
  void reportNoViableAlternative(antlr4::Parser* parser,
                                 const antlr4::NoViableAltException& e) override;
  void reportInputMismatch(antlr4::Parser* parser,
                           const antlr4::InputMismatchException& e) override;
  void reportFailedPredicate(antlr4::Parser* parser,
                             const antlr4::FailedPredicateException& e) override;
  void reportUnwantedToken(antlr4::Parser* parser) override;
  void reportMissingToken(antlr4::Parser* parser) override;

 private:
  void Report(antlr4::Token* token, const std::string& message, std::vector<std::string> help);
  void Explain(antlr4::Parser* parser, antlr4::Token* offending,
               const antlr4::misc::IntervalSet& expected, bool missing);
  SyntaxErrorSink& sink_;
  bool reported_ = false;
  ssize_t last_unit_ = -1;
};

}  // namespace souple::internal
