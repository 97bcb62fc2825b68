// Exact numeric helpers shared by in-memory and sketch-based profiles:
// numpy-compatible quantiles and histograms, compensated sums, and the text
// form of numeric values. Internal to src/profile.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/profile.h"

namespace airm::profile_internal {

// Sorts NaN-free doubles ascending: LSD radix sort on order-preserving
// 64-bit keys (11-bit digits, constant digits skipped), about 5x faster than
// std::sort on a million values; small inputs use std::sort. -0.0 sorts just
// before 0.0 (they compare equal, so either order is sorted).
void SortDoubles(std::vector<double>* values);

// numpy.quantile(sorted, q) with method="linear" (numpy's default, Hyndman &
// Fan type 7), reproducing numpy 1.24's virtual index and _lerp arithmetic.
// REQUIRES: `sorted` ascending, non-empty, finite; 0 <= q <= 1.
double LinearQuantile(std::span<const double> sorted, double q);

// numpy.histogram's equal-width bins over [min, max] of the data: edges are
// numpy.linspace(min, max, bins + 1) (min - 0.5 .. max + 0.5 when min == max);
// a value falls in bin i when edges[i] <= v < edges[i + 1], the last bin
// closed on the right.
class HistogramBinner {
 public:
  // REQUIRES: bins >= 1, min <= max, both finite.
  HistogramBinner(double min, double max, int bins);
  size_t BinOf(double value) const;
  // Bin counts of ascending values by binary search on the edges (same
  // assignment as BinOf, O(bins log n)).
  std::vector<HistogramBin> CountSorted(std::span<const double> sorted) const;
  // Empty bins with their edges.
  std::vector<HistogramBin> MakeBins() const;

 private:
  std::vector<double> edges_;
};

// Neumaier's compensated sum, so means of a million values match numpy's
// pairwise summation to ~1e-15 relative.
class CompensatedSum {
 public:
  void Add(double x);
  double Total() const { return sum_ + compensation_; }

 private:
  double sum_ = 0.0;
  double compensation_ = 0.0;
};

// count, mean and M2 of finite values by the corrected two-pass algorithm
// (Chan, Golub & LeVeque 1983, eq. 1.7), more accurate than Welford.
void ExactMoments(std::span<const double> finite_sorted, double* mean, double* m2);

// A numeric value of a column of `type` as text, matching Column::TextAt:
// int64 as an integer, bool "true"/"false", timestamp (seconds) ISO 8601,
// float64 shortest round trip, "NaN", "Inf", "-Inf".
std::string FormatNumericValue(double value, DataType type);

}  // namespace airm::profile_internal
