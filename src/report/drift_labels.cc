#include "drift_labels.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include "airm/report/format.h"

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

std::string DriftMeasureName(const std::string& name) {
  static const auto* const kNames = new std::map<std::string, std::string>{
      {"ks", "Kolmogorov\u2013Smirnov test"},
      {"chi2", "chi-square test"},
      {"z_proportions", "two-proportion z-test"},
      {"cramer_von_mises", "Cram\u00e9r\u2013von Mises test"},
      {"anderson_darling", "Anderson\u2013Darling test"},
      {"energy", "energy distance"},
      {"wasserstein", "Wasserstein distance"},
      {"wasserstein_norm", "normalised Wasserstein distance"},
      {"psi", "population stability index"},
      {"jensen_shannon", "Jensen\u2013Shannon distance"},
      {"hellinger", "Hellinger distance"},
      {"kl", "Kullback\u2013Leibler divergence"},
      {"tvd", "share of values that moved to another class"},
  };
  const auto it = kNames->find(name);
  return it == kNames->end() ? name : it->second;
}

std::string PlainDriftReason(const ColumnDrift& c) {
  if (c.status != ColumnDriftStatus::kDrift && c.status != ColumnDriftStatus::kNoDrift) return "";
  const std::optional<double> p = c.p_value_adjusted ? c.p_value_adjusted : c.p_value;
  std::string chance;
  if (p) {
    const bool significant = *p < c.threshold;
    chance = (significant ? "A difference this large is unlikely to be chance"
                          : "The difference could be chance") +
             std::string(" (") + DriftMeasureName(c.method) + ", p-value " + FormatPValue(p) +
             (c.p_value_adjusted ? " after correcting for testing many columns" : "") +
             (significant ? ", below " : ", not below ") + FormatNumber(c.threshold) + ")";
  }
  std::string size;
  if (c.effect_size) {
    const bool big = *c.effect_size >= c.effect_size_threshold;
    const bool points = c.effect_size_name == "tvd";
    const auto number = [&](double v) {
      return points ? FormatNumber(100 * v) + " points" : FormatNumber(v);
    };
    size = std::string(big ? "the change is large enough to matter"
                           : "the change is too small to matter") +
           " (" + DriftMeasureName(c.effect_size_name) + " " + number(*c.effect_size) +
           ", threshold " + number(c.effect_size_threshold) + ")";
  } else if (!p && c.statistic) {
    size = std::string(c.drifted ? "The change is large enough to matter"
                                 : "The change is too small to matter") +
           " (" + DriftMeasureName(c.method) + " " + FormatNumber(*c.statistic) + ", threshold " +
           FormatNumber(c.threshold) + ")";
  }
  if (chance.empty()) return size.empty() ? "" : size + ".";
  return chance + (size.empty() ? "" : "; " + size) + ".";
}

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
