// Tail behaviour: how the model does on unusual rows, and how bad its worst
// losses are.
//
// UnusualnessScores gives each EvalData row a score saying how unusual its
// feature values are against a reference table; AnalyzeTail compares the
// metrics on the most unusual share of rows with the rest and reports the
// CVaR of the per-row loss. docs/tail.md defines every component.
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

struct TailOptions {
  double share = 0.05;  // in (0, 1]: the tail is the ceil(share * n) most unusual rows
  uint64_t seed = 42;   // tie-breaking among equal unusualness, metric bootstraps
  int bootstrap = 200;  // resamples for the metric intervals
};

// One score per EvalData row (row i is data_table row data.source_rows[i]),
// U = sum over columns of a component in [0, 1] plus a multivariate component
// in [0, 1], so U is in [0, columns + 1] and higher is more unusual:
//   * text / bool column: -ln p_ref(v) / ln(n_ref + 1), p_ref(v) the
//     reference frequency of the value (missing counts as a value); an unseen
//     value scores 1;
//   * numeric column: 1 - exp(-d), d = distance beyond the reference
//     [p1, p99] in reference IQR units (0 inside); missing as for text;
//     +-Inf scores 1; a constant reference scores 1 for any other value;
//   * multivariate: a robust Mahalanobis distance D^2 of the numeric columns
//     (median/MAD z-scores winsorized at +-5, missing imputed at the median,
//     covariance of the reference z-scores with off-diagonals shrunk 10%),
//     scored like a numeric column: 1 - exp(-d), d = (D^2 - p99) / IQR of the
//     reference rows' own D^2 (0 below p99); only with >= 2 numeric columns
//     with a non-zero robust scale. The covariance uses at most 100,000
//     reference rows (every ceil(n/100000)-th row).
// reference null: the EvalData rows of data_table are the reference.
// Errors: InvalidArgument for a column missing from either table, a column
// that is numeric in one table and text in the other, no columns, or a
// source row outside data_table.
Result<std::vector<double>> UnusualnessScores(const Table& data_table, const EvalData& data,
                                              const Table* reference,
                                              const std::vector<std::string>& columns);

// Tail = the ceil(share * n) rows with the highest unusualness (ties broken by
// a seeded hash of the row index, so not by file order); tail_metrics and
// rest_metrics by ComputeMetrics on those rows / the others (rest empty ->
// rest_metrics empty plus a note). cvar_loss = mean of the ceil(share * n)
// largest losses; mean_loss = mean loss. available == false with a note when
// n == 0, the spans' sizes differ from data.size(), share is outside (0, 1]
// or a loss/unusualness value is NaN.
TailResult AnalyzeTail(const EvalData& data, std::span<const double> unusualness,
                       std::span<const double> loss, const std::string& loss_name,
                       const TailOptions& options);

// Mean of the ceil(share * n) largest values (CVaR / expected shortfall at
// level share, Rockafellar & Uryasev 2000, discrete form without the fractional
// atom). nullopt when values is empty, share is outside (0, 1] or a value is NaN.
std::optional<double> UpperTailMean(std::span<const double> values, double share);

}  // namespace airm
