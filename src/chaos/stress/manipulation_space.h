// The space a manipulation search moves in: per feature of the pool, whether
// it may change, its allowed values and what a change costs. Built once from
// the pool's cells and the declared constraints.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/constraints.h"
#include "airm/chaos/model_adapter.h"
#include "airm/status.h"

namespace airm::chaos::manipulation {

enum class FeatureKind { kNumeric, kCategorical };

struct FeatureSpace {
  std::string name;
  size_t column = 0;  // index in the pool's columns
  FeatureKind kind = FeatureKind::kNumeric;
  bool is_mutable = true;
  std::optional<MonotoneDirection> monotone;
  ChangeDirection change = ChangeDirection::kAny;
  double cost = 1.0;
  // Numeric: allowed values [lo, hi] (integers when `integer`), and the unit
  // of cost: the reference standard deviation (n - 1 denominator), else the
  // range width, else 1 when both are 0.
  double lo = 0;
  double hi = 0;
  bool integer = false;
  double scale = 1.0;
  // Categorical: allowed values.
  std::vector<std::string> categories;

  // Cost of changing `from` into `to` (0 when equal). REQUIRES: cells of
  // this feature's kind.
  double CostOf(const Cell& from, const Cell& to) const;
  // Clamps to [lo, hi] and rounds to a whole number when `integer`.
  double Snap(double v) const;
  // Whether moving from `from` to `to` is allowed by `change`.
  bool DirectionAllowed(double from, double to) const;
};

// One FeatureSpace per pool column, in column order. A column holding any
// string cell is categorical, else numeric. Errors (InvalidArgument): a
// constraint on a feature not in the pool, `range` on a categorical column,
// `categories` or `monotone` on the wrong kind, `integer` on a categorical
// column. A numeric column without any finite value and without a declared
// range cannot move and is made immutable.
Result<std::vector<FeatureSpace>> BuildFeatureSpaces(const Batch& pool,
                                                     const Constraints& constraints);

// InvalidArgument naming the first mutable categorical feature with more than
// `max_categories` values to try, the count, and the flag that raises it.
Status CheckCategoryCounts(const std::vector<FeatureSpace>& spaces, const Constraints& constraints,
                           int max_categories);

}  // namespace airm::chaos::manipulation
