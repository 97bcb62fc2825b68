// Queries over a set of keys (digests, run ids) without one statement per key.
//
// The walks in trace and impact fetch a whole breadth-first level at once:
// "... WHERE dv.digest IN (?, ?, …)". Lists are cut into chunks of at most
// kMaxInList keys and padded (by repeating the last key, which IN ignores) to
// one of a few fixed lengths, so the store's statement cache holds a handful
// of statements instead of one per list length.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage::internal {

inline constexpr size_t kMaxInList = 256;

// Runs `sql` once per chunk of `keys`, with the marker "(@IN)" in `sql`
// replaced by "(?, ?, …)". Parameters bind as `before`, the chunk, `after`.
// Calls `on_row` for every row of every chunk. Does nothing for empty keys.
Status QueryIn(store::Database& db, std::string_view sql, const std::vector<store::Value>& before,
               const std::vector<store::Value>& keys, const std::vector<store::Value>& after,
               const std::function<Status(const store::Row&)>& on_row);

template <typename T>
std::vector<store::Value> ToValues(const std::vector<T>& keys) {
  return std::vector<store::Value>(keys.begin(), keys.end());
}

}  // namespace airm::lineage::internal
