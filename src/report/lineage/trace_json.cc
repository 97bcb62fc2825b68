// The trace document (docs/schemas/lineage-trace.v1.json).
#include <map>

#include "airm/report/lineage_documents.h"
#include "graph_json.h"
#include "renderers.h"

namespace airm::lineage::internal {
namespace {

Json VerificationJson(const TraceResult& trace) {
  std::map<FileState, int64_t> counts;
  for (const TracedData& d : trace.data) {
    for (const FileCheck& f : d.node.files) ++counts[f.state];
  }
  if (trace.model.file) ++counts[trace.model.file->state];
  return {{"performed", trace.files_verified},
          {"ok", counts[FileState::kOk]},
          {"changed", counts[FileState::kChanged]},
          {"missing", counts[FileState::kMissing]},
          {"not_local", counts[FileState::kNotLocal]}};
}

Json PredictionJson(const PredictionInfo& p) {
  Json features = nullptr;
  if (p.features_json) {
    features = Json::parse(*p.features_json, nullptr, /*allow_exceptions=*/false);
    if (features.is_discarded()) features = *p.features_json;
  }
  const BatchInfo& b = p.batch;
  return {{"id", p.id},
          {"predicted_at", p.predicted_at},
          {"input_digest", p.input_digest},
          {"output", OptionalString(p.output)},
          {"features", std::move(features)},
          {"batch",
           {{"id", b.id},
            {"rows", b.row_count},
            {"logged_at", b.logged_at},
            {"logged_by", b.logged_by},
            {"source_path", OptionalString(b.source_path)},
            {"input_digest", OptionalString(b.input_digest)},
            {"input_dataset", OptionalString(b.input_dataset)},
            {"preprocessing_run", OptionalString(b.preprocessing_run_uuid)},
            {"recorded_deployment_id", OptionalInt(b.recorded_deployment_id)}}}};
}

Json DeploymentJson(const TraceResult& trace) {
  if (!trace.deployment) return nullptr;
  const DeploymentInfo& d = *trace.deployment;
  return {{"id", d.id},
          {"environment", d.environment},
          {"valid_from", d.valid_from},
          {"valid_to", OptionalString(d.valid_to)},
          {"deployed_by", d.deployed_by},
          {"model", d.model},
          {"matches_model", d.model_version_id == trace.model.id}};
}

Json ModelJson(const ModelVersionInfo& m) {
  Json data = Json::array();
  for (const ModelData& d : m.data) {
    data.push_back({{"role", d.role}, {"digest", d.digest}, {"dataset", d.dataset}});
  }
  return {{"id", m.id},
          {"name", m.name},
          {"version", m.version},
          {"reference", m.Reference()},
          {"artifact_digest", m.artifact_digest},
          {"artifact_path", OptionalString(m.artifact_path)},
          {"artifact_abs_path", OptionalString(m.artifact_abs_path)},
          {"registered_at", m.registered_at},
          {"training_run", OptionalString(m.training_run_uuid)},
          {"data", std::move(data)},
          {"file", m.file ? FileCheckJson(*m.file) : Json(nullptr)}};
}

}  // namespace

std::string RenderTraceJson(const TraceResult& trace, const ReportMeta& meta) {
  Json doc = report::DocumentHeader("lineage_trace", kTraceSchemaVersion, meta);
  doc["store"] = trace.store;
  doc["as_of"] = trace.as_of;
  doc["as_of_source"] = trace.as_of_given ? "option" : "prediction";
  doc["verification"] = VerificationJson(trace);
  doc["prediction"] = PredictionJson(trace.prediction);
  doc["deployment"] = DeploymentJson(trace);
  doc["deployment_basis"] = trace.deployment_basis;
  doc["model_version"] = ModelJson(trace.model);
  doc["reference_time"] = {{"kind", trace.reference_kind}, {"at", trace.reference_time}};
  Json runs = Json::array();
  for (const TracedRun& r : trace.runs) {
    Json run = RunJson(r.run);
    run["role_in_trace"] = r.role;
    runs.push_back(std::move(run));
  }
  doc["runs"] = std::move(runs);
  Json datasets = Json::array();
  for (const TracedData& d : trace.data) {
    Json node = DataNodeJson(d.node);
    node["side"] = TraceSideName(d.side);
    datasets.push_back(std::move(node));
  }
  doc["datasets"] = std::move(datasets);
  Json findings = Json::array();
  for (const Finding& f : trace.findings) findings.push_back(report::FindingJson(f));
  doc["findings"] = std::move(findings);
  return report::DumpJson(doc);
}

}  // namespace airm::lineage::internal
