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

bool CellsEqual(const Column& c, size_t a, size_t b) {
  const bool va = c.IsValid(a), vb = c.IsValid(b);
  if (!va || !vb) return va == vb;
  switch (c.type()) {
    case DataType::kFloat64:
      return std::bit_cast<uint64_t>(c.float64_values()[a]) ==
             std::bit_cast<uint64_t>(c.float64_values()[b]);
    case DataType::kInt64:
    case DataType::kTimestamp:
      return c.int64_values()[a] == c.int64_values()[b];
    case DataType::kBool:
      return c.bool_values()[a] == c.bool_values()[b];
    case DataType::kCategorical:
      return c.codes()[a] == c.codes()[b];
    case DataType::kString:
      return c.strings()[a] == c.strings()[b];
  }
  return false;
}

}  // namespace

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

bool RowsEqual(const Table& table, size_t a, size_t b) {
  for (const Column& c : table.columns()) {
    if (!CellsEqual(c, a, b)) return false;
  }
  return true;
}

}  // namespace airm
