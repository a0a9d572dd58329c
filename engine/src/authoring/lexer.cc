// SPDX-License-Identifier: Apache-2.0
#include "authoring/lexer.h"

namespace souple::internal::authoring {

namespace {
bool IdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
bool Digit(char c) { return c >= '0' && c <= '9'; }
bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
}  // namespace

std::vector<Token> Tokenize(const std::string& text, std::vector<CommentSpan>* comments) {
  std::vector<Token> out;
  uint32_t line = 1, column = 1;
  size_t i = 0;
  const size_t n = text.size();
  // Advances over text[i..end), counting code points on the current line.
  auto advance = [&](size_t end) {
    for (; i < end; ++i) {
      if (text[i] == '\n') {
        ++line;
        column = 1;
      } else if (!Continuation(text[i])) {
        ++column;
      }
    }
  };
  auto emit = [&](TokenKind kind, size_t end, bool unterminated = false) {
    Token t;
    t.kind = kind;
    t.text = text.substr(i, end - i);
    t.line = line;
    t.column = column;
    t.unterminated = unterminated;
    advance(end);
    t.end_column = column;
    out.push_back(std::move(t));
  };
  auto skip_comment = [&](size_t end) {
    CommentSpan span{line, column, line, column};
    advance(end);
    span.end_line = line;
    span.end_column = column;
    if (comments != nullptr) comments->push_back(span);
  };
  while (i < n) {
    const char c = text[i];
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
      advance(i + 1);
    } else if (c == '/' && i + 1 < n && text[i + 1] == '/') {
      size_t end = text.find('\n', i);
      if (end == std::string::npos) end = n;
      if (i + 2 < n && text[i + 2] == '/') {
        emit(TokenKind::kDoc, end);
      } else {
        skip_comment(end);
      }
    } else if (c == '/' && i + 1 < n && text[i + 1] == '*') {
      const size_t close = text.find("*/", i + 2);
      skip_comment(close == std::string::npos ? n : close + 2);
    } else if (c == '"') {
      size_t end = i + 1;
      while (end < n && text[end] != '"' && text[end] != '\n') end += text[end] == '\\' && end + 1 < n ? 2 : 1;
      const bool closed = end < n && text[end] == '"';
      emit(TokenKind::kString, closed ? end + 1 : end, !closed);
    } else if (IdentStart(c)) {
      size_t end = i + 1;
      while (end < n && (IdentStart(text[end]) || Digit(text[end]))) ++end;
      emit(TokenKind::kIdent, end);
    } else if (Digit(c)) {
      size_t end = i + 1;
      while (end < n && (Digit(text[end]) || (text[end] == '-' && end + 1 < n && Digit(text[end + 1])))) ++end;
      emit(TokenKind::kNumber, end);
    } else {
      static const char* const kPairs[] = {"==", "!=", "<=", ">="};
      size_t end = i + 1;
      for (const char* pair : kPairs) {
        if (text.compare(i, 2, pair) == 0) end = i + 2;
      }
      while (end < n && Continuation(text[end])) ++end;  // one code point
      emit(TokenKind::kPunct, end);
    }
  }
  return out;
}

std::string Unquote(const Token& token) {
  std::string out;
  const std::string& raw = token.text;
  const size_t last = token.unterminated ? raw.size() : raw.size() - 1;
  for (size_t i = 1; i < last; ++i) {
    if (raw[i] == '\\' && i + 1 < last) {
      const char e = raw[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
      continue;
    }
    out += raw[i];
  }
  return out;
}

}  // namespace souple::internal::authoring
