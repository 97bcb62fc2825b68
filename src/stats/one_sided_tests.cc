// One-sided two-proportion z / Fisher exact and Welch's t.
#include "airm/stats/one_sided_tests.h"

#include <algorithm>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <cmath>

#include "boost_policy.h"

namespace airm::stats {
namespace {

using internal::NoThrowPolicy;

std::optional<double> Clamp01(double p) {
  if (std::isnan(p)) return std::nullopt;
  return std::clamp(p, 0.0, 1.0);
}

}  // namespace

OneSidedTest ProportionExceeds(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2) {
  const uint64_t n_all = n1 + n2, x_all = x1 + x2;
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);
  const double pooled = static_cast<double>(x_all) / static_cast<double>(n_all);
  if (pooled == 0.0 || pooled == 1.0) {
    return {1.0, "z", "every row has the same error: the slice cannot exceed the rest"};
  }
  const double min_expected =
      std::min({dn1 * pooled, dn1 * (1 - pooled), dn2 * pooled, dn2 * (1 - pooled)});
  if (min_expected >= kMinExpectedForZ) {
    const double z = (static_cast<double>(x1) / dn1 - static_cast<double>(x2) / dn2) /
                     std::sqrt(pooled * (1 - pooled) * (1 / dn1 + 1 / dn2));
    const boost::math::normal_distribution<double, NoThrowPolicy> normal;
    return {Clamp01(boost::math::cdf(boost::math::complement(normal, z))), "z", ""};
  }
  if (x1 == 0) return {1.0, "fisher", ""};
  const boost::math::hypergeometric_distribution<double, NoThrowPolicy> hyper(
      static_cast<unsigned>(x_all), static_cast<unsigned>(n1), static_cast<unsigned>(n_all));
  return {Clamp01(boost::math::cdf(boost::math::complement(hyper, static_cast<unsigned>(x1 - 1)))),
          "fisher", ""};
}

OneSidedTest WelchMeanExceeds(const Moments& sample1, const Moments& sample2) {
  const double n1 = sample1.n, n2 = sample2.n;
  if (n1 < 2 || n2 < 2) {
    return {std::nullopt, "welch", "Welch test undefined: a side has fewer than 2 rows"};
  }
  const double m1 = sample1.sum / n1, m2 = sample2.sum / n2;
  const double v1 = std::max(0.0, (sample1.sum_sq - n1 * m1 * m1) / (n1 - 1));
  const double v2 = std::max(0.0, (sample2.sum_sq - n2 * m2 * m2) / (n2 - 1));
  const double a = v1 / n1, b = v2 / n2;
  const double se2 = a + b;
  if (!(se2 > 0)) {
    return {std::nullopt, "welch", "Welch test undefined: the losses have no variance"};
  }
  const double t = (m1 - m2) / std::sqrt(se2);
  double dof = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
  if (!(dof > 0) || std::isinf(dof)) dof = n1 + n2 - 2;
  const boost::math::students_t_distribution<double, NoThrowPolicy> dist(dof);
  return {Clamp01(boost::math::cdf(boost::math::complement(dist, t))), "welch", ""};
}

}  // namespace airm::stats
