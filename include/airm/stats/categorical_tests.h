// Tests on counts: categorical homogeneity and two proportions.
//
// Formulas, scipy equivalents and undefined cases: docs/statistics.md.
#pragma once

#include <cstdint>
#include <span>

#include "airm/stats/test_outcome.h"

namespace airm::stats {

// Pearson chi-square test of homogeneity on the 2 x K table whose rows are
// ref_counts and cur_counts (category i in position i of both), after
// dropping the categories that are zero in both rows. Equal to
// scipy.stats.chi2_contingency(table, correction=False). When only one
// category remains (zero degrees of freedom) the statistic is 0 and p is 1,
// as in scipy. Undefined when the spans differ in length or a row sums to 0.
TestOutcome ChiSquareHomogeneity(std::span<const uint64_t> ref_counts,
                                 std::span<const uint64_t> cur_counts);

// Pooled two-proportion z-test, two-sided:
//   p = (x1 + x2) / (n1 + n2),  z = (x1/n1 - x2/n2) / sqrt(p (1-p) (1/n1 + 1/n2)),
//   p_value = 2 * (1 - Phi(|z|)).
// statistic is z (sign: reference minus current). Undefined when n1 or n2 is
// 0, a success count exceeds its n, or the pooled proportion is 0 or 1 (both
// samples all failures / all successes: the variance is zero).
TestOutcome TwoProportionZ(uint64_t ref_successes, uint64_t ref_n, uint64_t cur_successes,
                           uint64_t cur_n);

}  // namespace airm::stats
