// One-sided slice-vs-rest tests: two-proportion z / Fisher exact for 0/1
// errors, Welch's t for continuous losses.
#include "slice_significance.h"

#include <algorithm>
#include <boost/math/distributions/hypergeometric.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/students_t.hpp>
#include <boost/math/policies/policy.hpp>
#include <cmath>

namespace airm::slices_internal {

namespace {

// Boost throws by default; library code must not.
using NoThrow = boost::math::policies::policy<
    boost::math::policies::domain_error<boost::math::policies::errno_on_error>,
    boost::math::policies::pole_error<boost::math::policies::errno_on_error>,
    boost::math::policies::overflow_error<boost::math::policies::errno_on_error>,
    boost::math::policies::underflow_error<boost::math::policies::ignore_error>,
    boost::math::policies::evaluation_error<boost::math::policies::errno_on_error>,
    boost::math::policies::rounding_error<boost::math::policies::errno_on_error>,
    boost::math::policies::promote_double<false>>;

constexpr double kMinExpectedForZ = 5.0;

std::optional<double> Clamp01(double p) {
  if (std::isnan(p)) return std::nullopt;
  return std::clamp(p, 0.0, 1.0);
}

OneSidedTest Proportions(const SliceStats& slice, const SliceStats& total) {
  const uint64_t n1 = slice.size, n2 = total.size - slice.size;
  const uint64_t x1 = static_cast<uint64_t>(std::llround(slice.error_sum));
  const uint64_t x_all = static_cast<uint64_t>(std::llround(total.error_sum));
  const uint64_t x2 = x_all - x1;
  const double dn1 = static_cast<double>(n1), dn2 = static_cast<double>(n2);
  const double pooled = static_cast<double>(x_all) / static_cast<double>(total.size);
  if (pooled == 0.0 || pooled == 1.0) {
    return {1.0, "z", "every row has the same error: the slice cannot exceed the rest"};
  }
  const double min_expected =
      std::min({dn1 * pooled, dn1 * (1 - pooled), dn2 * pooled, dn2 * (1 - pooled)});
  if (min_expected >= kMinExpectedForZ) {
    const double z = (static_cast<double>(x1) / dn1 - static_cast<double>(x2) / dn2) /
                     std::sqrt(pooled * (1 - pooled) * (1 / dn1 + 1 / dn2));
    const boost::math::normal_distribution<double, NoThrow> normal;
    return {Clamp01(boost::math::cdf(boost::math::complement(normal, z))), "z", ""};
  }
  if (x1 == 0) return {1.0, "fisher", ""};
  // P(X >= x1), X ~ Hypergeometric(errors = x_all, draws = n1, population = N).
  const boost::math::hypergeometric_distribution<double, NoThrow> hyper(
      static_cast<unsigned>(x_all), static_cast<unsigned>(n1), static_cast<unsigned>(total.size));
  return {Clamp01(boost::math::cdf(boost::math::complement(hyper, static_cast<unsigned>(x1 - 1)))),
          "fisher", ""};
}

OneSidedTest Welch(const SliceStats& slice, const SliceStats& total) {
  const double n1 = static_cast<double>(slice.size);
  const double n2 = static_cast<double>(total.size - slice.size);
  if (n1 < 2 || n2 < 2) {
    return {std::nullopt, "welch", "Welch test undefined: a side has fewer than 2 rows"};
  }
  const double s2 = total.error_sum - slice.error_sum;
  const double q2 = total.error_sumsq - slice.error_sumsq;
  const double m1 = slice.error_sum / n1, m2 = s2 / n2;
  const double v1 = std::max(0.0, (slice.error_sumsq - n1 * m1 * m1) / (n1 - 1));
  const double v2 = std::max(0.0, (q2 - n2 * m2 * m2) / (n2 - 1));
  const double a = v1 / n1, b = v2 / n2;
  const double se2 = a + b;
  if (!(se2 > 0)) {
    return {std::nullopt, "welch", "Welch test undefined: the losses have no variance"};
  }
  const double t = (m1 - m2) / std::sqrt(se2);
  double dof = se2 * se2 / (a * a / (n1 - 1) + b * b / (n2 - 1));
  if (!(dof > 0) || std::isinf(dof)) dof = n1 + n2 - 2;
  const boost::math::students_t_distribution<double, NoThrow> dist(dof);
  return {Clamp01(boost::math::cdf(boost::math::complement(dist, t))), "welch", ""};
}

}  // namespace

OneSidedTest SliceVsRest(const SliceStats& slice, const SliceStats& total, bool binary_errors) {
  if (slice.size >= total.size) {
    return {std::nullopt, binary_errors ? "z" : "welch",
            "undefined: the slice covers every row, there is no rest to compare with"};
  }
  return binary_errors ? Proportions(slice, total) : Welch(slice, total);
}

}  // namespace airm::slices_internal
