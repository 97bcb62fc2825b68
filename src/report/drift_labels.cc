#include "drift_labels.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace airm::report {
namespace {

int StatusRank(ColumnDriftStatus status) {
  switch (status) {
    case ColumnDriftStatus::kDrift:
      return 0;
    case ColumnDriftStatus::kRetyped:
      return 1;
    case ColumnDriftStatus::kMissingInCurrent:
      return 2;
    case ColumnDriftStatus::kNewInCurrent:
      return 3;
    case ColumnDriftStatus::kInsufficientData:
      return 4;
    case ColumnDriftStatus::kNoDrift:
      return 5;
  }
  return 6;
}

// Sort key where undefined sorts after every defined value.
double DescendingKey(std::optional<double> v) { return v && !std::isnan(*v) ? -*v : INFINITY; }
double AscendingKey(std::optional<double> v) { return v && !std::isnan(*v) ? *v : INFINITY; }

}  // namespace

const char* DriftStatusLabel(ColumnDriftStatus status) {
  switch (status) {
    case ColumnDriftStatus::kNoDrift:
      return "No drift";
    case ColumnDriftStatus::kDrift:
      return "Drift";
    case ColumnDriftStatus::kInsufficientData:
      return "Too little data";
    case ColumnDriftStatus::kMissingInCurrent:
      return "Missing in current";
    case ColumnDriftStatus::kNewInCurrent:
      return "New in current";
    case ColumnDriftStatus::kRetyped:
      return "Type changed";
  }
  return "";
}

std::optional<double> EffectRatio(const ColumnDrift& column) {
  if (!column.effect_size || std::isnan(*column.effect_size)) return std::nullopt;
  if (column.effect_size_threshold > 0) {
    return *column.effect_size / column.effect_size_threshold;
  }
  return *column.effect_size;
}

std::vector<size_t> SeverityOrder(const std::vector<ColumnDrift>& columns) {
  std::vector<size_t> order(columns.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const ColumnDrift& x = columns[a];
    const ColumnDrift& y = columns[b];
    // A column flagged drifted but with another status still counts as drift.
    const int rx = x.drifted ? 0 : StatusRank(x.status);
    const int ry = y.drifted ? 0 : StatusRank(y.status);
    if (rx != ry) return rx < ry;
    const double ex = DescendingKey(EffectRatio(x)), ey = DescendingKey(EffectRatio(y));
    if (ex != ey) return ex < ey;
    const double px = AscendingKey(x.p_value_adjusted), py = AscendingKey(y.p_value_adjusted);
    if (px != py) return px < py;
    return x.name < y.name;
  });
  return order;
}

}  // namespace airm::report
