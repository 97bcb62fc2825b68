// Internal: judging a case's answers against the baseline answers.
//
// Point metrics come from airm's evaluation metrics (metrics.h), so a chaos
// report and `airm evaluate` agree on every number; intervals of the change
// come from the paired bootstrap (paired_bootstrap.h).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/chaos_result.h"
#include "airm/metric_value.h"
#include "model_input.h"
#include "paired_bootstrap.h"

namespace airm::chaos::internal {

struct Comparison {
  uint64_t rows_compared = 0;
  std::vector<MetricChange> metrics;
  std::optional<double> changed_share;
  std::optional<double> changed_share_affected;
  std::optional<double> max_abs_score_change;
  std::optional<double> mean_abs_score_change;
};

class BaselineComparison {
 public:
  // REQUIRES: baseline_scores.size() == input.rows(), every score finite.
  BaselineComparison(const ModelInput& input, std::vector<double> baseline_scores,
                     const ChaosOptions& options);

  // The baseline's own metrics with their intervals (Wilson / DeLong /
  // bootstrap, as airm evaluate reports them).
  MetricMap BaselineMetrics() const;

  // `scores`: one per input row, NaN where the case gave no answer for the
  // row (such rows are not compared). `affected`: one per input row, 1 when
  // the case perturbed it (may be empty: none).
  Comparison Compare(std::span<const double> scores, std::span<const uint8_t> affected) const;

  // Metric changes of a fallback's (or any) scores on the given rows.
  const std::vector<double>& baseline_scores() const { return baseline_; }

 private:
  bool Changed(double baseline, double score) const;

  const ModelInput& input_;
  std::vector<double> baseline_;
  ChaosOptions options_;
  double regression_scale_ = 1.0;  // baseline prediction standard deviation
  std::vector<MetricKind> kinds_;
  PairedBootstrap bootstrap_;  // over all rows
};

}  // namespace airm::chaos::internal
