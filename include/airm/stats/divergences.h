// Divergences between two binned distributions.
//
// Both spans are counts on the same bins (same length, bin i in position i).
// Counts are normalised to proportions. PSI and KL need every proportion to
// be positive, so they first smooth: each proportion is floored at
// kDivergenceEpsilon and the vector is renormalised to sum 1
// (q_i = max(p_i, eps) / sum_j max(p_j, eps)). JS, Hellinger and total
// variation are defined with zeros and use the raw proportions. All return
// p_value nullopt; all are undefined when the lengths differ, there are no
// bins, or one side has no counts. Formulas: docs/statistics.md.
#pragma once

#include <cstdint>
#include <span>

#include "airm/stats/test_outcome.h"

namespace airm::stats {

inline constexpr double kDivergenceEpsilon = 1e-4;

// Population stability index, natural log:
//   PSI = sum_i (cur_i - ref_i) * ln(cur_i / ref_i) on smoothed proportions.
TestOutcome Psi(std::span<const uint64_t> ref, std::span<const uint64_t> cur);

// Jensen-Shannon distance, base 2, in [0, 1]: the square root of the JS
// divergence; equals scipy.spatial.distance.jensenshannon(ref, cur, base=2).
TestOutcome JensenShannonDistance(std::span<const uint64_t> ref, std::span<const uint64_t> cur);

// Hellinger distance in [0, 1]: sqrt(1/2 * sum_i (sqrt(ref_i) - sqrt(cur_i))^2).
TestOutcome Hellinger(std::span<const uint64_t> ref, std::span<const uint64_t> cur);

// Kullback-Leibler divergence KL(cur || ref) = sum_i cur_i ln(cur_i / ref_i)
// (nats) on smoothed proportions; equals scipy.stats.entropy(cur, ref) on the
// smoothed vectors. "How surprising is the current batch under the reference".
TestOutcome KlDivergence(std::span<const uint64_t> ref, std::span<const uint64_t> cur);

// Total variation distance in [0, 1]: 1/2 * sum_i |ref_i - cur_i|.
TestOutcome TotalVariation(std::span<const uint64_t> ref, std::span<const uint64_t> cur);

}  // namespace airm::stats
