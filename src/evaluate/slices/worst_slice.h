// Internal: which reported slice is "the worst case".
#pragma once

#include <optional>
#include <vector>

#include "airm/eval_result.h"

namespace airm::slices_internal {

// The slice with the highest error rate among those that are significant
// and, when a holdout confirmation ran (confirmed engaged), confirmed; ties
// go to the earlier (higher-scoring) slice. nullopt when none qualifies.
inline std::optional<size_t> WorstSliceIndex(const std::vector<SliceResult>& slices) {
  std::optional<size_t> best;
  for (size_t i = 0; i < slices.size(); ++i) {
    const SliceResult& s = slices[i];
    if (!s.significant) continue;
    if (s.confirmed.has_value() && !*s.confirmed) continue;
    if (!best || s.error_rate > slices[*best].error_rate) best = i;
  }
  return best;
}

}  // namespace airm::slices_internal
