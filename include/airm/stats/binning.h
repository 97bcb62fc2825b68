// Bins shared by the reference and the current sample of a numeric column.
//
// The bins are fitted on the reference only so that a drifted current batch
// is measured on the reference's scale. With edges
// e_0 < e_1 < ... < e_{k-1} there are k + 1 bins:
//   bin 0 = (-inf, e_0),  bin i = [e_{i-1}, e_i),  bin k = [e_{k-1}, +inf).
// Values below the reference's range land in bin 0 and values above it in bin
// k, so no current value is ever dropped.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace airm::stats {

struct Bins {
  std::vector<double> edges;  // cut points, strictly increasing
};

// Edges: the reference minimum, then the reference quantiles j / n_bins,
// j = 1 .. n_bins - 1 (QuantileLinear, numpy's default) that lie strictly
// between the minimum and the maximum, deduplicated, then nextafter(maximum).
// So bin 0 holds values below the reference range, the last bin values above
// it (the "out-of-range bins"), and the bins between partition
// [min, max] at the reference quantiles. Ties collapse bins: a constant
// reference gets three bins (below, equal, above), so a current batch with
// another constant still shows as a full shift. Out-of-range bins hold no
// reference value, so PSI and KL there depend on their smoothing floor
// (docs/statistics.md). REQUIRES: ref_sorted sorted ascending, NaN-free.
// Empty ref_sorted or n_bins < 2 give no edges (one bin holding everything).
Bins ReferenceQuantileBins(std::span<const double> ref_sorted, int n_bins);

// Counts of `values` (any order) per bin: edges.size() + 1 entries. NaN
// values are not counted in any bin.
std::vector<uint64_t> BinCounts(std::span<const double> values, const Bins& bins);

// The same counts for `sorted` ascending and NaN-free (REQUIRES), in
// O(bins log n): one binary search per edge instead of one per value.
std::vector<uint64_t> BinCountsSorted(std::span<const double> sorted, const Bins& bins);

}  // namespace airm::stats
