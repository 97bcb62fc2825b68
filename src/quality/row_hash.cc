#include "row_hash.h"

#include <algorithm>
#include <bit>
#include <functional>
#include <span>
#include <string_view>

#include "airm/splitmix64.h"

namespace airm {
namespace {

constexpr uint64_t kNullCell = 0x6e756c6c6e756c6cULL;  // any constant unlikely as a cell's bits

// Rows hashed together across all columns: the block's hashes stay in the
// first-level cache while each column's cells stream past once (column by
// column over the whole table moved the hash array through memory once per
// column).
constexpr size_t kBlockRows = 2048;

// Mixes `cell(r)` (the cell's bits) into h[r] for rows [begin, end), nulls
// as kNullCell; one loop per column type, so no per-cell switch.
//
// A cell costs one multiply (the row's hash goes through the full Mix64 once
// at the end, RowHashes): the step is a bijection of the running hash for a
// given cell, and its xor-shift carries high bits down, so cells that differ
// only in high bits (large integers, exponents) still separate. Collisions
// only cost time: callers confirm equal hashes by comparing the cells.
inline uint64_t Step(uint64_t h, uint64_t bits, uint64_t salt) {
  h = ((h ^ bits) + salt) * kSplitMix64Gamma;
  return h ^ (h >> 29);
}

template <typename CellBits>
void MixColumn(const Column& c, uint64_t salt, CellBits cell, size_t begin, size_t end,
               uint64_t* h) {
  if (c.null_count() == 0) {
    for (size_t r = begin; r < end; ++r) h[r] = Step(h[r], cell(r), salt);
    return;
  }
  for (size_t r = begin; r < end; ++r) {
    h[r] = Step(h[r], c.IsValid(r) ? cell(r) : kNullCell, salt);
  }
}

// Mixes the cells of rows [begin, end) of one column into h.
void MixCells(const Column& c, uint64_t salt, size_t begin, size_t end, uint64_t* h) {
  switch (c.type()) {
    case DataType::kFloat64:
      // The double's bits whatever the storage, so equal values hash alike.
      c.VisitFloat64([&](auto at) {
        MixColumn(
            c, salt, [at](size_t r) { return std::bit_cast<uint64_t>(at(r)); }, begin, end, h);
      });
      return;
    case DataType::kInt64:
    case DataType::kTimestamp: {
      const std::span<const int64_t> v = c.int64_values();
      MixColumn(
          c, salt, [v](size_t r) { return static_cast<uint64_t>(v[r]); }, begin, end, h);
      return;
    }
    case DataType::kBool: {
      const std::span<const uint8_t> v = c.bool_values();
      MixColumn(
          c, salt, [v](size_t r) { return uint64_t{v[r]}; }, begin, end, h);
      return;
    }
    case DataType::kCategorical: {
      const std::span<const int32_t> v = c.codes();
      MixColumn(
          c, salt, [v](size_t r) { return static_cast<uint64_t>(static_cast<uint32_t>(v[r])); },
          begin, end, h);
      return;
    }
    case DataType::kString: {
      const std::vector<std::string>& v = c.strings();
      MixColumn(
          c, salt, [&v](size_t r) { return std::hash<std::string_view>{}(v[r]); }, begin, end, h);
      return;
    }
  }
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
      return order(std::bit_cast<uint64_t>(c.Float64At(a)),
                   std::bit_cast<uint64_t>(c.Float64At(b)));
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
  for (size_t begin = 0; begin < hashes.size(); begin += kBlockRows) {
    const size_t end = std::min(hashes.size(), begin + kBlockRows);
    uint64_t column_salt = 0;
    for (const Column& c : table.columns()) {
      // Salting by position keeps swapped cells of two columns from colliding.
      column_salt += kSplitMix64Gamma;
      MixCells(c, column_salt, begin, end, hashes.data());
    }
    for (size_t r = begin; r < end; ++r) hashes[r] = Mix64(hashes[r]);
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
