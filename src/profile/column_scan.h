// One pass over one column (a whole table's or one chunk's) producing exact
// counts and mergeable sketch state. Both ProfileTable (one scan per column)
// and ProfileBuilder (one scan per chunk, merged) use it. Internal.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "airm/column.h"
#include "airm/profile.h"
#include "airm/sketch/hyperloglog.h"
#include "airm/sketch/moments.h"
#include "airm/sketch/space_saving.h"

namespace airm::profile_internal {

struct NumericScan {
  uint64_t nan_count = 0;
  uint64_t pos_inf_count = 0;
  uint64_t neg_inf_count = 0;
  // Non-null, non-NaN values ascending (-Inf first, +Inf last).
  std::vector<double> sorted;
  size_t finite_begin = 0;
  size_t finite_end = 0;
  sketch::Moments moments;            // exact, of the finite values
  uint64_t distinct_count = 0;        // exact; NaN, Inf, -Inf one value each
  sketch::SpaceSaving<double> items;  // exact counts of the heaviest values

  std::span<const double> finite() const {
    return std::span<const double>(sorted).subspan(finite_begin, finite_end - finite_begin);
  }
};

// REQUIRES: column.is_numeric(). Adds every distinct non-null value's hash to *hll.
NumericScan ScanNumeric(const Column& column, const ProfileOptions& options,
                        sketch::HyperLogLog* hll);

struct TextScan {
  uint64_t distinct_count = 0;             // exact
  sketch::SpaceSaving<std::string> items;  // exact counts of the heaviest values
};

// Any column: text columns by value, numeric columns by Column::TextAt (used
// when a numeric chunk arrives for a column already widened to text).
TextScan ScanText(const Column& column, const ProfileOptions& options, sketch::HyperLogLog* hll);

}  // namespace airm::profile_internal
