// Binary confusion counts: the part of an evaluation that merges exactly.
//
// Counts of disjoint parts of the data (partitions on a cluster, batches of a
// stream) add up to the counts of the whole, so the metrics that are
// functions of them — accuracy, balanced accuracy, precision, recall,
// specificity, F1, FPR, FNR, selection rate, error rate — come out exactly as
// ComputeMetrics gives them on all the rows, and so do their Wilson
// intervals. Metrics that need the rows (ROC AUC, average precision, log
// loss, Brier) and bootstrap intervals do not merge this way.
// Thread-safety: plain values and pure functions.
#pragma once

#include <cstdint>
#include <optional>

#include "airm/metric_value.h"

namespace airm {

struct ConfusionCounts {
  uint64_t tp = 0, fp = 0, tn = 0, fn = 0;

  uint64_t rows() const { return tp + fp + tn + fn; }
  ConfusionCounts& operator+=(const ConfusionCounts& other) {
    tp += other.tp;
    fp += other.fp;
    tn += other.tn;
    fn += other.fn;
    return *this;
  }
};

// The metrics of `counts`, with ComputeMetrics's values and undefined notes.
// With `confidence` (in (0, 1)) the proportions get ComputeMetrics's Wilson
// intervals; balanced_accuracy and f1, whose intervals are bootstrap
// intervals over rows, get none and a note saying so. Without it, point
// estimates only (as ComputePointMetrics).
MetricMap MetricsFromCounts(const ConfusionCounts& counts, std::optional<double> confidence);

}  // namespace airm
