// Small helpers shared by the repository files.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/store/database.h"
#include "airm/store/timestamp.h"

namespace airm::store::internal {

inline Value Nullable(const std::optional<std::string>& v) {
  return v ? Value(*v) : Value(std::monostate{});
}
inline Value Nullable(const std::optional<int64_t>& v) {
  return v ? Value(*v) : Value(std::monostate{});
}
inline Value Nullable(const std::optional<double>& v) {
  return v ? Value(*v) : Value(std::monostate{});
}
inline std::optional<double> OptionalReal(const Row& row, size_t column_idx) {
  if (row.IsNull(column_idx)) return std::nullopt;
  return row.Real(column_idx);
}
// The first 80 characters of `sql` on one line, for error messages.
inline std::string AbbreviateSql(std::string_view sql) {
  std::string out;
  for (char c : sql) {
    if (out.size() >= 80) return out + "…";
    bool space = c == '\n' || c == '\t' || c == ' ';
    if (space && (out.empty() || out.back() == ' ')) continue;
    out.push_back(space ? ' ' : c);
  }
  return out;
}

inline std::string NowIfEmpty(const std::string& at) { return at.empty() ? UtcNow() : at; }

// "a, b, c" (at most `limit` items, then "… (N more)").
inline std::string JoinLimited(const std::vector<std::string>& items, size_t limit = 20) {
  std::string out;
  for (size_t i = 0; i < items.size() && i < limit; ++i) {
    if (i > 0) out += ", ";
    out += items[i];
  }
  if (items.size() > limit) out += ", … (" + std::to_string(items.size() - limit) + " more)";
  return out;
}

}  // namespace airm::store::internal
