#include "airm/usecases/monitor_queries.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "airm/gate.h"
#include "airm/monitor/windows.h"
#include "airm/store/monitor_windows.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_workspace.h"

namespace airm::usecases {

using internal::MonitorWorkspace;
using internal::OpenMonitorWorkspace;

namespace {

std::optional<double> NumberAt(const nlohmann::json& o, const char* key) {
  if (!o.contains(key) || !o[key].is_number()) return std::nullopt;
  return o[key].get<double>();
}

std::optional<int64_t> IntegerAt(const nlohmann::json& o, const char* key) {
  if (!o.is_object() || !o.contains(key) || !o[key].is_number_integer()) return std::nullopt;
  return o[key].get<int64_t>();
}

// The learned rules' thresholds of the latest window with a result (heads
// oldest first): one stored result read.
Result<std::vector<LearnedRuleThreshold>> LatestLearnedThresholds(
    store::Database& db, const std::vector<store::MonitorWindowRecord>& heads) {
  std::vector<LearnedRuleThreshold> out;
  for (auto it = heads.rbegin(); it != heads.rend(); ++it) {
    if (it->status == "empty") continue;
    AIRM_ASSIGN_OR_RETURN(std::optional<std::string> text, store::MonitorWindowResult(db, it->id));
    if (!text) continue;
    const nlohmann::json doc = nlohmann::json::parse(*text, nullptr, false);
    if (!doc.is_object() || !doc.contains("alert_thresholds") ||
        !doc["alert_thresholds"].is_array()) {
      return out;
    }
    for (const nlohmann::json& a : doc["alert_thresholds"]) {
      if (!a.is_object()) continue;
      const nlohmann::json reference = a.value("reference", nlohmann::json::object());
      out.push_back({.alert = a.value("name", std::string()),
                     .window = it->label,
                     .status = a.value("status", std::string()),
                     .windows = a.value("windows", int64_t{0}),
                     .from = a.value("from", std::string("backfill")),
                     .chunks = IntegerAt(reference, "chunks"),
                     .chunk_rows = IntegerAt(reference, "chunk_rows"),
                     .lower = NumberAt(a, "lower"),
                     .upper = NumberAt(a, "upper"),
                     .expected_false_alarm_rate = NumberAt(a, "expected_false_alarm_rate"),
                     .false_alarm_rate_with_n = NumberAt(a, "false_alarm_rate_with_n")});
    }
    return out;
  }
  return out;
}

}  // namespace

Result<std::vector<MonitorStatusEntry>> MonitorStatus(const MonitorStatusOptions& options) {
  std::optional<std::string> as_of_text =
      options.as_of.empty() ? store::UtcNow() : store::ParseIso8601(options.as_of);
  if (!as_of_text) {
    return Status::InvalidArgument("--as-of: expected an ISO 8601 time with a zone, got '" +
                                   options.as_of + "'");
  }
  AIRM_ASSIGN_OR_RETURN(MonitorWorkspace ws,
                        OpenMonitorWorkspace(options.store, options.config_cache));
  std::vector<MonitorStatusEntry> out;
  for (const monitor::MonitorSpec& m : ws.config->monitors) {
    MonitorStatusEntry entry{.monitor = m.name, .model = m.model, .time_zone = m.time_zone};
    const bool drift = std::any_of(m.schedules.begin(), m.schedules.end(), [](const auto& s) {
      return s.analysis == monitor::Analysis::kDrift;
    });
    bool learns = false;
    for (const monitor::AlertRule& rule : m.alerts) {
      std::vector<GateThreshold> thresholds;
      if (!rule.learn) {
        AIRM_ASSIGN_OR_RETURN(
            thresholds, GateThresholds(rule.when, drift ? DriftWindowAliases() : GateAliases{}));
      }
      learns = learns || rule.learn.has_value();
      std::vector<AlertRuleStatus::LearnedLine> lines;
      for (const auto& [op, bound] : rule.LearnedBounds()) {
        lines.push_back(
            {.op = op, .history_metric = "alert_thresholds." + rule.name + "." + bound});
      }
      entry.rules.push_back({.name = rule.name,
                             .when = rule.when,
                             .severity = monitor::SeverityName(rule.severity),
                             .for_windows = rule.for_windows,
                             .thresholds = std::move(thresholds),
                             .learn = rule.learn,
                             .learned_metric = rule.learn ? rule.learned_path : "",
                             .learned_lines = std::move(lines)});
    }
    for (const monitor::Schedule& s : m.schedules) {
      ScheduleStatus st{.schedule = s.Key()};
      AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> windows,
                            store::ListMonitorWindowHeads(*ws.opened.db, m.name, s.Key()));
      std::set<std::string> done;
      for (const store::MonitorWindowRecord& w : windows) {
        ++st.windows;
        if (w.status == "empty") ++st.empty_windows;
        done.insert(w.window_start);
        st.last_label = w.label;
        st.last_window_end = w.window_end;
        st.last_status = w.status;
      }
      if (learns) {
        AIRM_ASSIGN_OR_RETURN(st.learned_thresholds,
                              LatestLearnedThresholds(*ws.opened.db, windows));
      }
      // The first window from `start` not yet stored: due when it ends.
      // (Rolling: the window closing with the N-th period from `start`, then
      // one period later each.)
      monitor::Window period =
          monitor::WindowContaining(monitor::CanonicalToSeconds(m.start), s.every, m.zone);
      for (int i = 1; i < s.rolling; ++i) {
        period = monitor::NextWindow(period, s.every, m.zone);
      }
      monitor::Window w = monitor::ScheduleWindowEndingWith(s, period, m.zone);
      while (done.count(monitor::SecondsToCanonical(w.start)) > 0) {
        period = monitor::NextWindow(period, s.every, m.zone);
        w = monitor::ScheduleWindowEndingWith(s, period, m.zone);
      }
      st.next_window_label = w.label;
      st.next_due = monitor::SecondsToCanonical(w.end);
      entry.schedules.push_back(std::move(st));
    }
    AIRM_ASSIGN_OR_RETURN(
        entry.open_alerts,
        store::ListAlertEpisodes(*ws.opened.db, {.monitor = m.name, .open_only = true}));
    out.push_back(std::move(entry));
  }
  return out;
}

