// The impact document (docs/schemas/lineage-impact.v1.json).
#include "airm/report/lineage_documents.h"
#include "graph_json.h"
#include "renderers.h"

namespace airm::lineage::internal {
namespace {

Json ModelJson(const ImpactModel& m) {
  Json via = Json::array(), deployments = Json::array();
  for (const ImpactLink& link : m.via) {
    via.push_back({{"role", link.role},
                   {"digest", link.digest.empty() ? Json(nullptr) : Json(link.digest)},
                   {"dataset", link.dataset.empty() ? Json(nullptr) : Json(link.dataset)},
                   {"run_id", link.run_uuid.empty() ? Json(nullptr) : Json(link.run_uuid)}});
  }
  for (const ImpactDeployment& d : m.deployments) {
    deployments.push_back({{"id", d.id},
                           {"environment", d.environment},
                           {"valid_from", d.valid_from},
                           {"valid_to", OptionalString(d.valid_to)},
                           {"current", d.current()}});
  }
  return {{"id", m.id},
          {"name", m.name},
          {"version", m.version},
          {"reference", m.Reference()},
          {"artifact_digest", m.artifact_digest},
          {"via", std::move(via)},
          {"deployments", std::move(deployments)},
          {"prediction_batches", m.prediction_batches},
          {"predictions", m.predictions}};
}

}  // namespace

std::string RenderImpactJson(const ImpactResult& impact, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("lineage_impact", kImpactSchemaVersion, meta);
  doc["store"] = impact.store;
  doc["dataset"] = DataNodeJson(impact.start);
  const ImpactTotals& t = impact.totals;
  doc["totals"] = {{"runs", t.runs},
                   {"datasets", t.datasets},
                   {"model_versions", t.model_versions},
                   {"deployments", t.deployments},
                   {"current_deployments", t.current_deployments},
                   {"predictions", t.predictions},
                   {"prediction_batches", t.prediction_batches}};
  Json runs = Json::array(), datasets = Json::array(), models = Json::array(),
       batches = Json::array(), findings = Json::array();
  for (const RunNode& r : impact.runs) runs.push_back(RunJson(r));
  for (const DataNode& d : impact.downstream) datasets.push_back(DataNodeJson(d));
  for (const ImpactModel& m : impact.models) models.push_back(ModelJson(m));
  for (const ImpactBatch& b : impact.batches) {
    batches.push_back({{"id", b.id},
                       {"model", b.model},
                       {"rows", b.row_count},
                       {"logged_at", b.logged_at},
                       {"input_dataset", OptionalString(b.input_dataset)},
                       {"via", b.via}});
  }
  for (const Finding& f : impact.findings) findings.push_back(report::FindingJson(f));
  doc["runs"] = std::move(runs);
  doc["datasets"] = std::move(datasets);
  doc["models"] = std::move(models);
  doc["batches"] = std::move(batches);
  doc["findings"] = std::move(findings);
  return report::DumpJson(doc);
}

}  // namespace airm::lineage::internal
