#include "manipulation_space.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace airm::chaos::manipulation {
namespace {

Status Bad(const Constraints& c, const std::string& feature, const std::string& what) {
  const std::string where = c.source.empty() ? "constraints" : c.source;
  return Status::InvalidArgument(where + ": feature '" + feature + "': " + what);
}

}  // namespace

double FeatureSpace::CostOf(const Cell& from, const Cell& to) const {
  if (kind == FeatureKind::kCategorical) {
    const auto* a = std::get_if<std::string>(&from);
    const auto* b = std::get_if<std::string>(&to);
    if (a && b && *a == *b) return 0;
    if (!a && !b) return 0;
    return cost;
  }
  const auto* a = std::get_if<double>(&from);
  const auto* b = std::get_if<double>(&to);
  if (!a || !b) return (a || b) ? INFINITY : 0;
  if (*a == *b) return 0;
  return cost * std::fabs(*b - *a) / scale;
}

double FeatureSpace::Snap(double v) const {
  v = std::clamp(v, lo, hi);
  return integer ? std::round(v) : v;
}

bool FeatureSpace::DirectionAllowed(double from, double to) const {
  switch (change) {
    case ChangeDirection::kAny:
      return true;
    case ChangeDirection::kIncrease:
      return to >= from;
    case ChangeDirection::kDecrease:
      return to <= from;
  }
  return true;
}

Result<std::vector<FeatureSpace>> BuildFeatureSpaces(const Batch& pool,
                                                     const Constraints& constraints) {
  for (const auto& [name, c] : constraints.features) {
    if (std::find(pool.columns.begin(), pool.columns.end(), name) == pool.columns.end()) {
      return Bad(constraints, name, "not a feature column of the data");
    }
  }
  std::vector<FeatureSpace> spaces;
  for (size_t col = 0; col < pool.columns.size(); ++col) {
    const FeatureConstraint c = constraints.For(pool.columns[col]);
    FeatureSpace s;
    s.name = pool.columns[col];
    s.column = col;
    s.is_mutable = !c.immutable;
    s.monotone = c.monotone;
    s.change = c.change;
    s.cost = c.cost;
    std::set<std::string> levels;
    std::vector<double> numbers;
    for (const std::vector<Cell>& row : pool.rows) {
      if (col >= row.size()) continue;
      if (const auto* text = std::get_if<std::string>(&row[col])) levels.insert(*text);
      if (const auto* x = std::get_if<double>(&row[col]); x && std::isfinite(*x)) {
        numbers.push_back(*x);
      }
    }
    if (!levels.empty() || c.categories) {
      s.kind = FeatureKind::kCategorical;
      if (c.range_lo) return Bad(constraints, s.name, "'range' given for a text column");
      if (c.monotone) return Bad(constraints, s.name, "'monotone' needs a numeric column");
      if (c.integer) return Bad(constraints, s.name, "'integer' given for a text column");
      if (levels.empty() && !numbers.empty()) {
        return Bad(constraints, s.name, "'categories' given for a numeric column");
      }
      s.categories =
          c.categories ? *c.categories : std::vector<std::string>(levels.begin(), levels.end());
      spaces.push_back(std::move(s));
      continue;
    }
    s.kind = FeatureKind::kNumeric;
    double mean = 0;
    for (double x : numbers) mean += x;
    if (!numbers.empty()) mean /= static_cast<double>(numbers.size());
    double ss = 0;
    for (double x : numbers) ss += (x - mean) * (x - mean);
    const double sd = numbers.size() > 1 ? std::sqrt(ss / (numbers.size() - 1)) : 0;
    const bool all_whole =
        !numbers.empty() &&
        std::all_of(numbers.begin(), numbers.end(), [](double x) { return x == std::round(x); });
    s.integer = c.integer.value_or(all_whole);
    if (c.range_lo) {
      s.lo = *c.range_lo;
      s.hi = *c.range_hi;
    } else if (!numbers.empty()) {
      const auto [mn, mx] = std::minmax_element(numbers.begin(), numbers.end());
      s.lo = *mn;
      s.hi = *mx;
    } else {
      s.is_mutable = false;  // nothing observed, nothing declared: no values to try
    }
    if (s.integer) {
      s.lo = std::ceil(s.lo);
      s.hi = std::floor(s.hi);
      if (s.lo > s.hi) return Bad(constraints, s.name, "the range holds no whole number");
    }
    s.scale = sd > 0 ? sd : (s.hi > s.lo ? s.hi - s.lo : 1.0);
    spaces.push_back(std::move(s));
  }
  return spaces;
}

Status CheckCategoryCounts(const std::vector<FeatureSpace>& spaces, const Constraints& constraints,
                           int max_categories) {
  for (const FeatureSpace& s : spaces) {
    if (!s.is_mutable || s.kind != FeatureKind::kCategorical) continue;
    if (s.categories.size() <= static_cast<size_t>(max_categories)) continue;
    const bool declared = constraints.features.count(s.name) > 0 &&
                          constraints.features.at(s.name).categories.has_value();
    return Bad(constraints, s.name,
               std::to_string(s.categories.size()) + " categories " +
                   (declared ? "listed" : "observed in the data") + ", more than the limit of " +
                   std::to_string(max_categories) +
                   " values a feature may try (raise it with --max-categories, or mark the "
                   "feature immutable)");
  }
  return Status::Ok();
}

}  // namespace airm::chaos::manipulation