namespace {

// One window's value of `metric` (a gate path) in its stored result.
Result<HistoryValue> WindowValue(const std::string& metric, const store::MonitorWindowRecord& w,
                                 const std::optional<std::string>& result_json) {
  HistoryValue out;
  if (!result_json) return out;
  // `PATH == null` makes the gate report the value at PATH with the gate
  // language's own path rules, so history and alerts read the same numbers.
  auto gates = EvaluateGates(metric + "==null", *result_json, {});
  // A window holding only an estimate lacks the realized metrics: a gap
  // (value null), as an empty window.
  if (!gates.ok() && w.status == "estimated") return out;
  if (!gates.ok()) {
    return Status(gates.status().code(),
                  "--metric " + metric + " in window " + w.label + ": " + gates.status().message());
  }
  out.value_json = gates->at(0).observed;
  try {
    const nlohmann::json v = nlohmann::json::parse(out.value_json);
    if (v.is_number()) out.value = v.get<double>();
    if (v.is_boolean()) out.value = v.get<bool>() ? 1.0 : 0.0;
  } catch (const nlohmann::json::exception&) {
    // Not JSON text: left as value_json only.
  }
  return out;
}

}  // namespace

Result<std::vector<HistoryPoint>> MonitorHistory(const MonitorHistoryOptions& options) {
  if (options.metric.empty()) return Status::InvalidArgument("--metric must not be empty");
  AIRM_ASSIGN_OR_RETURN(MonitorWorkspace ws,
                        OpenMonitorWorkspace(options.store, options.config_cache));
  AIRM_ASSIGN_OR_RETURN(const monitor::MonitorSpec* m, internal::FindMonitor(ws, options.monitor));
  // The index first; a window's result (a whole drift report) is read and
  // walked only when the cache does not hold its value yet.
  AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> windows,
                        store::ListMonitorWindowHeads(*ws.opened.db, m->name, options.schedule));
  std::vector<HistoryPoint> out;
  for (const store::MonitorWindowRecord& w : windows) {
    HistoryPoint p{.label = w.label,
                   .window_start = w.window_start,
                   .window_end = w.window_end,
                   .schedule = w.schedule,
                   .version = w.version,
                   .status = w.status};
    const std::string key =
        MonitorHistoryCache::Key(ws.opened.workspace.db_path, w.id, w.computed_at, options.metric);
    std::optional<HistoryValue> value;
    if (options.cache != nullptr) value = options.cache->Find(key);
    if (!value) {
      AIRM_ASSIGN_OR_RETURN(std::optional<std::string> result,
                            store::MonitorWindowResult(*ws.opened.db, w.id));
      AIRM_ASSIGN_OR_RETURN(value, WindowValue(options.metric, w, result));
      if (options.cache != nullptr) options.cache->Put(key, *value);
    }
    p.value = value->value;
    p.value_json = std::move(value->value_json);
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

using monitor::MetricFamily;
using monitor::MetricSample;

std::optional<double> Numeric(const nlohmann::json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

// node[key] when node is an object holding it, else null.
const nlohmann::json& At(const nlohmann::json& node, const char* key) {
  static const nlohmann::json kNull;
  if (!node.is_object()) return kNull;
  auto it = node.find(key);
  return it == node.end() ? kNull : *it;
}

}  // namespace

Result<std::vector<MetricFamily>> ExportMonitorMetrics(const ExportMetricsOptions& options) {
  AIRM_ASSIGN_OR_RETURN(MonitorWorkspace ws,
                        OpenMonitorWorkspace(options.store, options.config_cache));
  MetricFamily rows{
      "airm_monitor_window_rows", "Rows in the latest window of a monitor schedule.", "gauge", {}};
  MetricFamily end{"airm_monitor_window_end_timestamp_seconds",
                   "End of the latest computed window (Unix seconds).",
                   "gauge",
                   {}};
  MetricFamily input{"airm_monitor_input_drift",
                     "1 when the latest non-empty window's inputs drifted from the reference.",
                     "gauge",
                     {}};
  MetricFamily output{"airm_monitor_output_drift",
                      "1 when the latest non-empty window's outputs drifted from the reference.",
                      "gauge",
                      {}};
  MetricFamily effect{"airm_monitor_column_effect_size",
                      "Drift effect size per column in the latest non-empty window.",
                      "gauge",
                      {}};
  MetricFamily drifted{"airm_monitor_column_drifted",
                       "1 when the column drifted in the latest non-empty window.",
                       "gauge",
                       {}};
  // The outputs (roles prediction / score) have families of their own, so an
  // input and an output of the same name never share a series.
  MetricFamily output_effect{"airm_monitor_output_column_effect_size",
                             "Drift effect size per output column in the latest non-empty window.",
                             "gauge",
                             {}};
  MetricFamily output_drifted{"airm_monitor_output_column_drifted",
                              "1 when the output column drifted in the latest non-empty window.",
                              "gauge",
                              {}};
  MetricFamily firing{
      "airm_monitor_alert_firing", "1 while the alert rule's episode is firing.", "gauge", {}};
  for (const monitor::MonitorSpec& m : ws.config->monitors) {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<store::AlertEpisode> open,
        store::ListAlertEpisodes(*ws.opened.db, {.monitor = m.name, .open_only = true}));
    for (const monitor::Schedule& s : m.schedules) {
      AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> windows,
                            store::ListMonitorWindowHeads(*ws.opened.db, m.name, s.Key()));
      const std::map<std::string, std::string> labels = {{"monitor", m.name},
                                                         {"schedule", s.Key()}};
      for (const monitor::AlertRule& rule : m.alerts) {
        bool is_firing = false;
        for (const store::AlertEpisode& e : open) {
          is_firing |= e.schedule == s.Key() && e.alert == rule.name && e.state == "firing";
        }
        std::map<std::string, std::string> l = labels;
        l["alert"] = rule.name;
        l["severity"] = monitor::SeverityName(rule.severity);
        firing.samples.push_back({l, is_firing ? 1.0 : 0.0});
      }
      if (windows.empty()) continue;
      rows.samples.push_back({labels, static_cast<double>(windows.back().row_count)});
      end.samples.push_back(
          {labels, static_cast<double>(monitor::CanonicalToSeconds(windows.back().window_end))});
      // The latest window with a result; only its document is read.
      const store::MonitorWindowRecord* latest = nullptr;
      std::optional<std::string> result_json;
      for (auto w = windows.rbegin(); w != windows.rend() && !result_json; ++w) {
        if (w->status == "empty") continue;
        AIRM_ASSIGN_OR_RETURN(result_json, store::MonitorWindowResult(*ws.opened.db, w->id));
        latest = &*w;
      }
      if (!result_json) continue;
      nlohmann::json doc;
      try {
        doc = nlohmann::json::parse(*result_json);
      } catch (const nlohmann::json::exception& e) {
        return Status::Corrupt("monitor '" + m.name + "' window " + latest->label +
                               ": stored result is not JSON: " + e.what());
      }
      // Evaluation windows (realized or estimated) have no verdict or
      // columns: read by At, a missing key is null (const operator[] on a
      // missing key would throw or assert).
      // Under the monitor's `fdr:` the window's `fdr` block holds the
      // false-discovery-controlled verdicts the rules read; the gauges show
      // those (a column without a p-value is in no family: its own verdict).
      const nlohmann::json& fdr = At(doc, "fdr");
      const bool controlled = fdr.is_object();
      // By (output?, name): an input and an output may share a name.
      std::map<std::pair<bool, std::string>, const nlohmann::json*> fdr_columns;
      if (At(fdr, "columns").is_array()) {
        for (const nlohmann::json& c : At(fdr, "columns")) {
          if (!At(c, "name").is_string()) continue;
          const bool is_output = At(c, "output").is_boolean() && At(c, "output").get<bool>();
          fdr_columns[{is_output, At(c, "name").get<std::string>()}] = &c;
        }
      }
      const nlohmann::json& verdict = At(doc, "verdict");
      if (auto v = Numeric(controlled ? At(fdr, "input_drift")
                                      : At(At(verdict, "input_drift"), "drifted"))) {
        input.samples.push_back({labels, *v});
      }
      // Without output columns there is no output verdict to report.
      const nlohmann::json& out_verdict = At(verdict, "output_drift");
      const nlohmann::json& tested = At(out_verdict, "columns_tested");
      if (tested.is_number() && tested > 0) {
        if (auto v = Numeric(controlled ? At(fdr, "output_drift") : At(out_verdict, "drifted"))) {
          output.samples.push_back({labels, *v});
        }
      }
      // Each column's effect size and verdict: under `fdr:` the family's.
      for (const bool is_output : {false, true}) {
        const nlohmann::json& columns = At(doc, is_output ? "outputs" : "columns");
        if (!columns.is_array()) continue;
        for (const nlohmann::json& c : columns) {
          if (!At(c, "name").is_string()) continue;
          std::map<std::string, std::string> l = labels;
          l["column"] = At(c, "name").get<std::string>();
          if (auto v = Numeric(At(c, "effect_size"))) {
            (is_output ? output_effect : effect).samples.push_back({l, *v});
          }
          auto in_family = fdr_columns.find({is_output, l["column"]});
          const nlohmann::json& column_drifted =
              in_family == fdr_columns.end() ? At(c, "drifted") : At(*in_family->second, "drifted");
          if (auto v = Numeric(column_drifted)) {
            (is_output ? output_drifted : drifted).samples.push_back({l, *v});
          }
        }
      }
    }
  }
  return std::vector<MetricFamily>{rows,    end,           input,          output, effect,
                                   drifted, output_effect, output_drifted, firing};
}

