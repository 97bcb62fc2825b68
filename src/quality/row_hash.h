// A whole row's content as a hashable key, for duplicate-row detection.
// Rows compare by the text of every cell (nulls distinct from any text), so
// equal rows are equal keys; the 64-bit hash only speeds the lookup up.
#pragma once

#include <cstdint>
#include <string>

#include "airm/table.h"

namespace airm {

struct RowKey {
  std::string bytes;
  uint64_t hash = 0;
  bool operator==(const RowKey& o) const { return hash == o.hash && bytes == o.bytes; }
};

struct RowKeyHash {
  size_t operator()(const RowKey& k) const { return k.hash; }
};

RowKey MakeRowKey(const Table& table, size_t row);

}  // namespace airm
