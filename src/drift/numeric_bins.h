// The bounds and labels of a numeric column's shared bins, one copy for the
// exact comparison (column_comparison.cc) and the one from sketches.
#pragma once

#include <vector>

#include "airm/drift_result.h"

namespace airm::drift {

// Sets d->lower, d->upper and d->labels for the bins of stats::Bins edges
// e_0 < ... < e_{k-1}: "< e_0", "[e_{i-1}, e_i)", ">= e_{k-1}" (k + 1 bins;
// "all values" when there are no edges).
void SetNumericBinLabels(const std::vector<double>& edges, BinnedDistribution* d);

}  // namespace airm::drift