Result<std::vector<store::AlertEpisode>> ListAlerts(const AlertListOptions& options) {
  AIRM_ASSIGN_OR_RETURN(MonitorWorkspace ws,
                        OpenMonitorWorkspace(options.store, options.config_cache));
  if (!options.monitor.empty()) {
    AIRM_RETURN_IF_ERROR(internal::FindMonitor(ws, options.monitor).status());
  }
  return store::ListAlertEpisodes(*ws.opened.db,
                                  {.monitor = options.monitor, .open_only = options.open_only});
}

Result<std::vector<alerting::OutboxEntry>> ListAlertOutbox(const OutboxListOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  AIRM_ASSIGN_OR_RETURN(std::vector<alerting::OutboxEntry> entries,
                        alerting::ListOutbox(*opened.db));
  if (options.pending_only) {
    std::erase_if(entries, [](const alerting::OutboxEntry& e) { return e.status != "pending"; });
  }
  return entries;
}

Status AckAlert(const AlertActionOptions& options) {
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return opened.db->WriteTransaction([&](store::Database& tx) {
    return store::AckAlertEpisode(tx, options.episode, options.by, "");
  });
}

Status SilenceAlert(const AlertActionOptions& options) {
  std::optional<std::string> until = store::ParseIso8601(options.until);
  if (!until) {
    return Status::InvalidArgument("--until: expected an ISO 8601 time with a zone, got '" +
                                   options.until + "'");
  }
  AIRM_ASSIGN_OR_RETURN(OpenedStore opened, OpenStore(options.store));
  return opened.db->WriteTransaction(
      [&](store::Database& tx) { return store::SilenceAlertEpisode(tx, options.episode, *until); });
}

}  // namespace airm::usecases
