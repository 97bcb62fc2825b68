// The read side of monitoring (`airm monitor status|history|export`,
// `airm alerts list|ack|silence|outbox`): what the monitors computed and which
// alert episodes are open, read from the store and airm.yaml.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/gate.h"
#include "airm/monitor/learned_threshold.h"
#include "airm/monitor/prometheus.h"
#include "airm/status.h"
#include "airm/store/alert_episodes.h"
#include "airm/store/workspace.h"
#include "airm/usecases/monitor_config_cache.h"
#include "airm/usecases/monitor_history_cache.h"

namespace airm::usecases {

// A learned rule's threshold as of a schedule's latest window with a result
// (its `alert_thresholds` entry).
struct LearnedRuleThreshold {
  std::string alert = "";
  std::string window = "";  // the window's label
  std::string status = "";  // ok | insufficient_evidence
  int64_t windows = 0;      // learned from (from: reference, the chunks with a value)
  std::string from = "";    // backfill | reference
  // from: reference: the chunks the reference was cut into and their size.
  std::optional<int64_t> chunks = {};
  std::optional<int64_t> chunk_rows = {};
  std::optional<double> lower = {};
  std::optional<double> upper = {};
  std::optional<double> expected_false_alarm_rate = {};
  std::optional<double> false_alarm_rate_with_n = {};
};

struct ScheduleStatus {
  std::string schedule = "";  // "week-drift"
  int64_t windows = 0;        // stored (latest versions)
  int64_t empty_windows = 0;
  std::optional<std::string> last_label = {};
  std::optional<std::string> last_window_end = {};
  std::optional<std::string> last_status = {};
  std::string next_window_label = "";
  std::string next_due = "";  // when the next window not yet stored ends (it is due then)
  std::vector<LearnedRuleThreshold> learned_thresholds = {};  // the monitor's learned rules
};

// An alert rule of airm.yaml with its numeric comparisons, so a chart of
// the metric can draw the threshold (gate.h's GateThresholds).
struct AlertRuleStatus {
  std::string name = "";
  std::string when = "";
  std::string severity = "";
  int for_windows = 1;
  std::vector<GateThreshold> thresholds = {};
  // `learn:` of a rule whose threshold is learned (its values per schedule:
  // ScheduleStatus::learned_thresholds); nullopt for a fixed threshold.
  std::optional<monitor::LearnSpec> learn = {};
  // A learned rule: the metric it compares and, per side it fires on, the
  // operator and the `monitor history` metric of the threshold window by
  // window ("alert_thresholds.x-shift.upper"), for drawing it on the chart.
  struct LearnedLine {
    std::string op = "";
    std::string history_metric = "";
  };
  std::string learned_metric = "";
  std::vector<LearnedLine> learned_lines = {};
};

struct MonitorStatusEntry {
  std::string monitor = "";
  std::string model = "";  // "" = none
  std::string time_zone = "";
  std::vector<AlertRuleStatus> rules = {};
  std::vector<ScheduleStatus> schedules = {};
  std::vector<store::AlertEpisode> open_alerts = {};
};

// `config_cache` in the options below: the monitors of airm.yaml as a
// server keeps them (monitor_config_cache.h); nullptr reads the file.

struct MonitorStatusOptions {
  store::LocateOptions store = {};
  std::string as_of = "";  // "" = now; decides the next due window
  MonitorConfigCache* config_cache = nullptr;
};

// Each monitor of airm.yaml in file order. The workspace's and the config's errors.
Result<std::vector<MonitorStatusEntry>> MonitorStatus(const MonitorStatusOptions& options);

struct HistoryPoint {
  std::string label = "";
  std::string window_start = "";
  std::string window_end = "";
  std::string schedule = "";
  int64_t version = 1;
  std::string status = "";           // ok | empty | estimated
  std::optional<double> value = {};  // numbers and booleans (1/0); nullopt otherwise
  std::string value_json = "null";   // the value as JSON text ("null" when empty or undefined)
};

struct MonitorHistoryOptions {
  store::LocateOptions store = {};
  std::string monitor = "";
  std::string metric = "";    // a gate path into each window's result JSON
  std::string schedule = "";  // "" = every schedule
  // Values already read (a server's workers share one); nullptr reads every window.
  MonitorHistoryCache* cache = nullptr;
  MonitorConfigCache* config_cache = nullptr;
};

// NotFound listing the known monitors; InvalidArgument naming the window when
// the path does not exist in a window's result (with what exists there).
Result<std::vector<HistoryPoint>> MonitorHistory(const MonitorHistoryOptions& options);

struct ExportMetricsOptions {
  store::LocateOptions store = {};
  MonitorConfigCache* config_cache = nullptr;
};

// The latest window of every monitor's schedule as Prometheus samples:
// rows, end time, input/output drift, per-column effect size and drift (input
// and output columns in families of their own; under `fdr:` the
// false-discovery-controlled verdicts), and one airm_monitor_alert_firing per
// configured rule (1 while firing).
Result<std::vector<monitor::MetricFamily>> ExportMonitorMetrics(
    const ExportMetricsOptions& options);

struct AlertListOptions {
  store::LocateOptions store = {};
  std::string monitor = "";
  bool open_only = false;
  MonitorConfigCache* config_cache = nullptr;
};
Result<std::vector<store::AlertEpisode>> ListAlerts(const AlertListOptions& options);

struct AlertActionOptions {
  store::LocateOptions store = {};
  std::string episode = "";  // an episode id or a prefix of at least 6 characters
  std::string by = "";       // ack: who
  std::string until = "";    // silence: ISO 8601 expiry (required)
};
Status AckAlert(const AlertActionOptions& options);

struct OutboxListOptions {
  store::LocateOptions store = {};
  bool pending_only = false;
};
// The alert outbox (`airm alerts outbox`): every notification queued for a
// channel, delivered or still pending, oldest first.
Result<std::vector<alerting::OutboxEntry>> ListAlertOutbox(const OutboxListOptions& options);
Status SilenceAlert(const AlertActionOptions& options);

}  // namespace airm::usecases
