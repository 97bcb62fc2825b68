// Two-sample Kolmogorov-Smirnov test, matching scipy 1.10.1's
// ks_2samp(alternative='two-sided', method='auto') step for step:
//  1. D = max(max_v (F1(v) - F2(v)), clip(-min_v (F1(v) - F2(v)), 0, 1)) over
//     all pooled values v, with F the right-continuous ECDFs (ties handled).
//  2. If max(n1, n2) <= 10000: h = round(D lcm(n1, n2)), D := h / lcm, and p is
//     the exact lattice-path probability (Hodges 1958); if that is not in
//     [0, 1] (rounding), fall through to 3 with the rounded D.
//  3. Otherwise p = kstwo.sf(D, round(n1 n2 / (n1 + n2))), the one-sample
//     Kolmogorov distribution at the effective sample size.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "airm/stats/ecdf_comparison.h"
#include "airm/stats/two_sample_tests.h"
#include "kolmogorov_distribution.h"
#include "sample_utils.h"

namespace airm::stats {

namespace {
constexpr size_t kMaxExactN = 10000;  // scipy's MAX_AUTO_N
}  // namespace

TestOutcome KolmogorovSmirnov(std::span<const double> ref, std::span<const double> cur) {
  return internal::OnSortedCopies(
      ref, cur, ref.empty() || cur.empty(), "KS undefined: input contains NaN",
      [](const auto& a, const auto& b) { return KolmogorovSmirnovSorted(a, b); });
}

TestOutcome KolmogorovSmirnovSorted(std::span<const double> a, std::span<const double> b) {
  return KolmogorovSmirnovOfEcdfs(CompareEcdfs(a, b));
}

TestOutcome KolmogorovSmirnovOfEcdfs(const EcdfComparison& ecdfs) {
  if (ecdfs.n_ref == 0 || ecdfs.n_cur == 0) {
    return {std::nullopt, std::nullopt, "KS undefined: a sample is empty"};
  }
  const size_t n1 = ecdfs.n_ref, n2 = ecdfs.n_cur;
  const double max_diff = ecdfs.max_diff, min_diff = ecdfs.min_diff;
  const double min_s = std::clamp(-min_diff, 0.0, 1.0);
  double d = min_s > max_diff ? min_s : max_diff;

  if (std::max(n1, n2) <= kMaxExactN) {
    const int64_t g = std::gcd(static_cast<int64_t>(n1), static_cast<int64_t>(n2));
    const int64_t lcm = static_cast<int64_t>(n1) / g * static_cast<int64_t>(n2);
    const auto h = static_cast<int64_t>(std::nearbyint(d * static_cast<double>(lcm)));
    d = static_cast<double>(h) / static_cast<double>(lcm);
    if (h == 0) return {d, 1.0, ""};
    const double p =
        internal::TwoSampleExactSf(static_cast<int64_t>(n1), static_cast<int64_t>(n2), h);
    if (p >= 0.0 && p <= 1.0) return {d, p, ""};
    // Rounding pushed the exact value outside [0, 1]: scipy then switches
    // to the asymptotic distribution, and so do we.
  }
  return {d, KolmogorovSmirnovAsymptoticPValue(d, n1, n2), ""};
}

double KolmogorovSmirnovAsymptoticPValue(double d, uint64_t n_ref, uint64_t n_cur) {
  const double n1d = static_cast<double>(n_ref), n2d = static_cast<double>(n_cur);
  const double big = std::max(n1d, n2d), small = std::min(n1d, n2d);
  const double effective_n = big * small / (big + small);
  const auto n_eff = std::max<int64_t>(1, static_cast<int64_t>(std::nearbyint(effective_n)));
  return std::clamp(internal::KolmogorovSf(n_eff, d), 0.0, 1.0);
}

}  // namespace airm::stats
