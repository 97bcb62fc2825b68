#include "gate_parse.h"

#include <charconv>
#include <cmath>
#include <cstring>

namespace airm::gate {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Characters that end a bare path segment or bare value.
bool IsPathStop(char c) { return std::strchr(".[]`,?'\"<>=!", c) != nullptr; }

class Parser {
 public:
  Parser(std::string_view text, size_t position) : text_(text), base_(position) {}

  Result<Condition> Parse() {
    Condition c;
    c.text = std::string(text_);
    AIRM_RETURN_IF_ERROR(ParsePath(&c));
    SkipSpaces();
    if (Peek() == '?') {
      c.undefined_passes = true;
      ++pos_;
      SkipSpaces();
    }
    if (AtEnd()) return c;
    AIRM_ASSIGN_OR_RETURN(c.op, ParseOp());
    SkipSpaces();
    AIRM_ASSIGN_OR_RETURN(c.value, ParseValue());
    SkipSpaces();
    if (!AtEnd()) return Error("unexpected text after the value");
    return c;
  }

 private:
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek() const { return AtEnd() ? '\0' : text_[pos_]; }
  void SkipSpaces() {
    while (!AtEnd() && IsSpace(text_[pos_])) ++pos_;
  }

  Status Error(const std::string& what) const {
    return Status::InvalidArgument(OptionRef("fail-on") + ": " + what + " at position " +
                                   std::to_string(base_ + pos_) + " of condition '" +
                                   std::string(text_) +
                                   "' (expected PATH, PATH? , or PATH OP VALUE; see docs/cli.md)");
  }

  Result<std::string> ParseQuoted() {
    const char quote = text_[pos_++];
    std::string out;
    while (!AtEnd() && text_[pos_] != quote) {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out.push_back(text_[pos_++]);
    }
    if (AtEnd()) return Error(std::string("unterminated ") + quote + " quote");
    ++pos_;
    return out;
  }

  Result<std::string> ParseBare() {
    const size_t start = pos_;
    while (!AtEnd() && !IsPathStop(text_[pos_])) ++pos_;
    std::string_view s = text_.substr(start, pos_ - start);
    while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
    while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
    if (s.empty()) {
      pos_ = start;
      return Error("expected a path segment");
    }
    return std::string(s);
  }

  Status ParsePath(Condition* c) {
    SkipSpaces();
    while (true) {
      std::string segment;
      if (Peek() == '`') {
        AIRM_ASSIGN_OR_RETURN(segment, ParseQuoted());
      } else {
        AIRM_ASSIGN_OR_RETURN(segment, ParseBare());
      }
      c->segments.push_back(std::move(segment));
      while (Peek() == '[') {
        ++pos_;
        SkipSpaces();
        if (Peek() != '"' && Peek() != '\'' && Peek() != '`') {
          return Error("expected a quoted key after '['");
        }
        AIRM_ASSIGN_OR_RETURN(std::string key, ParseQuoted());
        SkipSpaces();
        if (Peek() != ']') return Error("expected ']'");
        ++pos_;
        c->segments.push_back(std::move(key));
      }
      SkipSpaces();
      if (Peek() != '.') return Status::Ok();
      ++pos_;
      SkipSpaces();
    }
  }

  Result<Op> ParseOp() {
    static constexpr std::pair<const char*, Op> kOps[] = {
        {"<=", Op::kLessEqual}, {">=", Op::kGreaterEqual}, {"==", Op::kEqual},
        {"!=", Op::kNotEqual},  {"<", Op::kLess},          {">", Op::kGreater}};
    for (const auto& [text, op] : kOps) {
      if (text_.substr(pos_).starts_with(text)) {
        pos_ += std::strlen(text);
        return op;
      }
    }
    return Error("expected an operator (< <= > >= == !=) or the end of the condition");
  }

  Result<Value> ParseValue() {
    Value v;
    if (AtEnd()) return Error("expected a value after the operator");
    if (Peek() == '"' || Peek() == '\'') {
      v.kind = Value::Kind::kString;
      AIRM_ASSIGN_OR_RETURN(v.text, ParseQuoted());
      return v;
    }
    // A bare value is one word: it ends at a space, so "fail extra" is an
    // error, and may hold dots and signs (0.2, -1e-3).
    const size_t start = pos_;
    while (!AtEnd() && !IsSpace(text_[pos_]) && std::strchr("'\"`", text_[pos_]) == nullptr) {
      ++pos_;
    }
    std::string word(text_.substr(start, pos_ - start));
    if (word.empty()) return Error("expected a value after the operator");
    const char* first = word.data();
    const char* last = word.data() + word.size();
    if (*first == '+') ++first;
    auto [end, ec] = std::from_chars(first, last, v.number);
    if (ec == std::errc() && end == last) {
      if (!std::isfinite(v.number)) {
        pos_ = start;
        return Error("the number is not finite");
      }
      v.kind = Value::Kind::kNumber;
    } else if (ec == std::errc::result_out_of_range) {
      pos_ = start;
      return Error("the number is out of range");
    } else if (word == "true" || word == "false") {
      v.kind = Value::Kind::kBool;
      v.boolean = word == "true";
    } else if (word == "null") {
      v.kind = Value::Kind::kNull;
    } else {
      v.kind = Value::Kind::kString;
      v.text = std::move(word);
    }
    return v;
  }

  std::string_view text_;
  size_t base_;
  size_t pos_ = 0;
};

}  // namespace

Result<std::vector<std::pair<std::string, size_t>>> SplitConditions(std::string_view expressions) {
  std::vector<std::pair<std::string, size_t>> out;
  size_t start = 0;
  char quote = '\0';
  int depth = 0;
  const auto push = [&](size_t end) -> Status {
    size_t b = start;
    while (b < end && IsSpace(expressions[b])) ++b;
    size_t e = end;
    while (e > b && IsSpace(expressions[e - 1])) --e;
    if (b == e) {
      return Status::InvalidArgument(OptionRef("fail-on") + ": empty condition at position " +
                                     std::to_string(b + 1) + " of '" + std::string(expressions) +
                                     "'");
    }
    out.emplace_back(std::string(expressions.substr(b, e - b)), b + 1);
    return Status::Ok();
  };
  for (size_t i = 0; i < expressions.size(); ++i) {
    const char c = expressions[i];
    if (quote != '\0') {
      if (c == '\\' && quote != '`') {
        ++i;
      } else if (c == quote) {
        quote = '\0';
      }
    } else if (c == '"' || c == '\'' || c == '`') {
      quote = c;
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (c == ',' && depth == 0) {
      AIRM_RETURN_IF_ERROR(push(i));
      start = i + 1;
    }
  }
  AIRM_RETURN_IF_ERROR(push(expressions.size()));
  return out;
}

Result<Condition> ParseCondition(std::string_view text, size_t position) {
  return Parser(text, position).Parse();
}

const char* OpText(Op op) {
  switch (op) {
    case Op::kLess:
      return "<";
    case Op::kLessEqual:
      return "<=";
    case Op::kGreater:
      return ">";
    case Op::kGreaterEqual:
      return ">=";
    case Op::kEqual:
      return "==";
    case Op::kNotEqual:
      return "!=";
  }
  return "?";
}

}  // namespace airm::gate
