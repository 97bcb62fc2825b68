// Distances between empirical CDFs, matching scipy 1.10.1's
// wasserstein_distance and energy_distance (both via _cdf_distance):
//   l_p(F, G) = ( integral |F(x) - G(x)|^p dx )^(1/p),
// evaluated exactly as a sum over the gaps between consecutive pooled
// values, where both ECDFs are constant.
//   Wasserstein-1 = l_1 (Vallender 1974); energy = sqrt(2) l_2
//   (Szekely & Rizzo 2013, the one-dimensional identity).
#include <cmath>
#include <vector>

#include "airm/stats/two_sample_tests.h"
#include "sample_utils.h"

namespace airm::stats {
namespace {

// Integral of |F - G|^power (power 1 or 2) over the real line.
double CdfGapIntegral(std::span<const double> a, std::span<const double> b, int power) {
  const double na = static_cast<double>(a.size()), nb = static_cast<double>(b.size());
  size_t i = 0, j = 0;
  double total = 0;
  double previous = 0;
  bool first = true;
  while (i < a.size() || j < b.size()) {
    const double v = (j >= b.size() || (i < a.size() && a[i] <= b[j])) ? a[i] : b[j];
    if (!first) {
      // On [previous, v) the ECDFs are i/na and j/nb.
      const double gap = std::abs(static_cast<double>(i) / na - static_cast<double>(j) / nb);
      total += (power == 1 ? gap : gap * gap) * (v - previous);
    }
    while (i < a.size() && a[i] == v) ++i;
    while (j < b.size() && b[j] == v) ++j;
    previous = v;
    first = false;
  }
  return total;
}

}  // namespace

TestOutcome EnergyDistance(std::span<const double> ref, std::span<const double> cur) {
  return internal::OnSortedCopies(
      ref, cur, ref.empty() || cur.empty(), "energy distance undefined: input contains NaN",
      [](const auto& a, const auto& b) { return EnergyDistanceSorted(a, b); });
}

TestOutcome EnergyDistanceSorted(std::span<const double> ref, std::span<const double> cur) {
  if (ref.empty() || cur.empty()) {
    return {std::nullopt, std::nullopt, "energy distance undefined: a sample is empty"};
  }
  const double integral = CdfGapIntegral(ref, cur, 2);
  if (!std::isfinite(integral)) {
    return {std::nullopt, std::nullopt, "energy distance undefined: infinite values"};
  }
  return {std::sqrt(2.0) * std::sqrt(integral), std::nullopt, ""};
}

TestOutcome Wasserstein1(std::span<const double> ref, std::span<const double> cur) {
  return internal::OnSortedCopies(
      ref, cur, ref.empty() || cur.empty(), "Wasserstein distance undefined: input contains NaN",
      [](const auto& a, const auto& b) { return Wasserstein1Sorted(a, b); });
}

TestOutcome Wasserstein1Sorted(std::span<const double> ref, std::span<const double> cur) {
  if (ref.empty() || cur.empty()) {
    return {std::nullopt, std::nullopt, "Wasserstein distance undefined: a sample is empty"};
  }
  const double integral = CdfGapIntegral(ref, cur, 1);
  if (!std::isfinite(integral)) {
    return {std::nullopt, std::nullopt, "Wasserstein distance undefined: infinite values"};
  }
  return {integral, std::nullopt, ""};
}

}  // namespace airm::stats
