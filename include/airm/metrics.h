// Headline evaluation metrics with confidence intervals.
//
// ComputeMetrics turns an EvalData (eval_data.h) into a MetricMap
// (metric_value.h): every metric of the task with a point estimate, its
// interval and the interval's method, or nullopt plus a note saying why the
// metric is undefined on these rows (a zero denominator is "undefined", never
// 0). docs/metrics.md gives each formula, its undefined cases, its interval
// method and its scikit-learn equivalent.
//
// Interval methods:
//   * proportions (accuracy, precision, recall, specificity, fpr, fnr,
//     selection_rate, error_rate): Wilson score interval on the metric's own
//     denominator;
//   * roc_auc (binary): DeLong et al. (1988), fast algorithm of Sun & Xu (2014);
//   * everything else (balanced accuracy, f1, AP, log loss, Brier, multiclass
//     macro/weighted metrics and AUC, regression metrics): seeded bootstrap,
//     stratified by true class for classification, percentile interval.
// Thread-safety: all functions are pure; safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/metric_value.h"

namespace airm {

struct MetricOptions {
  int bootstrap = 200;       // resamples for bootstrap intervals; 0 disables them
  uint64_t seed = 42;        // same seed + same data -> same intervals
  double confidence = 0.95;  // in (0, 1); otherwise no intervals, and a note says why
  // Threads for the bootstrap resamples (0 = one per hardware thread). The
  // intervals are the same for every value: resample b is seeded by (seed, b).
  int num_threads = 0;
};

// All rows when `rows` is empty, else only those indices into EvalData
// (REQUIRES: each < data.size(); repeats are allowed and counted).
MetricMap ComputeMetrics(const EvalData& data, std::span<const uint32_t> rows,
                         const MetricOptions& options);

// Cheap point estimates only (no intervals, ci_* nullopt, ci_method "") —
// used by slice search and bootstrap inner loops. O(n log n) (the sort for
// ROC AUC / average precision), or O(n) for binary data whose
// EvalData::score_index is built (BuildEvalData builds it).
MetricMap ComputePointMetrics(const EvalData& data, std::span<const uint32_t> rows);

// Per-row loss, one entry per EvalData row, such that its mean is the
// matching metric:
//   * binary with a score: log loss, the probability clipped to [eps, 1-eps]
//     with eps = DBL_EPSILON (sklearn 1.2.1 log_loss, eps="auto");
//   * multiclass with probabilities: log loss of the true class, the row
//     clipped and then renormalised to sum 1 as sklearn does;
//   * classification without scores: 0/1 error;
//   * regression: squared error.
// *loss_name (when non-null) receives "log_loss", "zero_one" or "squared_error".
std::vector<double> PerRowLoss(const EvalData& data, std::string* loss_name);

// Classification: 1 where y_pred != y_true, one entry per EvalData row.
// Regression: empty — "error" has no threshold-free meaning for a real value;
// callers use PerRowLoss instead.
std::vector<uint8_t> PerRowError(const EvalData& data);

// Binary with a score: the scores of `rows` (all rows when empty; repeats
// counted) in ascending order, in O(n) from EvalData::score_index when it is
// present and `rows` ascending, else by a sort. Empty without scores.
std::vector<double> SortedScores(const EvalData& data, std::span<const uint32_t> rows);

struct Interval {
  double low;
  double high;
};

// Wilson score interval for successes/n (Wilson 1927), clamped to [0, 1].
// REQUIRES: n > 0, successes <= n, 0 < confidence < 1.
Interval WilsonInterval(uint64_t successes, uint64_t n, double confidence);

// ROC AUC (mid-ranks for ties) with its DeLong et al. (1988) variance computed
// by the O(n log n) algorithm of Sun & Xu (2014); the interval is
// auc ± z * sqrt(variance), clamped to [0, 1]. labels: 1 = positive.
// *auc and *variance are written when non-null and the result is engaged.
// nullopt when either class has fewer than two rows (the DeLong variance
// needs a sample variance within each class); the point AUC is still written
// to *auc when both classes are present.
std::optional<Interval> DeLongInterval(std::span<const double> scores,
                                       std::span<const uint8_t> labels, double confidence,
                                       double* auc, double* variance);

}  // namespace airm
