// Splitting both batches by the values of a segment column.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/table.h"

namespace airm::drift {

struct SegmentRows {
  std::string value;  // category text, a numeric bin label, or "(missing)"
  std::vector<uint32_t> reference;
  std::vector<uint32_t> current;
};

// Text and few-valued numeric columns split by value; other numeric columns
// by the reference's quartiles. Missing values form their own segment. At
// most `max_segments` segments, the largest in the reference first.
std::vector<SegmentRows> SplitBySegment(const Column& reference, const Column& current,
                                        size_t max_segments);

}  // namespace airm::drift
