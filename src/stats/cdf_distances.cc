// Distances between empirical CDFs, matching scipy 1.10.1's
// wasserstein_distance and energy_distance (both via _cdf_distance):
//   l_p(F, G) = ( integral |F(x) - G(x)|^p dx )^(1/p),
// evaluated exactly as a sum over the gaps between consecutive pooled
// values, where both ECDFs are constant.
//   Wasserstein-1 = l_1 (Vallender 1974); energy = sqrt(2) l_2
//   (Szekely & Rizzo 2013, the one-dimensional identity).
#include <cmath>
#include <vector>

#include "airm/stats/ecdf_comparison.h"
#include "airm/stats/two_sample_tests.h"
#include "sample_utils.h"

namespace airm::stats {

TestOutcome EnergyDistance(std::span<const double> ref, std::span<const double> cur) {
  return internal::OnSortedCopies(
      ref, cur, ref.empty() || cur.empty(), "energy distance undefined: input contains NaN",
      [](const auto& a, const auto& b) { return EnergyDistanceSorted(a, b); });
}

TestOutcome EnergyDistanceSorted(std::span<const double> ref, std::span<const double> cur) {
  return EnergyDistanceOfEcdfs(CompareEcdfs(ref, cur));
}

TestOutcome EnergyDistanceOfEcdfs(const EcdfComparison& ecdfs) {
  if (ecdfs.n_ref == 0 || ecdfs.n_cur == 0) {
    return {std::nullopt, std::nullopt, "energy distance undefined: a sample is empty"};
  }
  const double integral = ecdfs.l2;
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
  return Wasserstein1OfEcdfs(CompareEcdfs(ref, cur));
}

TestOutcome Wasserstein1OfEcdfs(const EcdfComparison& ecdfs) {
  if (ecdfs.n_ref == 0 || ecdfs.n_cur == 0) {
    return {std::nullopt, std::nullopt, "Wasserstein distance undefined: a sample is empty"};
  }
  const double integral = ecdfs.l1;
  if (!std::isfinite(integral)) {
    return {std::nullopt, std::nullopt, "Wasserstein distance undefined: infinite values"};
  }
  return {integral, std::nullopt, ""};
}

}  // namespace airm::stats
