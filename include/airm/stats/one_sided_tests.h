// One-sided tests that a first group's mean exceeds a second group's, on
// summary numbers (counts, sums, sums of squares), so callers that keep running
// totals (the weak-slice search) test without revisiting rows.
//
// Formulas, scipy equivalents and undefined cases: docs/statistics.md and
// below. Thread-safe: no shared state. Nothing throws: Boost.Math runs under
// the library's no-throw policy and a NaN result is undefined.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace airm::stats {

struct OneSidedTest {
  std::optional<double> p_value;  // nullopt: undefined (see note)
  std::string method;             // "z", "fisher", "welch"
  std::string note;               // why undefined, or a remark
};

// Every expected cell of the 2x2 table at least this: the z approximation;
// below it, Fisher's exact test (Cochran's rule).
inline constexpr double kMinExpectedForZ = 5.0;

// H1: the success proportion of group 1 (x1 of n1) exceeds group 2's (x2 of
// n2). When every expected count of the 2x2 table is >= kMinExpectedForZ, the
// pooled two-proportion z-test, one-sided:
//   p = (x1 + x2) / (n1 + n2), z = (x1/n1 - x2/n2) / sqrt(p (1-p) (1/n1 + 1/n2)),
//   p_value = scipy.stats.norm.sf(z);
// otherwise Fisher's exact test, one-sided: P(X >= x1) with
// X ~ Hypergeometric(x1 + x2 successes, n1 draws, n1 + n2 rows), equal to
// scipy.stats.fisher_exact(table, alternative='greater'). p_value is 1 when
// x1 = 0 or every row has the same outcome (group 1 cannot exceed).
// REQUIRES: n1 > 0, n2 > 0, x1 <= n1, x2 <= n2.
OneSidedTest ProportionExceeds(uint64_t x1, uint64_t n1, uint64_t x2, uint64_t n2);

// Size, sum and sum of squares of one sample.
struct Moments {
  double n = 0;
  double sum = 0;
  double sum_sq = 0;
};

// H1: the mean of sample 1 exceeds the mean of sample 2: Welch's t-test,
// one-sided, with Welch-Satterthwaite degrees of freedom (falling back to
// n1 + n2 - 2 when those are not finite), equal to
// scipy.stats.ttest_ind(a, b, equal_var=False, alternative='greater').
// Variances come from the moments (sum_sq - n mean^2) / (n - 1), clamped at
// 0. Undefined when a side has fewer than 2 values or neither has variance.
OneSidedTest WelchMeanExceeds(const Moments& sample1, const Moments& sample2);

}  // namespace airm::stats
