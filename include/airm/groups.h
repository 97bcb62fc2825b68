// Row groups, per-segment metrics and fairness (error distribution across groups).
//
// GroupRows splits the rows of an EvalData (eval_data.h) by the values of one
// column of the Table it came from; Intersect crosses two such splits.
// AnalyzeSegments and AnalyzeFairness build on them to fill the `segments`
// and `fairness` parts of an EvalResult (eval_result.h). Definitions, the
// undefined cases and how to read the results: docs/fairness.md.
// Thread-safety: all functions are pure; safe to call concurrently.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/eval_data.h"
#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

// The label of the group of rows whose attribute value is missing (null, or
// NaN in a float column).
inline constexpr const char* kMissingGroupLabel = "(missing)";

struct RowGroup {
  std::string label;           // "married", "[1.5, 3)", "(missing)", or "x & y"
  std::vector<uint32_t> rows;  // indices into EvalData, ascending
};

// Splits the rows of `data` by the column `column` of `table` (data row i is
// table row data.source_rows[i]):
//   * text, bool, and int64 columns with at most 10 distinct values among
//     the data rows: one group per value, labelled by Column::TextAt, ordered
//     by value (numerically for ints);
//   * other numeric columns (float64, many-valued int64, timestamps as
//     seconds): quantile bins with stats::ReferenceQuantileBins (numpy's
//     linear quantiles j / bins) of `bin_reference` when given -- the
//     reference data's column, so segments keep their meaning across batches
//     -- else of the data rows' own values. Labels "< min", "[a, b)",
//     "[a, max]", "> max" (edges printed with 6 significant digits);
//     `bins` < 2 gives one group "all values";
//   * null values (and NaN) form the group "(missing)", listed last.
// Only non-empty groups are returned. Errors (InvalidArgument): an unknown
// column; a source row outside the table; a `bin_reference` that is not
// numeric while `column` is binned.
Result<std::vector<RowGroup>> GroupRows(const Table& table, const EvalData& data,
                                        const std::string& column, int bins,
                                        const Column* bin_reference);

// Every pair (x from a, y from b) in that order, labelled "x & y", with the
// rows in both. Empty intersections are kept with no rows, so a caller can
// report that a combination never occurs. REQUIRES: rows ascending in each.
std::vector<RowGroup> Intersect(const std::vector<RowGroup>& a, const std::vector<RowGroup>& b);

// One segment: the column it splits ("A", or "A & B" for a pair) and its rows.
struct SegmentGroup {
  std::string column;
  RowGroup group;
};

// The segments of config.segment_columns, as AnalyzeSegments evaluates them
// (and monitoring's per-segment estimates group their rows): every column's
// groups (GroupRows; a numeric column binned on `reference`'s column of the
// same name when `reference` is non-null and has it as a numeric column, else
// on the data, config.segment_bins bins) in column order, then every pair of
// columns (Intersect; empty pairs kept). Errors (InvalidArgument): an unknown
// column, as "COLUMN: what is wrong" for the caller to place.
Result<std::vector<SegmentGroup>> SegmentGroups(const Table& table, const EvalData& data,
                                                const EvalConfig& config, const Table* reference);

// Per-segment metrics for every config.segment_columns entry and every pair
// of them (column "A & B", value "x & y"). Numeric columns are binned on
// `reference`'s column of the same name when `reference` is non-null and has
// it as a numeric column, else on the data (config.segment_bins bins).
// A segment with rows >= config.min_group_rows is `sufficient` and gets
// ComputeMetrics with intervals (config.bootstrap, config.seed). A smaller
// non-empty segment is not sufficient and gets point estimates only
// (ComputePointMetrics, no intervals) so a reader still sees the numbers but
// no verdict rests on them. An empty intersection gets rows = 0 and no
// metrics. Errors (InvalidArgument, naming --segment): an unknown column.
Result<std::vector<SegmentResult>> AnalyzeSegments(const Table& table, const EvalData& data,
                                                   const EvalConfig& config,
                                                   const Table* reference);

// Error distribution for every config.sensitive_columns entry and every pair
// of them. Numeric attributes are binned on the data (config.segment_bins).
// Binary tasks: per group selection_rate, tpr, fpr, fnr, precision and
// error_rate with Wilson intervals; a rate whose denominator is zero (no
// actual positives for tpr/fnr, no actual negatives for fpr, no predicted
// positives for precision) is undefined with a note, never 0. Disparities
// between the groups with rows >= max(1, min_group_rows):
//   demographic_parity_difference = max SR - min SR
//   demographic_parity_ratio = disparate_impact = min SR / max SR
//   equal_opportunity_difference = max TPR - min TPR (groups with positives)
//   equalized_odds_difference = max(TPR gap, FPR gap)
//   error_rate_difference = max error rate - min error rate
// each undefined with a note when fewer than two groups qualify; notes name
// the groups left out. four_fifths_rule_passed = disparate_impact >= 0.8.
// Multiclass: error_rate per group, error_rate_difference and the tests; the
// positive-class disparities are undefined with a note. Regression: per-group
// point metrics (mae, rmse, ...), everything else undefined with a note.
// errors_independent_chi2 / _g: Pearson chi-square and G-test (no continuity
// correction) on the qualifying groups x {correct, incorrect}; the verdict
// says "systematic" when the chi-square p-value is below config.alpha.
// Errors (InvalidArgument, naming --sensitive): an unknown column.
Result<std::vector<FairnessResult>> AnalyzeFairness(const Table& table, const EvalData& data,
                                                    const EvalConfig& config);

}  // namespace airm
