#include "row_hash.h"

#include <bit>
#include <functional>
#include <string_view>

#include "airm/splitmix64.h"

namespace airm {
namespace {

constexpr uint64_t kNullCell = 0x6e756c6c6e756c6cULL;  // any constant unlikely as a cell hash

uint64_t CellHash(const Column& c, size_t row) {
  if (!c.IsValid(row)) return kNullCell;
  switch (c.type()) {
    case DataType::kFloat64:
      return Mix64(std::bit_cast<uint64_t>(c.float64_values()[row]));
    case DataType::kInt64:
    case DataType::kTimestamp:
      return Mix64(static_cast<uint64_t>(c.int64_values()[row]));
    case DataType::kBool:
      return Mix64(c.bool_values()[row]);
    case DataType::kCategorical:
      return Mix64(static_cast<uint64_t>(static_cast<uint32_t>(c.codes()[row])));
    case DataType::kString:
      return Mix64(std::hash<std::string_view>{}(c.strings()[row]));
  }
  return 0;
}

}  // namespace

// Nulls first, then by the bits RowHashes hashes (floats by bit pattern, text
// by code).
int CompareCells(const Column& c, size_t a, size_t b) {
  const bool va = c.IsValid(a), vb = c.IsValid(b);
  if (!va || !vb) return static_cast<int>(va) - static_cast<int>(vb);
  auto order = [](const auto& x, const auto& y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c.type()) {
    case DataType::kFloat64:
      return order(std::bit_cast<uint64_t>(c.float64_values()[a]),
                   std::bit_cast<uint64_t>(c.float64_values()[b]));
    case DataType::kInt64:
    case DataType::kTimestamp:
      return order(c.int64_values()[a], c.int64_values()[b]);
    case DataType::kBool:
      return order(c.bool_values()[a], c.bool_values()[b]);
    case DataType::kCategorical:
      return order(c.codes()[a], c.codes()[b]);
    case DataType::kString:
      return c.strings()[a].compare(c.strings()[b]);
  }
  return 0;
}

std::vector<uint64_t> RowHashes(const Table& table) {
  std::vector<uint64_t> hashes(table.num_rows(), 0);
  uint64_t column_salt = 0;
  for (const Column& c : table.columns()) {
    // Salting by position keeps swapped cells of two columns from colliding.
    column_salt += kSplitMix64Gamma;
    for (size_t r = 0; r < hashes.size(); ++r) {
      hashes[r] = Mix64(hashes[r] ^ (CellHash(c, r) + column_salt));
    }
  }
  return hashes;
}

int CompareRows(const Table& table, size_t a, size_t b) {
  for (const Column& c : table.columns()) {
    if (const int order = CompareCells(c, a, b); order != 0) return order;
  }
  return 0;
}

}  // namespace airm
