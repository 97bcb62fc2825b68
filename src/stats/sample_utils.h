// Internal helpers shared by the two-sample tests.
#pragma once

#include <algorithm>
#include <cmath>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/stats/sort.h"
#include "airm/stats/test_outcome.h"

namespace airm::stats::internal {

// A sorted private copy of `values`.
inline std::vector<double> SortedCopy(std::span<const double> values) {
  std::vector<double> sorted(values.begin(), values.end());
  SortSample(sorted);
  return sorted;
}

inline bool HasNan(std::span<const double> values) {
  return std::any_of(values.begin(), values.end(), [](double v) { return std::isnan(v); });
}

// The unsorted entry point of a test: `sorted_test` on sorted copies, or
// `nan_note` when a value is NaN. A sample too small for the test
// (`too_small`) reports that first, as it did before the values were read.
template <typename SortedTest>
TestOutcome OnSortedCopies(std::span<const double> ref, std::span<const double> cur, bool too_small,
                           const char* nan_note, SortedTest sorted_test) {
  if (!too_small && (HasNan(ref) || HasNan(cur))) {
    return {std::nullopt, std::nullopt, nan_note};
  }
  return sorted_test(SortedCopy(ref), SortedCopy(cur));
}

}  // namespace airm::stats::internal
