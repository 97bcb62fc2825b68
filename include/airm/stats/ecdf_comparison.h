// What the ECDF-based tests read from a pair of sorted samples, in one merge.
//
// The Kolmogorov-Smirnov statistic, the Wasserstein-1 distance and the energy
// distance are all functionals of F_ref - F_cur, the difference of the two
// empirical CDFs; each used to walk the pooled values on its own. A caller
// running several of them on one column (drift's default runs KS and the
// normalised Wasserstein distance) walks once with CompareEcdfs and hands the
// result to the *OfEcdfs functions of two_sample_tests.h. The sums are formed
// in the same order as a walk per test, so results are bit for bit the same.
// Thread-safe: no shared state.
#pragma once

#include <cstddef>
#include <span>

namespace airm::stats {

struct EcdfComparison {
  size_t n_ref = 0;
  size_t n_cur = 0;
  // Over the distinct pooled values v, with right-continuous ECDFs:
  // max and min of F_ref(v) - F_cur(v) (-inf and +inf when a side is empty).
  double max_diff = 0;
  double min_diff = 0;
  // Integrals over the real line of |F_ref - F_cur| and (F_ref - F_cur)^2,
  // summed gap by gap between consecutive pooled values (scipy's
  // _cdf_distance); not finite when a sample holds an infinity.
  double l1 = 0;
  double l2 = 0;
};

// One linear merge of `ref` and `cur`. REQUIRES: both sorted ascending and
// NaN-free (not checked).
EcdfComparison CompareEcdfs(std::span<const double> ref, std::span<const double> cur);

}  // namespace airm::stats
