// The monitoring trend report (`airm monitor report --html FILE --json FILE`):
// per monitor and schedule, each metric across the stored windows, with the
// alert rules' thresholds and the alert episodes, read from the store.
//
// Series, in order: the window's rows; drift windows: each column's effect
// size (and, with vs_previous, against the previous window); evaluation windows: each metric's
// value (`metrics.NAME.value`) and its CBPE estimate (`estimated.NAME`, with
// the band, marked as an estimate); then every numeric path an alert rule compares
// (`columns.x.psi>0.2`) not already there. A rule's numeric comparisons are the thresholds of the
// series of the same path. Empty windows are missing points (nullopt), never
// 0. Renderers: airm/report/monitor_trend.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

struct TrendWindow {
  std::string label = "";  // "2026-W10"
  std::string window_start = "";
  std::string window_end = "";
  std::string status = "";  // ok | empty | estimated (evaluation: an estimate only)
  int64_t rows = 0;
  int64_t version = 1;
};

struct TrendThreshold {
  std::string alert = "";
  std::string severity = "";  // info | warning | critical
  std::string op = "";        // < <= > >= == !=
  double value = 0;           // a learned threshold: its latest value (NaN before any)
  // A learned threshold (`learn:`): its value in each window, one per window
  // (nullopt where it had too little evidence); empty for a fixed number.
  std::vector<std::optional<double>> values = {};
  std::string learned = "";  // how it is learned and its false-alarm rate, in words
  // What a learned threshold is learned from: "backfill" (the schedule's
  // earlier windows) or "reference" (chunks of the reference); "" when fixed.
  std::string learned_from = "";
};

struct TrendSeries {
  std::string path = "";                           // the gate path ("rows" for the row count)
  std::string title = "";                          // "x effect size"
  std::vector<std::optional<double>> values = {};  // one per window; nullopt = missing
  std::vector<TrendThreshold> thresholds = {};
  // An estimate, not a measurement (evaluation windows' CBPE, `estimated.NAME`):
  // drawn dashed with its band; lower / upper one per window (nullopt = none).
  bool estimate = false;
  std::vector<std::optional<double>> lower = {};
  std::vector<std::optional<double>> upper = {};
};

// One alert episode as a span of windows: [first_window_start, end).
struct TrendAlertPeriod {
  std::string alert = "";
  std::string severity = "";
  std::string state = "";  // pending | firing | resolved | cancelled
  std::string episode_id = "";
  std::string start = "";
  std::optional<std::string> fired_at = {};  // end of the window in which it fired
  std::string end = "";  // resolved: the resolving window's end; else the last window's end
};

// One segment's CBPE estimates over an evaluation schedule's windows: a
// series per estimated metric (path estimated.segments["region=north"].roc_auc),
// each an estimate with its band where the segment had enough rows.
struct SegmentEstimateTrend {
  std::string segment = "";  // "region=north"
  int64_t rows = 0;          // its scored rows, summed over the windows
  int64_t insufficient = 0;  // windows where it had too few rows for a band
  std::vector<TrendSeries> series = {};
};

struct ScheduleTrend {
  std::string schedule = "";  // "week-drift"
  std::vector<TrendWindow> windows = {};
  std::vector<TrendSeries> series = {};
  std::vector<TrendAlertPeriod> alerts = {};
  // Evaluation schedules with segment roles: the segments' estimates, most
  // rows first (max_columns of them; the rest listed in `omitted`).
  std::vector<SegmentEstimateTrend> segment_estimates = {};
};

struct MonitorTrend {
  std::string monitor = "";
  std::string model = "";
  std::string time_zone = "";
  std::vector<ScheduleTrend> schedules = {};
};

struct MonitorReportOptions {
  store::LocateOptions store = {};
  std::string monitor = "";  // "" = every monitor
  // Column effect-size series per drift schedule, largest peak first (the
  // rest are listed, not drawn); rule paths are always kept. Also the
  // segments whose CBPE estimates an evaluation schedule draws.
  size_t max_columns = 12;
  Status Validate() const;
};

struct MonitorReport {
  std::vector<MonitorTrend> monitors = {};
  // Columns left out by max_columns, per "monitor schedule".
  std::vector<std::string> omitted = {};
};

// Errors: the workspace's and airm.yaml's, NotFound listing the monitors for
// an unknown `monitor`, InvalidArgument naming the rule for a `when` that
// does not parse, Corrupt naming the window for a stored result that is not
// JSON.
Result<MonitorReport> BuildMonitorReport(const MonitorReportOptions& options);

}  // namespace airm::usecases
