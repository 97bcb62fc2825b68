// A whole row's content as a hashable key, for duplicate-row detection.
// Rows compare by the bytes of every cell (nulls distinct from any value;
// categorical cells by their code, so keys compare only within one table);
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
