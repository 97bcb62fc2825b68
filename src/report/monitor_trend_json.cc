// The trend report's JSON document (airm/report/monitor_trend.h).
#include "airm/report/json_util.h"
#include "airm/report/monitor_trend.h"
#include "store_record_json.h"

namespace airm::report {

namespace {

// One series: its values per window, thresholds and, for an estimate, its band.
Json SeriesJson(const usecases::TrendSeries& t) {
  Json values = Json::array();
  for (const auto& v : t.values) values.push_back(JsonNumber(v));
  Json thresholds = Json::array();
  for (const usecases::TrendThreshold& th : t.thresholds) {
    Json threshold = {{"alert", th.alert},
                      {"severity", th.severity},
                      {"op", th.op},
                      {"value", JsonNumber(th.value)}};
    if (!th.values.empty()) {
      Json learned = Json::array();
      for (const auto& v : th.values) learned.push_back(JsonNumber(v));
      threshold["learned"] = th.learned;
      threshold["learned_from"] = th.learned_from;
      threshold["values"] = std::move(learned);
    }
    thresholds.push_back(std::move(threshold));
  }
  Json entry = {
      {"path", t.path}, {"title", t.title}, {"values", values}, {"thresholds", thresholds}};
  if (t.estimate) {
    Json lower = Json::array(), upper = Json::array();
    for (const auto& v : t.lower) lower.push_back(JsonNumber(v));
    for (const auto& v : t.upper) upper.push_back(JsonNumber(v));
    entry["is_estimate"] = true;
    entry["method"] = "CBPE";
    entry["lower"] = lower;
    entry["upper"] = upper;
  }
  return entry;
}

}  // namespace

std::string RenderMonitorReportJson(const usecases::MonitorReport& report, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("monitor_report", meta);
  Json monitors = Json::array();
  for (const usecases::MonitorTrend& m : report.monitors) {
    Json schedules = Json::array();
    for (const usecases::ScheduleTrend& s : m.schedules) {
      Json windows = Json::array();
      for (const usecases::TrendWindow& w : s.windows) {
        windows.push_back({{"label", w.label},
                           {"window_start", w.window_start},
                           {"window_end", w.window_end},
                           {"status", w.status},
                           {"rows", w.rows},
                           {"version", w.version}});
      }
      Json series = Json::array();
      for (const usecases::TrendSeries& t : s.series) series.push_back(SeriesJson(t));
      Json segments = Json::array();
      for (const usecases::SegmentEstimateTrend& seg : s.segment_estimates) {
        Json segment_series = Json::array();
        for (const usecases::TrendSeries& t : seg.series) segment_series.push_back(SeriesJson(t));
        segments.push_back({{"segment", seg.segment},
                            {"rows", seg.rows},
                            {"insufficient_windows", seg.insufficient},
                            {"is_estimate", true},
                            {"series", std::move(segment_series)}});
      }
      Json alerts = Json::array();
      for (const usecases::TrendAlertPeriod& a : s.alerts) {
        alerts.push_back({{"alert", a.alert},
                          {"severity", a.severity},
                          {"state", a.state},
                          {"episode_id", a.episode_id},
                          {"start", a.start},
                          {"fired_at", OrNull(a.fired_at)},
                          {"end", a.end}});
      }
      Json schedule = {
          {"schedule", s.schedule}, {"windows", windows}, {"series", series}, {"alerts", alerts}};
      if (!segments.empty()) schedule["segment_estimates"] = std::move(segments);
      schedules.push_back(std::move(schedule));
    }
    monitors.push_back({{"monitor", m.monitor},
                        {"model", m.model.empty() ? Json() : Json(m.model)},
                        {"time_zone", m.time_zone},
                        {"schedules", schedules}});
  }
  doc["monitors"] = monitors;
  doc["omitted"] = report.omitted;
  return DumpJson(doc);
}

}  // namespace airm::report
