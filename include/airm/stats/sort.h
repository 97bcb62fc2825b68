// Sorting numeric samples once, for every test that reads them in order.
//
// The two-sample tests and the reference quantile bins all read a column's
// values sorted; drift sorts each column once with SortSample and hands the
// same arrays to every test (the *Sorted functions of two_sample_tests.h).
#pragma once

#include <span>

namespace airm::stats {

// Sorts `values` ascending in O(n): an LSD radix sort on the IEEE-754 bits
// mapped to an order-preserving unsigned key (Terdiman 2000; Herf 2001), 11
// bits per pass. Short inputs fall back to std::sort. The order is the same
// as std::sort's except that -0.0 comes before +0.0 (they compare equal, so
// no test result can tell). REQUIRES: no NaN (their order is unspecified).
void SortSample(std::span<double> values);

}  // namespace airm::stats
