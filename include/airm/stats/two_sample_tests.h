// Two-sample tests and distances on raw continuous values.
//
// Every function takes the reference and the current sample as unsorted,
// NaN-free spans (the caller removes nulls and NaN; a NaN that slips through
// makes the result undefined, never a crash) and sorts private copies once,
// so each runs in O(n log n). The *Sorted variants take samples already
// sorted ascending and NaN-free (REQUIRES, not checked) and run in one linear
// merge pass without copying: a caller running several tests on one column
// sorts it once (stats/sort.h) and gives each test the same arrays; results
// are identical to the unsorted variants'. Each reproduces a scipy 1.10.1 function; the
// exact correspondence, formulas, undefined cases and the tolerance to which
// the tests pin the agreement are in docs/statistics.md. Thread-safe: no
// shared state.
#pragma once

#include <span>

#include "airm/stats/ecdf_comparison.h"
#include "airm/stats/test_outcome.h"

namespace airm::stats {

// Two-sided two-sample Kolmogorov-Smirnov test, as
// scipy.stats.ks_2samp(ref, cur, method='auto'): statistic D = sup|F_ref - F_cur|;
// p exact (Hodges 1958 lattice-path counting) when max(n_ref, n_cur) <= 10000,
// else from the one-sample Kolmogorov distribution at n = round(n m / (n + m))
// (Simard & L'Ecuyer 2011), with scipy's fallback to the latter when the exact
// computation is not a probability. Undefined when either side is empty.
TestOutcome KolmogorovSmirnov(std::span<const double> ref, std::span<const double> cur);

// The large-sample two-sided p-value of a two-sample KS statistic d in [0, 1]
// (the third step of KolmogorovSmirnov): kstwo.sf(d, round(n m / (n + m))).
// Non-increasing in d, so an interval of D maps to an interval of p (used for
// D estimated from sketches). REQUIRES: n_ref, n_cur >= 1.
double KolmogorovSmirnovAsymptoticPValue(double d, uint64_t n_ref, uint64_t n_cur);

// Two-sample Cramer-von Mises test (Anderson 1962), as
// scipy.stats.cramervonmises_2samp(ref, cur, method='auto'): midranks for ties;
// exact p (Xiao, Gordon & Yakovlev 2006) when max(n_ref, n_cur) <= 20, else
// the limiting distribution (Csorgo & Faraway 1996). Undefined when either
// side has fewer than 2 values.
TestOutcome CramerVonMises(std::span<const double> ref, std::span<const double> cur);

// k-sample Anderson-Darling test for k = 2 (Scholz & Stephens 1987), as
// scipy.stats.anderson_ksamp([ref, cur], midrank=True): the standardized
// statistic and scipy's interpolated significance level, which is capped to
// [0.001, 0.25] (note says when the cap applied). Undefined when either side
// is empty, fewer than 4 values in total, or all values are identical.
TestOutcome AndersonDarlingKSample(std::span<const double> ref, std::span<const double> cur);

// Energy distance (Szekely & Rizzo) as scipy.stats.energy_distance:
// sqrt(2) * L2 distance between the empirical CDFs. p_value is nullopt.
// Undefined when either side is empty.
TestOutcome EnergyDistance(std::span<const double> ref, std::span<const double> cur);

// First Wasserstein distance as scipy.stats.wasserstein_distance: L1 distance
// between the empirical CDFs. p_value is nullopt. Undefined when either side
// is empty.
TestOutcome Wasserstein1(std::span<const double> ref, std::span<const double> cur);

TestOutcome KolmogorovSmirnovSorted(std::span<const double> ref, std::span<const double> cur);
TestOutcome CramerVonMisesSorted(std::span<const double> ref, std::span<const double> cur);
TestOutcome AndersonDarlingKSampleSorted(std::span<const double> ref, std::span<const double> cur);
TestOutcome EnergyDistanceSorted(std::span<const double> ref, std::span<const double> cur);
TestOutcome Wasserstein1Sorted(std::span<const double> ref, std::span<const double> cur);

// The same three tests from one CompareEcdfs walk (stats/ecdf_comparison.h);
// each *Sorted variant above is CompareEcdfs followed by one of these.
TestOutcome KolmogorovSmirnovOfEcdfs(const EcdfComparison& ecdfs);
TestOutcome EnergyDistanceOfEcdfs(const EcdfComparison& ecdfs);
TestOutcome Wasserstein1OfEcdfs(const EcdfComparison& ecdfs);

}  // namespace airm::stats
