// Internal: the level-1 predicates of the slice search and their row bitsets.
//
// Each sliced column yields a partition of the rows into predicates: one per
// frequent text value ("=="), one per distinct value of a numeric column with
// few distinct values ("=="), or one per quantile bin ("in" "[a, b)"), plus
// "is_missing" (null, or NaN for float columns). A row matches at most one
// predicate per column (none when its text value is not among the kept top
// values). Predicates are defined once on all EvalData rows (no labels are
// used, so the holdout split does not leak) and materialised as bitsets over
// any subset of rows.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm::slices_internal {

// Bits over positions 0..n-1 of a row subset; bit i of word i/64.
using Bitset = std::vector<uint64_t>;

// Per sliced column, the local predicate index (predicate id minus the
// column's first id) of each position, or kNoPredicate. One byte per row and
// column keeps 1M rows x 50 columns at 50 MB.
using ColumnCodes = std::vector<uint8_t>;
inline constexpr uint8_t kNoPredicate = 255;
inline constexpr int kMaxPredicatesPerColumn = 255;

inline size_t BitsetWords(size_t n) { return (n + 63) / 64; }

struct ColumnSlicer {
  enum class Kind { kText, kNumericValues, kNumericBins };
  size_t table_column = 0;
  Kind kind = Kind::kText;
  std::vector<int32_t> code_pred;                      // kText on a categorical column
  std::unordered_map<std::string, int32_t> text_pred;  // kText on string / bool columns
  std::vector<double> values;                          // kNumericValues, ascending
  std::vector<int32_t> value_pred;
  std::vector<double> edges;      // kNumericBins: inner edges, ascending
  std::vector<int32_t> bin_pred;  // edges.size() + 1 entries
  int32_t missing_pred = -1;
  int32_t first_predicate = 0;  // this column's predicates are ids
  int32_t num_predicates = 0;   // first_predicate .. first_predicate + num_predicates - 1

  // The predicate id of a table row, or -1.
  int32_t PredicateOf(const Column& column, size_t row) const;
};

struct PredicateIndex {
  std::vector<Predicate> predicates;
  std::vector<int32_t> predicate_column;  // index into `slicers` (distinct-column rule)
  std::vector<int32_t> column_first;      // slicers[c].first_predicate, as a span-able vector
  std::vector<ColumnSlicer> slicers;
  std::vector<std::string> notes;
};

// numeric columns with at most kMaxDistinctForEquality distinct finite values
// get equality predicates rather than bins.
inline constexpr size_t kMaxDistinctForEquality = 10;

// table_rows: the table row of every EvalData row. Text values occurring
// fewer than min_count times are dropped (they cannot reach the minimum
// support); of the rest the max_values most frequent are kept.
// REQUIRES: max_values < kMaxPredicatesPerColumn, numeric_bins <
// kMaxPredicatesPerColumn (one code is left for "missing").
Result<PredicateIndex> BuildPredicateIndex(const Table& table, std::span<const uint32_t> table_rows,
                                           const std::vector<std::string>& columns,
                                           int numeric_bins, int max_values, uint64_t min_count);

// The codes of every sliced column over positions of `table_rows`.
std::vector<ColumnCodes> BuildCodes(const Table& table, const PredicateIndex& index,
                                    std::span<const uint32_t> table_rows);

// One bitset per predicate from column codes.
std::vector<Bitset> BitsetsFromCodes(const std::vector<ColumnCodes>& codes,
                                     std::span<const int32_t> column_first, size_t num_predicates);

// Shortest round-trip text of a double ("0.1", "1e+20", "inf").
std::string FormatNumber(double v);

}  // namespace airm::slices_internal
