// Internal: seeded, stratified percentile bootstrap intervals.
#pragma once

#include <vector>

#include "airm/metrics.h"
#include "metric_kernels.h"

namespace airm::eval_internal {

// Adds a percentile bootstrap interval to every metric of *out whose point
// estimate in `points` (ComputePoints(view, {}, PointMode::kAll)) is defined
// and whose interval kind is kBootstrap, or a note saying why it has none.
// Each resample draws, within each true class (regression: all rows), as many
// positions as the class has, with replacement; resample b is seeded by
// (options.seed, b) alone, so the intervals do not depend on
// options.num_threads.
void AddBootstrapIntervals(const MetricView& view, const std::vector<PointValue>& points,
                           const MetricOptions& options, MetricMap* out);

}  // namespace airm::eval_internal
