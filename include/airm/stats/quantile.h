// Sample quantiles.
#pragma once

#include <span>

namespace airm::stats {

// The q-quantile of a sorted sample by linear interpolation between order
// statistics at virtual index q * (n - 1): numpy.quantile's default
// ('linear', Hyndman & Fan type 7), bit for bit including numpy's lerp.
// q outside [0, 1] is clamped. REQUIRES: `sorted` non-empty, ascending,
// NaN-free (an empty span returns NaN).
double QuantileLinear(std::span<const double> sorted, double q);

}  // namespace airm::stats
