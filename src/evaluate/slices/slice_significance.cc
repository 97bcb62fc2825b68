// Slice-vs-rest: the slice's running totals against the rest's (total minus
// slice), tested in stats (airm/stats/one_sided_tests.h).
#include "slice_significance.h"

#include <cmath>

namespace airm::slices_internal {

stats::OneSidedTest SliceVsRest(const SliceStats& slice, const SliceStats& total,
                                bool binary_errors) {
  if (slice.size >= total.size) {
    return {std::nullopt, binary_errors ? "z" : "welch",
            "undefined: the slice covers every row, there is no rest to compare with"};
  }
  const uint64_t rest_size = total.size - slice.size;
  if (binary_errors) {
    const uint64_t x1 = static_cast<uint64_t>(std::llround(slice.error_sum));
    const uint64_t x_all = static_cast<uint64_t>(std::llround(total.error_sum));
    return stats::ProportionExceeds(x1, slice.size, x_all - x1, rest_size);
  }
  return stats::WelchMeanExceeds(
      {static_cast<double>(slice.size), slice.error_sum, slice.error_sumsq},
      {static_cast<double>(rest_size), total.error_sum - slice.error_sum,
       total.error_sumsq - slice.error_sumsq});
}

}  // namespace airm::slices_internal
