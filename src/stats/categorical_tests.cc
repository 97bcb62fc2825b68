// Chi-square homogeneity and the pooled two-proportion z-test.
#include "airm/stats/categorical_tests.h"

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

#include "boost_policy.h"

namespace airm::stats {

// Pearson (1900): X^2 = sum (O - E)^2 / E with E = row total * column total /
// grand total, on (2 - 1)(K' - 1) degrees of freedom, K' the categories left
// after dropping all-zero columns (scipy.stats.chi2_contingency raises on a
// zero expected count, which a zero column would cause).
TestOutcome ChiSquareHomogeneity(std::span<const uint64_t> ref_counts,
                                 std::span<const uint64_t> cur_counts) {
  if (ref_counts.size() != cur_counts.size()) {
    return {std::nullopt, std::nullopt, "chi-square undefined: count vectors differ in length"};
  }
  std::vector<double> r, c;
  double ref_total = 0, cur_total = 0;
  for (size_t i = 0; i < ref_counts.size(); ++i) {
    if (ref_counts[i] == 0 && cur_counts[i] == 0) continue;
    r.push_back(static_cast<double>(ref_counts[i]));
    c.push_back(static_cast<double>(cur_counts[i]));
    ref_total += r.back();
    cur_total += c.back();
  }
  if (ref_total == 0 || cur_total == 0) {
    return {std::nullopt, std::nullopt, "chi-square undefined: a sample has no counts"};
  }
  if (r.size() == 1) {
    return {0.0, 1.0, "one category: zero degrees of freedom, no difference is possible"};
  }
  const double total = ref_total + cur_total;
  double stat = 0;
  for (size_t i = 0; i < r.size(); ++i) {
    const double col = r[i] + c[i];
    const double er = ref_total * col / total;
    const double ec = cur_total * col / total;
    stat += (r[i] - er) * (r[i] - er) / er + (c[i] - ec) * (c[i] - ec) / ec;
  }
  const double dof = static_cast<double>(r.size() - 1);
  const boost::math::chi_squared_distribution<double, internal::NoThrowPolicy> dist(dof);
  return {stat, boost::math::cdf(boost::math::complement(dist, stat)), ""};
}

TestOutcome TwoProportionZ(uint64_t ref_successes, uint64_t ref_n, uint64_t cur_successes,
                           uint64_t cur_n) {
  if (ref_n == 0 || cur_n == 0) {
    return {std::nullopt, std::nullopt, "two-proportion z undefined: a sample is empty"};
  }
  if (ref_successes > ref_n || cur_successes > cur_n) {
    return {std::nullopt, std::nullopt,
            "two-proportion z undefined: more successes than observations"};
  }
  const double n1 = static_cast<double>(ref_n), n2 = static_cast<double>(cur_n);
  const double x1 = static_cast<double>(ref_successes), x2 = static_cast<double>(cur_successes);
  const double pooled = (x1 + x2) / (n1 + n2);
  if (pooled == 0.0 || pooled == 1.0) {
    return {std::nullopt, std::nullopt,
            "two-proportion z undefined: pooled proportion is 0 or 1 (zero variance)"};
  }
  const double se = std::sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  const double z = (x1 / n1 - x2 / n2) / se;
  const boost::math::normal_distribution<double, internal::NoThrowPolicy> normal;
  const double p = 2 * boost::math::cdf(boost::math::complement(normal, std::abs(z)));
  return {z, std::min(p, 1.0), ""};
}

}  // namespace airm::stats
