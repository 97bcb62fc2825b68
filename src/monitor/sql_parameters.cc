#include "airm/monitor/sql_parameters.h"

#include <algorithm>

namespace airm::monitor {
namespace {

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The end (one past the closing quote) of a quoted run starting at `begin`
// (the opening quote); a doubled quote is an escaped one, and with
// `backslash` (E'…') a backslash escapes the next character. Unterminated:
// the end of the text (the server reports it).
size_t QuotedEnd(std::string_view sql, size_t begin, bool backslash) {
  const char quote = sql[begin];
  size_t i = begin + 1;
  while (i < sql.size()) {
    if (backslash && sql[i] == '\\') {
      i += 2;
      continue;
    }
    if (sql[i] == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
        continue;
      }
      return i + 1;
    }
    ++i;
  }
  return sql.size();
}

// The end of a dollar-quoted body whose opening tag ($tag$ or $$) starts at
// `begin`, or `begin` when no tag starts there ($1 is a parameter, not a tag).
size_t DollarQuotedEnd(std::string_view sql, size_t begin) {
  size_t i = begin + 1;
  if (i < sql.size() && sql[i] >= '0' && sql[i] <= '9') return begin;
  while (i < sql.size() && IsWordChar(sql[i])) ++i;
  if (i >= sql.size() || sql[i] != '$') return begin;
  const std::string_view tag = sql.substr(begin, i + 1 - begin);
  const size_t close = sql.find(tag, i + 1);
  return close == std::string_view::npos ? sql.size() : close + tag.size();
}

// The end of a /* */ comment starting at `begin`, counting nested ones.
size_t BlockCommentEnd(std::string_view sql, size_t begin) {
  int depth = 0;
  size_t i = begin;
  while (i + 1 < sql.size()) {
    if (sql[i] == '/' && sql[i + 1] == '*') {
      ++depth;
      i += 2;
    } else if (sql[i] == '*' && sql[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

}  // namespace

NumberedQuery NumberNamedParameters(std::string_view sql, const std::vector<std::string>& names) {
  NumberedQuery out;
  size_t i = 0;
  while (i < sql.size()) {
    const char c = sql[i];
    size_t skip_to = i;
    if (c == '\'' || c == '"') {
      const bool escaped = c == '\'' && i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') &&
                           (i < 2 || !IsWordChar(sql[i - 2]));
      skip_to = QuotedEnd(sql, i, escaped);
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-') {
      skip_to = std::min(sql.find('\n', i), sql.size());
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      skip_to = BlockCommentEnd(sql, i);
    } else if (c == '$' && (i == 0 || !IsWordChar(sql[i - 1]))) {
      skip_to = DollarQuotedEnd(sql, i);
    } else if (c == ':' && i + 1 < sql.size() && sql[i + 1] == ':') {
      skip_to = i + 2;  // a cast
    } else if (c == ':') {
      size_t word_end = i + 1;
      while (word_end < sql.size() && IsWordChar(sql[word_end])) ++word_end;
      const std::string word(sql.substr(i + 1, word_end - i - 1));
      if (std::find(names.begin(), names.end(), word) != names.end()) {
        auto known = std::find(out.params.begin(), out.params.end(), word);
        if (known == out.params.end()) {
          out.params.push_back(word);
          known = out.params.end() - 1;
        }
        out.sql += "$" + std::to_string(known - out.params.begin() + 1);
        i = word_end;
        continue;
      }
    }
    if (skip_to > i) {
      out.sql.append(sql.substr(i, skip_to - i));
      i = skip_to;
      continue;
    }
    out.sql += c;
    ++i;
  }
  return out;
}

}  // namespace airm::monitor
