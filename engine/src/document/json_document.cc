// SPDX-License-Identifier: Apache-2.0
// Strict JSON (RFC 8259) read by recursive descent, the schema type of each slot in hand:
// no intermediate tree, no second parse. Anything unusual returns false and the careful
// path (nlohmann's strict check, then the YAML reader with its marks) takes over.
#include "document/json_document.h"

#include <cstring>

#include "document/scalar.h"

namespace souple::internal {

namespace {

class FastJson {
 public:
  FastJson(const std::string& text, const DocumentOptions& options)
      : p_(text.data()), end_(text.data() + text.size()), column_at_(p_), options_(options) {}

  bool Document(const Type* root, DocNode& out) {
    SkipSpace();
    if (p_ == end_ || *p_ != '{') return false;  // an empty text, a BOM, a root that is not an object
    if (!Value(root, out, 0)) return false;
    SkipSpace();
    return p_ == end_ && !(v1_field_seen_ && DeclaresSchemaV2(out));
  }

 private:
  // ------------------------------------------------------------------ positions
  void SkipSpace() {
    while (p_ < end_) {
      const char c = *p_;
      if (c == ' ' || c == '\t') {
        ++p_;
      } else if (c == '\n') {
        ++p_;
        ++line_;
        column_at_ = p_;
        column_ = 0;
      } else if (c == '\r' && p_ + 1 < end_ && p_[1] == '\n') {
        ++p_;
      } else {
        return;  // a lone '\r' ends a line for YAML's marks: left to the careful path
      }
    }
  }

  // Line and column (in code points, from 1) of the current position. Positions only move
  // forward, so the column is counted from the last one asked on the same line.
  void Mark(DocNode& out) {
    for (; column_at_ < p_; ++column_at_) {
      if ((static_cast<unsigned char>(*column_at_) & 0xC0) != 0x80) ++column_;
    }
    out.line = options_.first_line + line_;
    out.column = column_ + 1;
  }

  // ------------------------------------------------------------------ values
  bool Value(const Type* type, DocNode& out, uint32_t depth) {
    out.type = type;
    Mark(out);
    if (++nodes_ > options_.max_nodes || depth > options_.max_depth || p_ == end_) return false;
    if (*p_ == 'n') {
      out.kind = DocNode::Kind::kNull;  // stated as unknown
      return Literal("null");
    }
    switch (type->kind) {
      case TypeKind::kRecord: return *p_ == '{' && Object(type, out, depth);
      case TypeKind::kList: return *p_ == '[' && Array(type, out, depth);
      default: return Scalar(type, out);
    }
  }

  // `{ "key": value, ... }` at p_ (on its '{'): `member()` reads each value, key_ holding its key.
  template <typename Member>
  bool Members(Member member) {
    ++p_;  // '{'
    SkipSpace();
    if (p_ < end_ && *p_ == '}') {
      ++p_;
      return true;
    }
    while (true) {
      if (p_ == end_ || *p_ != '"' || !String(key_)) return false;
      SkipSpace();
      if (p_ == end_ || *p_ != ':') return false;
      ++p_;
      SkipSpace();
      if (!member()) return false;
      SkipSpace();
      if (p_ == end_) return false;
      if (*p_ == '}') {
        ++p_;
        return true;
      }
      if (*p_ != ',') return false;
      ++p_;
      SkipSpace();
    }
  }

  // `[ value, ... ]` at p_ (on its '['): `element()` reads each value.
  template <typename Element>
  bool Elements(Element element) {
    ++p_;  // '['
    SkipSpace();
    if (p_ < end_ && *p_ == ']') {
      ++p_;
      return true;
    }
    while (true) {
      if (!element()) return false;
      SkipSpace();
      if (p_ == end_) return false;
      if (*p_ == ']') {
        ++p_;
        return true;
      }
      if (*p_ != ',') return false;
      ++p_;
      SkipSpace();
    }
  }

  bool Object(const Type* type, DocNode& out, uint32_t depth) {
    out.kind = DocNode::Kind::kRecord;
    out.items.resize(type->fields.size());
    std::vector<bool> seen(type->fields.size(), false);
    const bool read = Members([&] {
      const int slot = type->FindField(key_);
      if (slot < 0) return options_.ignore_unknown_fields && Skip(depth + 1);
      if (seen[slot]) return false;  // a duplicate key: reported by the careful path
      seen[slot] = true;
      if (!type->fields[slot].replaced_by.empty()) v1_field_seen_ = true;
      return Value(type->fields[slot].type, out.items[slot], depth + 1);
    });
    if (!read) return false;
    for (size_t i = 0; i < type->fields.size(); ++i) {
      out.items[i].type = type->fields[i].type;
      if (type->fields[i].required && !seen[i]) return false;
    }
    return true;
  }

