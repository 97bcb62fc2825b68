#include "sql_in_list.h"

#include <algorithm>

namespace airm::lineage::internal {
namespace {

constexpr std::string_view kMarker = "(@IN)";

// The padded length for a chunk of n keys: 1, 4, 16, 64 or kMaxInList.
size_t PaddedLength(size_t n) {
  for (size_t len : {size_t{1}, size_t{4}, size_t{16}, size_t{64}}) {
    if (n <= len) return len;
  }
  return kMaxInList;
}

std::string WithPlaceholders(std::string_view sql, size_t count) {
  std::string list = "(";
  for (size_t i = 0; i < count; ++i) list += i == 0 ? "?" : ", ?";
  list += ")";
  std::string out(sql);
  size_t at = out.find(kMarker);
  // A query without the marker is a bug in this module, not bad input.
  if (at != std::string::npos) out.replace(at, kMarker.size(), list);
  return out;
}

}  // namespace

Status QueryIn(store::Database& db, std::string_view sql, const std::vector<store::Value>& before,
               const std::vector<store::Value>& keys, const std::vector<store::Value>& after,
               const std::function<Status(const store::Row&)>& on_row) {
  if (sql.find(kMarker) == std::string_view::npos) {
    return Status::Internal("lineage query without an IN marker: " + std::string(sql));
  }
  for (size_t start = 0; start < keys.size(); start += kMaxInList) {
    const size_t n = std::min(kMaxInList, keys.size() - start);
    const size_t padded = PaddedLength(n);
    std::vector<store::Value> params = before;
    params.insert(params.end(), keys.begin() + start, keys.begin() + start + n);
    for (size_t i = n; i < padded; ++i) params.push_back(keys[start + n - 1]);
    params.insert(params.end(), after.begin(), after.end());
    AIRM_RETURN_IF_ERROR(db.QueryEach(WithPlaceholders(sql, padded), params, on_row));
  }
  return Status::Ok();
}

}  // namespace airm::lineage::internal
