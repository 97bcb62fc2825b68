// Automatic weak-slice discovery: where does the model fail most?
//
// FindWeakSlices searches conjunctions of up to L predicates over feature
// columns (a category value, a quantile bin of a numeric column, "is
// missing") for the slices whose error is concentrated, ranks them by the
// SliceLine score (Sagadeeva & Boehm, SIGMOD 2021), prunes with SliceLine's
// size/error upper bounds (exact top-K), then tests every examined slice
// one-sided against the rest of the rows and controls the false discovery
// rate with Benjamini-Hochberg across all of them. With confirm_holdout the
// search runs on one seeded half of the rows and each reported slice is
// re-tested on the other half. docs/slices.md gives the algorithm, the
// formulas, the tests and how this differs from Giskard, Deepchecks, SliceLine
// and SliceFinder.
//
// Deterministic: same inputs and options -> same output, bit for bit.
// Thread-safety: pure functions, safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

struct SliceSearchOptions {
  int max_predicates = 2;    // L; 0 = no limit (up to the number of columns)
  int top_k = 10;            // K
  uint64_t min_support = 0;  // 0: max(30, 1% of the rows searched)
  double alpha = 0.05;       // FDR level (BH q < alpha) and the holdout test level
  int numeric_bins = 4;      // quantile bins per numeric column (>= 2)
  // SliceLine's alpha: weight of the error term against the size penalty,
  // in (0, 1]. SystemDS's tests use 0.95; its DML default 0.5 demands
  // lift > n/|S| for a positive score (a 6% slice must have 16x the average
  // error), which hides every realistic weak slice. See docs/slices.md.
  double size_weight = 0.95;
  bool confirm_holdout = false;
  uint64_t seed = 42;              // the holdout split and metric bootstraps
  int max_columns = 50;            // more columns: the first max_columns are used (noted)
  int max_values_per_column = 32;  // most frequent values of a text column become predicates
  int metric_bootstrap = 200;      // resamples for the reported slices' metric intervals
};

// What the search did besides the slices: the size of the FDR family and the
// pruning counts, for the report.
struct SliceSearchReport {
  std::vector<SliceResult> slices;  // the top-K by score, best first
  // With confirm_holdout: the one-sided p-value of each slice on the holdout
  // half (parallel to `slices`; nullopt when undefined there).
  std::vector<std::optional<double>> holdout_p_values;
  uint64_t rows_searched = 0;           // all rows, or the search half
  uint64_t rows_holdout = 0;            // 0 without confirm_holdout
  uint64_t min_support = 0;             // sigma actually used
  uint64_t predicates = 0;              // level-1 predicates built
  uint64_t slices_evaluated = 0;        // exact statistics computed with support >= sigma
  uint64_t slices_pruned_by_bound = 0;  // candidates cut by the score/error upper bound
  uint64_t slices_tested = 0;           // the BH family size m (evaluated + pruned_by_bound)
  int levels = 0;                       // deepest lattice level reached
  std::string loss_kind;                // "zero_one" (errors all 0/1) or "continuous"
  std::vector<std::string> notes;       // truncations, "no errors: nothing to search", ...
};

// columns: the feature columns of `table` to slice on (the caller excludes the
// target, score, prediction, ids). errors: one non-negative finite value per
// EvalData row (0/1 misclassification or a per-row loss); data.source_rows maps
// EvalData rows to table rows. Errors: InvalidArgument for an unknown column,
// errors.size() != data.size(), a negative or non-finite error, a source row
// outside the table, or options out of range (naming the option).
Result<SliceSearchReport> SearchWeakSlices(const Table& table, const EvalData& data,
                                           std::span<const double> errors,
                                           const std::vector<std::string>& columns,
                                           const SliceSearchOptions& options);

// SearchWeakSlices(...).slices.
Result<std::vector<SliceResult>> FindWeakSlices(const Table& table, const EvalData& data,
                                                std::span<const double> errors,
                                                const std::vector<std::string>& columns,
                                                const SliceSearchOptions& options);

// The worst significant slice (highest error rate among slices with
// significant == true and, when a holdout was used, confirmed == true) and
// its metrics (computed by FindWeakSlices with ComputeMetrics on the slice's
// rows: the holdout rows when confirm_holdout, else all rows). An empty slice
// string with a note when none qualifies. `data` is used for the note only.
WorstCase WorstCaseFrom(const std::vector<SliceResult>& slices, const EvalData& data);

// "color == red & size == L", "income in [1, 5)", "city is missing".
std::string DescribeSlice(const std::vector<Predicate>& predicates);

}  // namespace airm