  bool Array(const Type* type, DocNode& out, uint32_t depth) {
    out.kind = DocNode::Kind::kList;
    return Elements([&] {
      if (out.items.size() == options_.max_list_items) return false;  // E4006, said by the careful path
      out.items.emplace_back();
      return Value(type->element, out.items.back(), depth + 1);
    });
  }

  bool Scalar(const Type* type, DocNode& out) {
    bool quoted = false;
    if (*p_ == '"') {
      if (!String(scalar_)) return false;
      quoted = true;
    } else if (*p_ == 't') {
      if (!Literal("true")) return false;
      scalar_ = "true";
    } else if (*p_ == 'f') {
      if (!Literal("false")) return false;
      scalar_ = "false";
    } else if (!Number(scalar_)) {
      return false;  // an object or a list where a scalar is expected, or not JSON
    }
    return ConvertScalar(scalar_, quoted, type, options_.ignore_unknown_fields, out) == ScalarOutcome::kOk;
  }

  // ------------------------------------------------------------------ tokens
  bool Literal(const char* word) {
    const size_t n = std::strlen(word);
    if (static_cast<size_t>(end_ - p_) < n || std::memcmp(p_, word, n) != 0) return false;
    p_ += n;
    return true;
  }

  static bool Digit(char c) { return c >= '0' && c <= '9'; }

  bool Number(std::string& out) {
    const char* start = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ == end_) return false;
    if (*p_ == '0') {
      ++p_;
    } else if (Digit(*p_)) {
      while (p_ < end_ && Digit(*p_)) ++p_;
    } else {
      return false;
    }
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      if (p_ == end_ || !Digit(*p_)) return false;
      while (p_ < end_ && Digit(*p_)) ++p_;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (p_ == end_ || !Digit(*p_)) return false;
      while (p_ < end_ && Digit(*p_)) ++p_;
    }
    out.assign(start, p_);
    return true;
  }

  static int Hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool Hex4(uint32_t& out) {
    if (end_ - p_ < 4) return false;
    out = 0;
    for (int i = 0; i < 4; ++i) {
      const int h = Hex(p_[i]);
      if (h < 0) return false;
      out = out * 16 + static_cast<uint32_t>(h);
    }
    p_ += 4;
    return true;
  }

  static void AppendUtf8(std::string& s, uint32_t cp) {
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }

  // A string literal at p_ (on its opening quote); the text has been checked as UTF-8.
  bool String(std::string& out) {
    ++p_;
    out.clear();
    while (true) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      out.append(run, p_);
      if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;  // unterminated, or a raw control
      if (*p_ == '"') {
        ++p_;
        return true;
      }
      ++p_;  // '\\'
      if (p_ == end_) return false;
      const char e = *p_++;
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          uint32_t cp = 0;
          if (!Hex4(cp)) return false;
          // Control characters and surrogate pairs are left to the careful path: what it
          // makes of them is its own.
          if (cp < 0x20 || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
          AppendUtf8(out, cp);
          break;
        }
        default: return false;
      }
    }
  }

  // Any JSON value, checked but not kept (a field an older schema does not know).
  bool Skip(uint32_t depth) {
    if (++nodes_ > options_.max_nodes || depth > options_.max_depth || p_ == end_) return false;
    switch (*p_) {
      case '{': return Members([&] { return Skip(depth + 1); });
      case '[': return Elements([&] { return Skip(depth + 1); });
      case '"': return String(scalar_);
      case 't': return Literal("true");
      case 'f': return Literal("false");
      case 'n': return Literal("null");
      default: return Number(scalar_);
    }
  }

  const char* p_;
  const char* const end_;
  const char* column_at_;
  uint32_t line_ = 0, column_ = 0;
  const DocumentOptions& options_;
  size_t nodes_ = 0;
  bool v1_field_seen_ = false;
  std::string key_, scalar_;
};

}  // namespace

std::unique_ptr<DocNode> LoadJsonFast(const std::string& text, const Type* root_type,
                                      const DocumentOptions& options) {
  auto doc = std::make_unique<DocNode>();
  FastJson reader(text, options);
  if (!reader.Document(root_type, *doc)) return nullptr;
  return doc;
}

}  // namespace souple::internal
