// Internal: one-sided test that a slice's mean error exceeds the rest's.
#pragma once

#include "airm/stats/one_sided_tests.h"
#include "lattice_search.h"

namespace airm::slices_internal {

// H1: mean error of the slice > mean error of the other rows (total minus
// slice). 0/1 errors: pooled two-proportion z-test, one-sided, when every
// expected cell count of the 2x2 table is >= 5, else Fisher's exact test
// (one-sided, hypergeometric upper tail). Continuous losses: Welch's t-test,
// one-sided, Welch-Satterthwaite degrees of freedom. Undefined (nullopt) when
// the rest is empty, a side of a Welch test has fewer than 2 rows, or there
// is no variance at all.
stats::OneSidedTest SliceVsRest(const SliceStats& slice, const SliceStats& total,
                                bool binary_errors);

}  // namespace airm::slices_internal
