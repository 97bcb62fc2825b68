// Internal: distribution functions of Kolmogorov-Smirnov statistics.
//
// KolmogorovSf is scipy.stats.kstwo.sf (the exact finite-n two-sided
// one-sample distribution, evaluated by Simard & L'Ecuyer's 2011 choice of
// algorithm per region); it is what scipy 1.10's ks_2samp uses for its
// "asymptotic" two-sample p-value. SmirnovSf is the one-sided exact
// distribution (Birnbaum & Tingey 1951), scipy.special.smirnov.
#pragma once

#include <cstdint>

namespace airm::stats::internal {

// Pr(D_n >= x) for the two-sided one-sample statistic D_n, n >= 1.
double KolmogorovSf(int64_t n, double x);

// Pr(D_n^+ >= x) for the one-sided one-sample statistic, n >= 1.
double SmirnovSf(int64_t n, double x);

// Pr(D >= h / lcm(m, n)) for the two-sided two-sample statistic under H0,
// by counting lattice paths (Hodges 1958). Returns a value that may fall
// (through rounding) slightly outside [0, 1]; the caller decides.
double TwoSampleExactSf(int64_t m, int64_t n, int64_t h);

}  // namespace airm::stats::internal
