#include "airm/governance/weak_segments.h"

#include <cstdio>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>

namespace airm::governance {
namespace {

// The metrics read, in order of preference: ROC AUC ranks whatever the
// threshold; accuracy is what a model with predictions only has.
constexpr const char* kSegmentMetrics[] = {"roc_auc", "accuracy"};

constexpr double kRounding = 1e-9;

using WindowKey = std::tuple<std::string, std::string, std::string>;  // schedule, window, metric

// One segment of one schedule, for one metric, over the quarter.
struct Aggregate {
  uint64_t rows = 0;
  int windows = 0;
  double weighted_gap = 0;  // sum of n_w (overall_w - segment_w)
  double weighted_segment = 0, weighted_overall = 0;
};

struct Candidate {
  std::string schedule, metric;
  Aggregate a;
};

// "region=north", and "region=north & channel=web" for an intersection
// (column "region & channel", value "north & web").
std::string SegmentName(const std::string& column, const std::string& value) {
  static constexpr std::string_view kAnd = " & ";
  const size_t c = column.find(kAnd), v = value.find(kAnd);
  if (c == std::string::npos || v == std::string::npos ||
      value.find(kAnd, v + kAnd.size()) != std::string::npos) {
    return column + "=" + value;
  }
  return column.substr(0, c) + "=" + value.substr(0, v) + " & " + column.substr(c + kAnd.size()) +
         "=" + value.substr(v + kAnd.size());
}

std::string Fixed(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", x);
  return buf;
}

}  // namespace

std::vector<Observation> WeakSegmentObservations(const std::string& monitor,
                                                 const std::vector<WindowMetric>& overall,
                                                 const std::vector<WindowMetric>& segments,
                                                 const WeakSegmentRule& rule) {
  std::map<WindowKey, double> whole;
  for (const WindowMetric& o : overall) whole[{o.schedule, o.window, o.metric}] = o.realized;

  // (column, value) in order of first appearance -> (schedule, metric) -> aggregate.
  std::vector<std::pair<std::string, std::string>> order;
  std::map<std::pair<std::string, std::string>,
           std::map<std::pair<std::string, std::string>, Aggregate>>
      by_segment;
  for (const WindowMetric& s : segments) {
    auto it = whole.find({s.schedule, s.window, s.metric});
    if (it == whole.end() || s.rows == 0) continue;
    const std::pair<std::string, std::string> segment{s.column, s.value};
    if (!by_segment.count(segment)) order.push_back(segment);
    Aggregate& a = by_segment[segment][{s.schedule, s.metric}];
    const double n = static_cast<double>(s.rows);
    a.rows += s.rows;
    ++a.windows;
    a.weighted_gap += n * (it->second - s.realized);
    a.weighted_segment += n * s.realized;
    a.weighted_overall += n * it->second;
  }

  std::vector<Observation> out;
  for (const auto& segment : order) {
    const auto& per_schedule = by_segment[segment];
    // Per schedule, the first metric with enough rows; across schedules, the
    // one with the most rows (ties: ROC AUC first, then schedules by name).
    std::optional<Candidate> best;
    std::map<std::string, bool> chosen;  // schedule -> a metric was chosen
    for (const char* metric : kSegmentMetrics) {
      for (const auto& [key, a] : per_schedule) {
        const auto& [schedule, m] = key;
        if (m != metric || chosen[schedule] || a.rows < rule.min_rows) continue;
        chosen[schedule] = true;
        if (!best || a.rows > best->a.rows) best = Candidate{schedule, m, a};
      }
    }
    if (!best) continue;  // too few labelled rows: undefined is not evidence
    const double n = static_cast<double>(best->a.rows);
    const double gap = best->a.weighted_gap / n;
    // A gap equal to a threshold up to rounding (0.82 - 0.77 is 0.0499…9 in
    // binary) is at the threshold.
    if (gap + kRounding < rule.warning_gap) continue;
    const std::string severity = gap + kRounding >= rule.critical_gap ? "critical" : "warning";
    const std::string name = SegmentName(segment.first, segment.second);
    out.push_back({.category = "bias",
                   .severity = severity,
                   .source = "segment",
                   .subject = monitor + "/" + name,
                   .detail = "Segment " + name + " of monitor " + monitor + " had " + best->metric +
                             " " + Fixed(best->a.weighted_segment / n) + " against " +
                             Fixed(best->a.weighted_overall / n) +
                             " for the model overall in the same " +
                             std::to_string(best->a.windows) + " " + best->schedule +
                             " window(s) (" + std::to_string(best->a.rows) +
                             " labelled rows in the segment), " + Fixed(gap) + " lower."});
  }
  return out;
}

}  // namespace airm::governance
