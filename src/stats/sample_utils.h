// Internal helpers shared by the two-sample tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <span>
#include <vector>

namespace airm::stats::internal {

// A sorted private copy of `values`.
inline std::vector<double> SortedCopy(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

inline bool HasNan(std::span<const double> values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
}

}  // namespace airm::stats::internal
