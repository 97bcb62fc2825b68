#include "airm/stats/binning.h"

#include <algorithm>
#include <cmath>

#include "airm/stats/quantile.h"

namespace airm::stats {

Bins ReferenceQuantileBins(std::span<const double> ref_sorted, int n_bins) {
  Bins bins;
  if (ref_sorted.empty() || n_bins < 2) return bins;
  const double minimum = ref_sorted.front();
  const double maximum = ref_sorted.back();
  bins.edges.push_back(minimum);
  for (int j = 1; j < n_bins; ++j) {
    const double edge = QuantileLinear(ref_sorted, static_cast<double>(j) / n_bins);
    if (edge <= bins.edges.back() || edge >= maximum) continue;
    bins.edges.push_back(edge);
  }
  // The last edge sits just above the maximum, so [q, max] is closed on the
  // reference side and everything above the reference range has its own bin.
  bins.edges.push_back(std::nextafter(maximum, INFINITY));
  return bins;
}

std::vector<uint64_t> BinCounts(std::span<const double> values, const Bins& bins) {
  std::vector<uint64_t> counts(bins.edges.size() + 1, 0);
  for (double v : values) {
    if (std::isnan(v)) continue;
    // Bin index = number of edges <= v, so bins are [e_{i-1}, e_i).
    const auto index =
        std::upper_bound(bins.edges.begin(), bins.edges.end(), v) - bins.edges.begin();
    ++counts[static_cast<size_t>(index)];
  }
  return counts;
}

std::vector<uint64_t> BinCountsSorted(std::span<const double> sorted, const Bins& bins) {
  std::vector<uint64_t> counts(bins.edges.size() + 1, 0);
  // Bin i ends where the values >= edge i begin (bins are [e_{i-1}, e_i)).
  size_t begin = 0;
  for (size_t i = 0; i < bins.edges.size(); ++i) {
    const auto end =
        static_cast<size_t>(std::lower_bound(sorted.begin() + static_cast<std::ptrdiff_t>(begin),
                                             sorted.end(), bins.edges[i]) -
                            sorted.begin());
    counts[i] = end - begin;
    begin = end;
  }
  counts.back() = sorted.size() - begin;
  return counts;
}

}  // namespace airm::stats
