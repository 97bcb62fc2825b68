// "system_lineage": the serving versions of an AI system's models with their
// chaos verdicts, prediction logs, monitors and lineage graphs (airm/lineage/model_graph.h), for
// the dashboard's system page. Shape in docs/server.md.
#include "airm/lineage/model_graph.h"
#include "airm/report/json_util.h"
#include "airm/report/lineage_documents.h"

namespace airm::lineage {
namespace {

using report::Json;

Json OrNull(const std::optional<std::string>& s) { return s ? Json(*s) : Json(nullptr); }

Json GraphJson(const ModelGraph& g) {
  Json nodes = Json::array(), edges = Json::array();
  for (const GraphNode& n : g.nodes) {
    nodes.push_back({{"id", n.id}, {"kind", n.kind}, {"label", n.label}, {"detail", n.detail}});
  }
  for (const GraphEdge& e : g.edges) {
    edges.push_back({{"from", e.from}, {"to", e.to}, {"label", e.label}});
  }
  return {{"nodes", std::move(nodes)}, {"edges", std::move(edges)}, {"truncated", g.truncated}};
}

Json PredictionsJson(const store::PredictionLogSummary& log) {
  Json parts = Json::array();
  for (const store::PredictionLogPart& p : log.parts) {
    parts.push_back({{"environment", p.environment.empty() ? Json(nullptr) : Json(p.environment)},
                     {"batches", p.batches},
                     {"predictions", p.predictions},
                     {"first_logged_at", p.first_logged_at},
                     {"last_logged_at", p.last_logged_at}});
  }
  return {{"batches", log.batches},
          {"predictions", log.predictions},
          {"first_logged_at", OrNull(log.first_logged_at)},
          {"last_logged_at", OrNull(log.last_logged_at)},
          {"labelled", log.labelled ? Json(*log.labelled) : Json(nullptr)},
          {"by_deployment", std::move(parts)}};
}

Json MonitorJson(const WatchingMonitor& m) {
  Json window = nullptr;
  if (m.last_window) {
    window = {{"schedule", m.last_window->schedule},
              {"label", m.last_window->label},
              {"window_end", m.last_window->window_end},
              {"status", m.last_window->status},
              {"rows", m.last_window->rows}};
  }
  Json alerts = Json::array();
  for (const MonitorOpenAlert& a : m.open_alerts) {
    alerts.push_back(
        {{"alert", a.alert}, {"state", a.state}, {"severity", a.severity}, {"episode", a.episode}});
  }
  return {{"name", m.name},
          {"reads", m.reads},
          {"last_window", std::move(window)},
          {"alert_state", m.AlertState()},
          {"open_alerts", std::move(alerts)}};
}

Json ModelJson(const ServingModel& m) {
  Json deployments = Json::array(), chaos = Json::array();
  for (const store::Deployment& d : m.deployments) {
    deployments.push_back({{"environment", d.environment}, {"valid_from", d.valid_from}});
  }
  Json monitors = Json::array();
  for (const WatchingMonitor& w : m.monitors) monitors.push_back(MonitorJson(w));
  for (const store::ModelResult& r : m.chaos) {
    chaos.push_back({{"status", r.status},
                     {"summary", r.summary},
                     {"data_path", OrNull(r.data_path)},
                     {"recorded_at", r.recorded_at},
                     {"recorded_by", r.recorded_by},
                     {"result_id", r.id}});
  }
  return {{"model", m.version.name},
          {"version", m.version.version},
          {"ref", m.version.Ref()},
          {"deployed", m.deployed},
          {"deployments", std::move(deployments)},
          {"chaos", std::move(chaos)},
          {"predictions", PredictionsJson(m.predictions)},
          {"monitors", std::move(monitors)},
          {"graph", GraphJson(m.graph)}};
}

}  // namespace

std::string RenderSystemLineageJson(const std::string& system,
                                    const std::vector<ServingModel>& models,
                                    const std::string& monitors_note, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("system_lineage", kSystemLineageSchemaVersion, meta);
  doc["system"] = system;
  Json list = Json::array();
  for (const ServingModel& m : models) list.push_back(ModelJson(m));
  doc["models"] = std::move(list);
  doc["monitors_note"] = monitors_note.empty() ? Json(nullptr) : Json(monitors_note);
  doc["findings"] = Json::array();
  return report::DumpJson(doc);
}

}  // namespace airm::lineage
