// Chi-square homogeneity and the pooled two-proportion z-test.
#include "airm/stats/categorical_tests.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <vector>

#include "airm/stats/contingency.h"
#include "boost_policy.h"

namespace airm::stats {

// The 2 x K' table of the two rows, K' the categories left after dropping
// all-zero columns (scipy.stats.chi2_contingency raises on a zero expected
// count, which a zero column would cause), tested by IndependenceTests: one
// implementation of Pearson's X^2 on (2 - 1)(K' - 1) degrees of freedom.
TestOutcome ChiSquareHomogeneity(std::span<const uint64_t> ref_counts,
                                 std::span<const uint64_t> cur_counts) {
  if (ref_counts.size() != cur_counts.size()) {
    return {std::nullopt, std::nullopt, "chi-square undefined: count vectors differ in length"};
  }
  std::vector<std::vector<uint64_t>> table(2);
  uint64_t ref_total = 0, cur_total = 0;
  for (size_t i = 0; i < ref_counts.size(); ++i) {
    if (ref_counts[i] == 0 && cur_counts[i] == 0) continue;
    table[0].push_back(ref_counts[i]);
    table[1].push_back(cur_counts[i]);
    ref_total += ref_counts[i];
    cur_total += cur_counts[i];
  }
  if (ref_total == 0 || cur_total == 0) {
    return {std::nullopt, std::nullopt, "chi-square undefined: a sample has no counts"};
  }
  if (table[0].size() == 1) {
    return {0.0, 1.0, "one category: zero degrees of freedom, no difference is possible"};
  }
  const ContingencyTest t = IndependenceTests(table);
  return {t.chi2, t.chi2_p, t.note};
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
