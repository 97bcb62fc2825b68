// Internal: SliceLine's exact top-K lattice enumeration on predicate bitsets.
//
// Works on positions 0..n-1 of one row set (all rows, or the search half):
// errors[i] is the error of position i, codes[c][i] its predicate in column c.
// Level 1 and level 2 are counted with one pass over the rows per column
// (pair): a contingency table of (size, error sum, sum of squares, max) per
// value pair, built the first time a candidate of that column pair survives
// pruning. Deeper levels AND per-predicate bitsets. Knows nothing of tables
// or models, so tests can drive it directly.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "predicate_index.h"

namespace airm::slices_internal {

struct SliceStats {
  uint64_t size = 0;
  double error_sum = 0;
  double error_sumsq = 0;
  double error_max = 0;
};

// The predicates of one row set: column codes plus the id layout.
struct SliceSpace {
  const std::vector<ColumnCodes>* codes = nullptr;
  std::span<const int32_t> predicate_column;  // slices never hold two predicates of one column
  std::span<const int32_t> column_first;      // first predicate id of each column
  size_t num_predicates() const { return predicate_column.size(); }
  size_t num_rows() const { return codes->empty() ? 0 : (*codes)[0].size(); }
};

struct LatticeInput {
  std::span<const double> errors;
  SliceSpace space;
  uint64_t min_support = 1;   // sigma >= 1
  double size_weight = 0.95;  // SliceLine alpha
  int max_level = 2;          // >= 1
  int top_k = 10;             // >= 1
};

struct EvaluatedSlice {
  std::vector<int32_t> predicates;  // ascending predicate ids
  SliceStats stats;
  double score = 0;
};

struct LatticeOutput {
  bool binary_errors = false;            // every error is 0 or 1
  SliceStats total;                      // all positions
  std::vector<EvaluatedSlice> examined;  // every slice evaluated with size >= sigma
  std::vector<size_t> top;               // indices into examined, best first (score > 0 only)
  uint64_t pruned_by_bound = 0;          // candidates cut by the score / error upper bound
  int levels = 0;                        // deepest level that evaluated a slice
};

// SliceLine score sc = a (mean_S / mean - 1) - (1 - a) (n / |S| - 1).
double SliceScore(double slice_error_sum, double slice_size, double total_error_sum, double n,
                  double size_weight);

// SliceLine's upper bound on the score of any slice below parents whose
// minimum size, error sum and max error are ss, se, sm (Sagadeeva & Boehm
// 2021, sec. 3.3): the score is maximised over s in {sigma, se/sm, ss}
// clamped to [sigma, ss] with error min(s sm, se). Uses the row count n in
// the size term (SystemDS passes the one-hot column count there).
double SliceScoreUpperBound(double ss, double se, double sm, double sigma, double total_error_sum,
                            double n, double size_weight);

// Statistics of the intersection of the given predicates.
SliceStats EvaluateSlice(std::span<const int32_t> predicates, const std::vector<Bitset>& bitsets,
                         std::span<const double> errors, bool binary_errors,
                         const Bitset* error_bits);

// Statistics of a slice by a pass over the codes (any number of predicates).
SliceStats SliceStatsFromCodes(std::span<const int32_t> predicates, const SliceSpace& space,
                               std::span<const double> errors);

// Positions of the rows in the slice, ascending.
std::vector<uint32_t> SlicePositions(std::span<const int32_t> predicates, const SliceSpace& space);

LatticeOutput RunLattice(const LatticeInput& input);

}  // namespace airm::slices_internal
