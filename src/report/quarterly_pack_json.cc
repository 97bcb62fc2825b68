// The quarterly risk pack's JSON document (airm/report/quarterly_pack.h).
#include "airm/report/json_util.h"
#include "airm/report/monitor_documents.h"
#include "airm/report/quarterly_pack.h"
#include "governance/incident_json.h"
#include "store_record_json.h"

namespace airm::report {

namespace {

// Episodes as `airm alerts list --json` renders them: one format for both.
Json EpisodesJson(const std::vector<store::AlertEpisode>& episodes, const ReportMeta& meta) {
  return Json::parse(RenderAlertListJson(episodes, meta))["episodes"];
}

Json MonitorJson(const usecases::QuarterlyPackMonitor& m, const ReportMeta& meta) {
  int64_t empty = 0, estimated = 0, drifted = 0;
  Json windows = Json::array();
  for (const usecases::PackWindow& w : m.windows) {
    empty += w.status == "empty";
    estimated += w.status == "estimated";
    drifted += w.input_drift.value_or(false) || w.output_drift.value_or(false);
    windows.push_back({{"schedule", w.schedule},
                       {"window", w.label},
                       {"status", w.status},
                       {"rows", w.rows},
                       {"version", w.version},
                       {"input_drift", OrNull(w.input_drift)},
                       {"output_drift", OrNull(w.output_drift)}});
  }
  Json drift = Json::array();
  for (const usecases::PackDriftColumn& c : m.drift) {
    drift.push_back({{"schedule", c.schedule},
                     {"column", c.column},
                     {"windows", c.windows},
                     {"drifted", c.drifted},
                     {"max_effect_size", JsonNumber(c.max_effect_size)},
                     {"max_window", c.max_window}});
  }
  Json performance = Json::array();
  for (const usecases::PackPerformance& p : m.performance) {
    Json estimate = nullptr;
    if (p.estimated) {
      estimate = {{"value", JsonNumber(p.estimated)},
                  {"lower", JsonNumber(p.estimated_lower)},
                  {"upper", JsonNumber(p.estimated_upper)},
                  {"is_estimate", true},
                  {"method", "CBPE"}};
    }
    performance.push_back({{"schedule", p.schedule},
                           {"window", p.label},
                           {"status", p.status},
                           {"metric", p.metric},
                           {"realized", JsonNumber(p.realized)},
                           {"estimated", estimate}});
  }
  Json segments = Json::array();
  for (const usecases::PackSegment& s : m.segments) {
    segments.push_back({{"schedule", s.schedule},
                        {"window", s.label},
                        {"column", s.column},
                        {"value", s.value},
                        {"rows", s.rows},
                        {"sufficient", s.sufficient},
                        {"metric", s.metric},
                        {"realized", JsonNumber(s.realized)}});
  }
  return {{"monitor", m.monitor},
          {"model", m.model.empty() ? Json() : Json(m.model)},
          {"time_zone", m.time_zone},
          {"quarter_start", m.quarter_start},
          {"quarter_end", m.quarter_end},
          {"summary",
           {{"windows", m.windows.size()},
            {"empty", empty},
            {"estimated", estimated},
            {"drifted_windows", drifted},
            {"alerts", m.alerts.size()},
            {"fired", m.fired.size()}}},
          {"windows", windows},
          {"drift", drift},
          {"performance", performance},
          {"segments", segments},
          {"alerts", EpisodesJson(m.alerts, meta)},
          {"fired", EpisodesJson(m.fired, meta)}};
}

}  // namespace

std::string RenderQuarterlyPackJson(const usecases::QuarterlyPack& pack, const ReportMeta& meta) {
  // 1.1: the incident register's incidents and the systems; a monitor's fired
  // episodes are `fired` (1.0 called them `incidents`).
  Json doc = DocumentHeader("quarterly_risk_pack", "1.1", meta);
  doc["quarter"] = pack.quarter;
  doc["quarter_start"] = pack.quarter_start;
  doc["quarter_end"] = pack.quarter_end;
  int64_t open = 0;
  Json incidents = Json::array();
  for (const governance::Incident& i : pack.incidents) {
    open += i.IsOpen();
    incidents.push_back(IncidentJson(i));
  }
  doc["summary"] = {{"monitors", pack.monitors.size()},
                    {"systems", pack.systems.size()},
                    {"incidents", pack.incidents.size()},
                    {"open_incidents", open}};
  doc["systems"] = pack.systems;
  doc["incidents"] = std::move(incidents);
  Json monitors = Json::array();
  for (const usecases::QuarterlyPackMonitor& m : pack.monitors) {
    monitors.push_back(MonitorJson(m, meta));
  }
  doc["monitors"] = monitors;
  return DumpJson(doc);
}

}  // namespace airm::report
