#include "airm/usecases/monitor_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>

#include "airm/cbpe.h"
#include "airm/gate.h"
#include "airm/store/alert_episodes.h"
#include "airm/store/monitor_windows.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_learning.h"
#include "monitor_workspace.h"

namespace airm::usecases {

using nlohmann::json;

Status MonitorReportOptions::Validate() const {
  if (max_columns == 0) return Status::InvalidArgument("max_columns must be at least 1");
  return Status::Ok();
}

namespace {

std::optional<double> NumberIn(const json& v) {
  if (v.is_number()) return v.get<double>();
  if (v.is_boolean()) return v.get<bool>() ? 1.0 : 0.0;
  return std::nullopt;
}

// A column name as one gate path segment (quoted when it holds characters
// the path syntax uses).
std::string PathSegment(const std::string& name) {
  if (name.find_first_of(".[]`,?'\"<>=! ") == std::string::npos) return name;
  return "`" + name + "`";
}

std::string FormatShort(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", v);
  return buf;
}

double Peak(const TrendSeries& s) {
  double peak = -INFINITY;
  for (const std::optional<double>& v : s.values) {
    if (v && std::isfinite(*v)) peak = std::max(peak, std::fabs(*v));
  }
  return peak;
}

// A learned rule's thresholds (one per side it fires on), window by window
// from each window's `alert_thresholds`: a learned threshold moves as the
// windows it is learned from do (unless frozen by learn.until).
void AddLearnedThresholds(const monitor::AlertRule& rule, const std::vector<json>& docs,
                          TrendSeries* series) {
  for (const auto& [op, bound] : rule.LearnedBounds()) {
    TrendThreshold t{.alert = rule.name,
                     .severity = monitor::SeverityName(rule.severity),
                     .op = op,
                     .value = NAN,
                     .learned_from = rule.learn->from};
    std::optional<double> rate;
    for (const json& doc : docs) {
      std::optional<double> value;
      if (doc.is_object() && doc.contains("alert_thresholds") &&
          doc["alert_thresholds"].is_array()) {
        for (const json& a : doc["alert_thresholds"]) {
          if (!a.is_object() || a.value("name", std::string()) != rule.name) continue;
          if (a.value("status", std::string()) == "ok" && a.contains(bound)) {
            value = NumberIn(a[bound]);
            if (a.contains("expected_false_alarm_rate")) {
              rate = NumberIn(a["expected_false_alarm_rate"]);
            }
          }
        }
      }
      if (value) t.value = *value;  // the latest learned value
      t.values.push_back(value);
    }
    t.learned = std::string(rule.learn->from == "reference" ? "learned from the reference ("
                                                            : "learned from earlier windows (") +
                monitor::LearnMethodName(rule.learn->method) +
                (rule.learn->method == monitor::LearnMethod::kMeanSigma
                     ? ", k " + FormatShort(rule.learn->k)
                     : ", q " + FormatShort(rule.learn->q)) +
                "), expected false-alarm rate " + (rate ? FormatShort(*rate) : "undefined") +
                " per window";
    series->thresholds.push_back(std::move(t));
  }
}

// An estimate series of n windows with its band, nothing known yet.
void MakeEstimate(size_t n, TrendSeries* e) {
  e->estimate = true;
  e->values.assign(n, std::nullopt);
  e->lower.assign(n, std::nullopt);
  e->upper.assign(n, std::nullopt);
}

// Window w of an estimate series from a CBPE section (the window's
// `estimated`, or one of its `segments`): the metric's value and band.
void ReadEstimate(const json& est, const std::string& metric, size_t w, TrendSeries* e) {
  if (est.contains(metric)) e->values[w] = NumberIn(est[metric]);
  if (est.contains("bands") && est["bands"].is_object() && est["bands"].contains(metric)) {
    const json& band = est["bands"][metric];
    if (band.contains("lower")) e->lower[w] = NumberIn(band["lower"]);
    if (band.contains("upper")) e->upper[w] = NumberIn(band["upper"]);
  }
}

// Each segment's CBPE estimates (the windows' estimated.segments), the
// segments with the most scored rows first; past `max_segments` the rest are
// listed in *omitted ("MONITOR SCHEDULE: ...").
void AddSegmentEstimates(const std::vector<json>& docs, size_t max_segments,
                         const std::string& where, ScheduleTrend* trend,
                         std::vector<std::string>* omitted) {
  std::vector<SegmentEstimateTrend> segments;
  std::map<std::string, size_t> index;
  for (size_t w = 0; w < docs.size(); ++w) {
    const json& doc = docs[w];
    if (!doc.is_object() || !doc.contains("estimated") || !doc["estimated"].is_object() ||
        !doc["estimated"].contains("segments") || !doc["estimated"]["segments"].is_array()) {
      continue;
    }
    for (const json& seg : doc["estimated"]["segments"]) {
      if (!seg.is_object() || !seg.contains("name") || !seg["name"].is_string()) continue;
      const std::string name = seg["name"].get<std::string>();
      auto [it, fresh] = index.try_emplace(name, segments.size());
      if (fresh) {
        SegmentEstimateTrend added{.segment = name};
        for (int metric = 0; metric < kCbpeMetricCount; ++metric) {
          const std::string metric_name = kCbpeMetricNames[metric];
          // The gate path of the value (estimated.segments["region=north"].roc_auc).
          TrendSeries e{.path = "estimated.segments[" + json(name).dump() + "]." + metric_name,
                        .title = metric_name + " — " + name + ", estimated (CBPE), not measured"};
          MakeEstimate(docs.size(), &e);
          added.series.push_back(std::move(e));
        }
        segments.push_back(std::move(added));
      }
      SegmentEstimateTrend& t = segments[it->second];
      t.rows += seg.value("rows", int64_t{0});
      if (seg.value("rows", int64_t{0}) > 0 && !seg.value("sufficient", false)) ++t.insufficient;
      for (int metric = 0; metric < kCbpeMetricCount; ++metric) {
        ReadEstimate(seg, kCbpeMetricNames[metric], w, &t.series[metric]);
      }
    }
  }
  std::stable_sort(
      segments.begin(), segments.end(),
      [](const SegmentEstimateTrend& a, const SegmentEstimateTrend& b) { return a.rows > b.rows; });
  for (size_t i = max_segments; i < segments.size(); ++i) {
    omitted->push_back(where + ": estimates of segment " + segments[i].segment);
  }
  if (segments.size() > max_segments) segments.resize(max_segments);
  trend->segment_estimates = std::move(segments);
}

Result<ScheduleTrend> BuildScheduleTrend(store::Database& db, const monitor::MonitorSpec& m,
                                         const monitor::Schedule& s,
                                         const MonitorReportOptions& options,
                                         std::vector<std::string>* omitted) {
  ScheduleTrend trend{.schedule = s.Key()};
  AIRM_ASSIGN_OR_RETURN(std::vector<store::MonitorWindowRecord> records,
                        store::ListMonitorWindows(db, m.name, s.Key()));
  std::vector<json> docs;
  TrendSeries rows{.path = "rows", .title = "rows"};
  for (const store::MonitorWindowRecord& r : records) {
    trend.windows.push_back({.label = r.label,
                             .window_start = r.window_start,
                             .window_end = r.window_end,
                             .status = r.status,
                             .rows = r.row_count,
                             .version = r.version});
    rows.values.push_back(r.status == "empty" ? std::nullopt : std::optional<double>(r.row_count));
    json doc = r.result_json ? json::parse(*r.result_json, nullptr, false) : json();
    if (doc.is_discarded()) {
      return Status::Corrupt("monitor '" + m.name + "' window " + r.label +
                             ": the stored result is not JSON");
    }
    docs.push_back(std::move(doc));
  }
  trend.series.push_back(std::move(rows));

  // The analysis' own headline series, read straight from the documents.
  std::vector<TrendSeries> headline;
  std::map<std::string, size_t> by_path;
  auto series_for = [&](const std::string& path, const std::string& title) -> TrendSeries& {
    auto [it, fresh] = by_path.try_emplace(path, headline.size());
    if (fresh) {
      headline.push_back({.path = path,
                          .title = title,
                          .values = std::vector<std::optional<double>>(docs.size())});
    }
    return headline[it->second];
  };
  for (size_t w = 0; w < docs.size(); ++w) {
    const json& doc = docs[w];
    if (s.analysis == monitor::Analysis::kDrift && doc.contains("columns") &&
        doc["columns"].is_array()) {
      for (const json& c : doc["columns"]) {
        if (!c.contains("name") || !c["name"].is_string() || !c.contains("effect_size")) continue;
        const std::string name = c["name"].get<std::string>();
        series_for("columns." + PathSegment(name) + ".effect_size", name + " effect size")
            .values[w] = NumberIn(c["effect_size"]);
      }
    }
    // vs_previous: the same column against the previous window with rows.
    if (doc.contains("previous") && doc["previous"].contains("columns") &&
        doc["previous"]["columns"].is_array()) {
      for (const json& c : doc["previous"]["columns"]) {
        if (!c.contains("name") || !c["name"].is_string() || !c.contains("effect_size")) continue;
        const std::string name = c["name"].get<std::string>();
        series_for("previous.columns." + PathSegment(name) + ".effect_size",
                   name + " effect size vs previous window")
            .values[w] = NumberIn(c["effect_size"]);
      }
    }
    if (s.analysis == monitor::Analysis::kEvaluation && doc.contains("metrics") &&
        doc["metrics"].is_object()) {
      for (const auto& [name, metric] : doc["metrics"].items()) {
        if (!metric.is_object() || !metric.contains("value")) continue;
        series_for("metrics." + PathSegment(name) + ".value", name).values[w] =
            NumberIn(metric["value"]);
      }
    }
  }
  // CBPE estimates (every evaluation window with rows, labelled or not).
  if (s.analysis == monitor::Analysis::kEvaluation) {
    for (int metric = 0; metric < kCbpeMetricCount; ++metric) {
      const std::string name = kCbpeMetricNames[metric];
      TrendSeries& e = series_for("estimated." + name, name + " — estimated (CBPE), not measured");
      MakeEstimate(docs.size(), &e);
      for (size_t w = 0; w < docs.size(); ++w) {
        const json& doc = docs[w];
        if (!doc.is_object() || !doc.contains("estimated") || !doc["estimated"].is_object()) {
          continue;
        }
        ReadEstimate(doc["estimated"], name, w, &e);
      }
    }
    AddSegmentEstimates(docs, options.max_columns, m.name + " " + s.Key(), &trend, omitted);
  }
  // A column without a single value (new in current data, no comparison)
  // has nothing to draw.
  std::erase_if(headline, [](const TrendSeries& h) { return !std::isfinite(Peak(h)); });
  if (s.analysis == monitor::Analysis::kDrift && headline.size() > options.max_columns) {
    std::stable_sort(headline.begin(), headline.end(),
                     [](const TrendSeries& a, const TrendSeries& b) { return Peak(a) > Peak(b); });
    for (size_t i = options.max_columns; i < headline.size(); ++i) {
      omitted->push_back(m.name + " " + s.Key() + ": " + headline[i].title);
    }
    headline.resize(options.max_columns);
  }

  // The series of a rule's path, added when the analysis has none.
  auto series_of = [&](const std::string& path) -> TrendSeries& {
    auto found = std::find_if(headline.begin(), headline.end(),
                              [&](const TrendSeries& h) { return h.path == path; });
    if (found != headline.end()) return *found;
    TrendSeries added{.path = path, .title = path};
    for (size_t w = 0; w < docs.size(); ++w) {
      added.values.push_back(records[w].result_json
                                 ? internal::GateNumber(path, *records[w].result_json)
                                 : std::nullopt);
    }
    headline.push_back(std::move(added));
    return headline.back();
  };
  // The rules' numeric comparisons: thresholds on their paths' series.
  for (const monitor::AlertRule& rule : m.alerts) {
    if (rule.learn) {
      AddLearnedThresholds(rule, docs, &series_of(rule.learned_path));
      continue;
    }
    auto thresholds = GateThresholds(rule.when, internal::MonitorRuleAliases(m, s));
    if (!thresholds.ok()) {
      return Status::InvalidArgument("monitor '" + m.name + "' alert '" + rule.name + "' (when: " +
                                     rule.when + "): " + thresholds.status().message());
    }
    for (const GateThreshold& t : *thresholds) {
      series_of(t.path).thresholds.push_back({.alert = rule.name,
                                              .severity = monitor::SeverityName(rule.severity),
                                              .op = t.op,
                                              .value = t.value});
    }
  }
  for (TrendSeries& h : headline) trend.series.push_back(std::move(h));

  AIRM_ASSIGN_OR_RETURN(std::vector<store::AlertEpisode> episodes,
                        store::ListAlertEpisodes(db, {.monitor = m.name}));
  for (const store::AlertEpisode& e : episodes) {
    if (e.schedule != s.Key()) continue;
    trend.alerts.push_back({.alert = e.alert,
                            .severity = e.severity,
                            .state = e.state,
                            .episode_id = e.episode_uid,
                            .start = e.first_window_start,
                            .fired_at = e.fired_window_end,
                            .end = e.resolved_window_end.value_or(e.last_window_end)});
  }
  std::sort(trend.alerts.begin(), trend.alerts.end(),
            [](const TrendAlertPeriod& a, const TrendAlertPeriod& b) { return a.start < b.start; });
  return trend;
}

}  // namespace

Result<MonitorReport> BuildMonitorReport(const MonitorReportOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(internal::MonitorWorkspace ws,
                        internal::OpenMonitorWorkspace(options.store));
  if (!options.monitor.empty()) {
    AIRM_RETURN_IF_ERROR(internal::FindMonitor(ws, options.monitor).status());
  }
  MonitorReport report;
  for (const monitor::MonitorSpec& m : ws.config->monitors) {
    if (!options.monitor.empty() && m.name != options.monitor) continue;
    MonitorTrend trend{.monitor = m.name, .model = m.model, .time_zone = m.time_zone};
    for (const monitor::Schedule& s : m.schedules) {
      AIRM_ASSIGN_OR_RETURN(ScheduleTrend st,
                            BuildScheduleTrend(*ws.opened.db, m, s, options, &report.omitted));
      trend.schedules.push_back(std::move(st));
    }
    report.monitors.push_back(std::move(trend));
  }
  return report;
}

}  // namespace airm::usecases
