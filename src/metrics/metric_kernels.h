// Internal: the metric kernels shared by point estimates and the bootstrap.
//
// A MetricView is a compact copy of the rows being evaluated, laid out so each
// kernel walks it sequentially: binary rows sorted by score, regression rows
// by absolute error, multiclass rows with one precomputed order per class.
// Binary views come from the EvalData's score index when it has one
// (score_index.h): a subset is copied from it in O(n), all rows not at all.
// Kernels take optional per-position integer weights: a bootstrap resample is
// a vector of multiplicities over the view (drawn once, O(n)), so resampled
// metrics never re-sort. With no weights every position counts once.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/eval_data.h"

namespace airm::eval_internal {

enum class IntervalKind { kNone, kWilson, kDeLong, kBootstrap };

struct PointValue {
  const char* name = "";
  std::optional<double> value;
  std::string note;  // why undefined, or a caveat
  IntervalKind interval = IntervalKind::kNone;
  // Wilson intervals: the metric as successes / trials (unweighted views only).
  uint64_t successes = 0;
  uint64_t trials = 0;
};

struct MetricView {
  MetricView() = default;
  MetricView(MetricView&&) = default;
  MetricView& operator=(MetricView&&) = default;
  // The spans below may point into `storage`; a copy would dangle.
  MetricView(const MetricView&) = delete;
  MetricView& operator=(const MetricView&) = delete;

  TaskType task = TaskType::kBinary;
  size_t num_classes = 0;
  std::vector<std::string> class_names;
  size_t size = 0;
  // Classification, per position: into `storage`, or, for a binary view of
  // all rows, straight into the EvalData's score index (no copy).
  std::span<const int32_t> y;
  std::span<const int32_t> pred;
  std::span<const double> score;     // binary: ascending
  std::span<const double> log_loss;  // per position, when scores exist
  std::span<const double> brier;     // per position, when scores exist
  struct Storage {
    std::vector<int32_t> y, pred;
    std::vector<double> score, log_loss, brier;
  } storage;
  // Multiclass, per class c, positions sorted by proba[c] ascending with the
  // sorted probabilities and "true class is c" flags copied alongside, so the
  // one-vs-rest AUC walk reads only the weights out of order.
  std::vector<std::vector<uint32_t>> by_proba;
  std::vector<std::vector<double>> proba_sorted;
  std::vector<std::vector<uint8_t>> is_class_sorted;
  // Regression (positions sorted by abs_error ascending).
  std::vector<double> y_value;
  std::vector<double> y_hat;
  std::vector<double> abs_error;
  // Bootstrap strata: positions by true class (regression: one stratum).
  std::vector<std::vector<uint32_t>> strata;
};

// rows empty = all rows of data. REQUIRES: every index < data.size(). The
// view may point into data's score index: it must not outlive `data`.
MetricView BuildView(const EvalData& data, std::span<const uint32_t> rows);

enum class PointMode {
  kAll,        // every metric of the task
  kBootstrap,  // skip metrics whose interval is not a bootstrap (binary AUC)
};

// The task's metrics, always in the same order for a given view. weights:
// empty, or one multiplicity per view position.
std::vector<PointValue> ComputePoints(const MetricView& view, std::span<const uint32_t> weights,
                                      PointMode mode);

// The metrics of binary confusion counts (possibly weighted), the first ones
// of a binary view's ComputePoints in the same order: accuracy,
// balanced_accuracy, precision, recall, specificity, f1, fpr, fnr,
// selection_rate, error_rate.
std::vector<PointValue> ConfusionPoints(double tp, double fp, double tn, double fn);

// Per-row losses with sklearn 1.2.1's clipping (eps = DBL_EPSILON, then the
// probability vector renormalised).
double BinaryLogLoss(double p, bool positive);
double MulticlassLogLoss(const std::vector<std::vector<double>>& proba, size_t row, size_t y);

}  // namespace airm::eval_internal
