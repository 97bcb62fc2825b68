// "system_lineage": the serving versions of an AI system's models with their
// chaos verdicts and lineage graphs (airm/lineage/model_graph.h), for the
// dashboard's system page. Shape in docs/server.md.
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

Json ModelJson(const ServingModel& m) {
  Json deployments = Json::array(), chaos = Json::array();
  for (const store::Deployment& d : m.deployments) {
    deployments.push_back({{"environment", d.environment}, {"valid_from", d.valid_from}});
  }
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
          {"graph", GraphJson(m.graph)}};
}

}  // namespace

std::string RenderSystemLineageJson(const std::string& system,
                                    const std::vector<ServingModel>& models,
                                    const ReportMeta& meta) {
  Json doc = report::DocumentHeader("system_lineage", kSystemLineageSchemaVersion, meta);
  doc["system"] = system;
  Json list = Json::array();
  for (const ServingModel& m : models) list.push_back(ModelJson(m));
  doc["models"] = std::move(list);
  doc["findings"] = Json::array();
  return report::DumpJson(doc);
}

}  // namespace airm::lineage
