// ScoreHistogram: what a binary classifier's scores contribute to an
// evaluation of data held in parts, in a form whose parts add up.
//
//   * log loss and Brier score: the per-row terms (sklearn's clipping for log
//     loss, ComputeMetrics's) summed. The sum of the parts' sums is the sum
//     over all rows, so the means equal ComputeMetrics's up to floating
//     rounding: the additions happen in another order, a relative difference
//     of at most about n * DBL_EPSILON for n rows (Higham 2002, 4.2).
//   * ROC AUC: the rows counted per class on kBins equal-width bins of the
//     score range [0, 1] (bin = floor(p * kBins), p = 1 in the last). Counts
//     add up exactly. The AUC of the bins orders every pair of a positive and
//     a negative in different bins exactly and counts each pair inside one bin
//     as a half, as a tie; the exact AUC gives those pairs 0, 1/2 or 1, so
//       |AUC_bins - AUC| <= (1/2) * sum_b P_b * N_b / (P * N),
//     a bound computed from the counts and returned with the value.
// Thread-safety: a plain value; const methods are safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

#include "airm/metric_value.h"

namespace airm {

struct ScoreHistogram {
  static constexpr size_t kBins = size_t{1} << 14;

  uint64_t rows = 0;
  double log_loss_sum = 0;
  double brier_sum = 0;
  // kBins counts each once a row is added; empty before.
  std::vector<uint64_t> positives;
  std::vector<uint64_t> negatives;

  // REQUIRES: 0 <= score <= 1 (BuildEvalData drops other rows).
  void Add(double score, bool positive);
  ScoreHistogram& operator+=(const ScoreHistogram& other);
};

struct BinnedAuc {
  double value = 0;
  double max_error = 0;  // the bound above
};

// nullopt without a positive and a negative.
std::optional<BinnedAuc> AucOfBins(const ScoreHistogram& scores);

// roc_auc (value, no interval, the note stating the bound), log_loss and
// brier (means of the sums, no interval: theirs are bootstrap intervals over
// rows). Undefined with ComputeMetrics's notes when there are no rows or one
// class.
MetricMap MetricsFromScores(const ScoreHistogram& scores);

}  // namespace airm
