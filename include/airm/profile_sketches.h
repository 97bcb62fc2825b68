// ColumnSketches: the mergeable state behind one column of a Profile.
//
// Kept separate from profile.h so code that only reads summary numbers need
// not know the sketch classes. Every field merges (see airm/sketch/*.h);
// MergeProfiles merges these and re-derives the summary fields.
#pragma once

#include <string>

#include "airm/sketch/hyperloglog.h"
#include "airm/sketch/kll.h"
#include "airm/sketch/moments.h"
#include "airm/sketch/space_saving.h"

namespace airm {

struct ColumnSketches {
  sketch::Moments moments;                      // finite numeric values
  sketch::KllSketch quantiles;                  // finite numeric values
  sketch::HyperLogLog distinct;                 // every non-null value
  sketch::SpaceSaving<double> numeric_items;    // numeric columns, NaN/±Inf included
  sketch::SpaceSaving<std::string> text_items;  // text columns
};

}  // namespace airm
