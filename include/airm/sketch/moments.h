// Moments: exactly mergeable count, mean, M2, min and max of a stream of doubles.
//
// Updates use Welford (1962); Merge uses Chan, Golub & LeVeque (1979):
//   n = na + nb, delta = mean_b - mean_a,
//   mean = mean_a + delta * nb / n, M2 = M2a + M2b + delta^2 * na * nb / n.
// Merging is exact up to floating rounding. The caller decides what enters
// (a Profile adds finite values only).
#pragma once

#include <cstdint>
#include <optional>

namespace airm::sketch {

struct Moments {
  uint64_t count = 0;
  double mean = 0.0;
  double m2 = 0.0;   // sum of squared deviations from the mean
  double min = 0.0;  // meaningful when count > 0
  double max = 0.0;

  void Add(double value);
  void Merge(const Moments& other);

  std::optional<double> Mean() const;
  // Sample variance (ddof = 1); nullopt when count < 2.
  std::optional<double> SampleVariance() const;
  std::optional<double> SampleStddev() const;
};

}  // namespace airm::sketch
