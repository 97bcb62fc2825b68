// Internal: quantiles without a full sort.
//
// stats::QuantileLinear reads two order statistics of a sorted sample.
// SelectForQuantiles places exactly those (for every requested level) where a
// full ascending sort would put them, by nested std::nth_element calls:
// O(n log k) for k levels instead of O(n log n), and QuantileLinear then
// returns the same bits as after std::sort. Only the selected positions are
// meaningful afterwards.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <span>
#include <vector>

namespace airm::slices_internal {

namespace order_statistics_detail {

inline void Select(std::span<double> values, size_t first, size_t last, const size_t* k_begin,
                   const size_t* k_end) {
  while (k_begin != k_end && first < last) {
    const size_t* mid = k_begin + (k_end - k_begin) / 2;
    const auto base = values.begin();
    std::nth_element(base + static_cast<std::ptrdiff_t>(first),
                     base + static_cast<std::ptrdiff_t>(*mid),
                     base + static_cast<std::ptrdiff_t>(last));
    Select(values, first, *mid, k_begin, mid);
    first = *mid + 1;
    k_begin = mid + 1;
  }
}

}  // namespace order_statistics_detail

// REQUIRES: values NaN-free. Levels are clamped to [0, 1] as QuantileLinear
// clamps them; level 0 selects the minimum, 1 the maximum.
inline void SelectForQuantiles(std::span<double> values, std::span<const double> levels) {
  if (values.empty()) return;
  const double last = static_cast<double>(values.size() - 1);
  std::vector<size_t> ranks;
  for (double q : levels) {
    // The virtual index of QuantileLinear and its two neighbours.
    const double previous = std::floor(last * std::clamp(q, 0.0, 1.0));
    ranks.push_back(static_cast<size_t>(std::clamp(previous, 0.0, last)));
    ranks.push_back(static_cast<size_t>(std::clamp(previous + 1, 0.0, last)));
  }
  std::sort(ranks.begin(), ranks.end());
  ranks.erase(std::unique(ranks.begin(), ranks.end()), ranks.end());
  order_statistics_detail::Select(values, 0, values.size(), ranks.data(),
                                  ranks.data() + ranks.size());
}

}  // namespace airm::slices_internal
