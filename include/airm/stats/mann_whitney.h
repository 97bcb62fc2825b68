// The Mann-Whitney U statistic and its one-sided test.
//
// U counts the (reference, current) pairs in which the current value is the
// larger, a tie counting one half; U / (n_ref n_cur) is the ROC AUC of a score
// that is meant to be higher for current rows. Under H0 (both samples drawn
// from one distribution, so every assignment of the pooled values to the two
// sides is equally likely), U has a distribution that depends only on n_ref,
// n_cur and the sizes of the groups of tied values. The test below uses it
// exactly for small samples and through the tie-corrected normal
// approximation otherwise (docs/statistics.md, docs/multivariate.md).
// Thread-safe: no shared state.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>

namespace airm::stats {

// U of `cur` against `ref` by mid-ranks: R_cur - n_cur (n_cur + 1) / 2, with
// R_cur the sum of the current values' mid-ranks in the pooled sample; O(n log n).
// Equal to scipy.stats.mannwhitneyu(cur, ref).statistic. Undefined (nullopt)
// when either side is empty or a value is NaN.
std::optional<double> MannWhitneyU(std::span<const double> ref, std::span<const double> cur);

// How the null distribution of U was evaluated.
enum class MannWhitneyNull {
  kExact,   // the permutation distribution of the mid-rank sum, counted exactly
  kNormal,  // normal approximation with tie correction and continuity correction
};

// Pooled sizes up to this use the exact null (O(n^2 min(n_ref, n_cur)) counting);
// larger ones the normal approximation, which is accurate there.
inline constexpr uint64_t kMannWhitneyExactMaxRows = 50;

struct MannWhitneyOutcome {
  std::optional<double> u;        // U of `cur`, as MannWhitneyU
  std::optional<double> p_value;  // P(U >= u) under H0: one-sided, "current is larger"
  // The smallest U at which p_value <= alpha: the test rejects exactly when
  // u >= critical_u. nullopt when no U can reach alpha (too few values, or
  // every value tied) or the test is undefined.
  std::optional<double> critical_u;
  MannWhitneyNull null = MannWhitneyNull::kNormal;
  std::string note;  // why the test is undefined, or a caveat
};

// One-sided Mann-Whitney U test of H0 (one distribution) against "current
// values tend to be larger", at level `alpha` in (0, 1).
//   exact (n_ref + n_cur <= kMannWhitneyExactMaxRows): the distribution of the
//     current side's mid-rank sum over all C(n, n_cur) assignments, by dynamic
//     programming on doubled mid-ranks (integers). It is exact with ties too
//     (conditional on the tie pattern); without ties it equals
//     scipy.stats.mannwhitneyu(cur, ref, alternative='greater', method='exact').
//   normal: z = (U - n_ref n_cur / 2 - 1/2) / sigma,
//     sigma^2 = n_ref n_cur / 12 * ((n + 1) - sum(t^3 - t) / (n (n - 1))),
//     t the sizes of the tie groups; p = 1 - Phi(z), as
//     scipy.stats.mannwhitneyu(cur, ref, alternative='greater', method='asymptotic').
//     When every value is tied (sigma = 0) p is 1, as in scipy.
// Undefined when either side is empty, a value is NaN, or alpha is outside (0, 1).
MannWhitneyOutcome MannWhitneyGreater(std::span<const double> ref, std::span<const double> cur,
                                      double alpha);

}  // namespace airm::stats
