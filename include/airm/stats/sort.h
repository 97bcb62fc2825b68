// Sorting numeric samples once, for every test that reads them in order.
//
// The two-sample tests and the reference quantile bins all read a column's
// values sorted; drift sorts each column once with SortSample and hands the
// same arrays to every test (the *Sorted functions of two_sample_tests.h).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace airm::stats {

// Sorts `values` ascending: an LSD radix sort on the top bits of the IEEE-754
// bits mapped to an order-preserving unsigned key (Terdiman 2000; Herf 2001),
// 11 bits per pass, then each run of values equal in those bits sorted by
// comparison (linear for real samples, whose runs are short; std::sort's
// cost at worst). Short inputs fall back to std::sort. The order is the same
// as std::sort's except that -0.0 comes before +0.0 (they compare equal, so
// no test result can tell). REQUIRES: no NaN (their order is unspecified).
// `scratch`, when given, is the radix sort's working array (grown as
// needed and kept), so a caller sorting many samples allocates it once.
void SortSample(std::span<double> values, std::vector<double>* scratch = nullptr);

// A sorted copy of `values` in *out, as SortSample orders it, made without
// copying first (the first radix pass reads `values`). False, with *out
// unspecified, when `values` holds a NaN or ±Inf: the caller filters them.
bool SortFiniteInto(std::span<const double> values, std::vector<double>* out,
                    std::vector<double>* scratch = nullptr);

// Sorts unsigned 64-bit keys ascending in O(n) (row hashes, for grouping
// equal rows): the same LSD radix sort over all their bits.
void SortKeys(std::span<uint64_t> keys);

}  // namespace airm::stats
