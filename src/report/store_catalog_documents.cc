// The store documents of the commands that read or set up the workspace
// (init, dataset list / show / verify, model register, OpenLineage export and
// import), each from its use case's result struct.
#include "airm/report/json_util.h"
#include "airm/report/store_documents.h"
#include "store_record_json.h"

namespace airm::report {

std::string RenderWorkspaceJson(const usecases::InitializedWorkspace& w, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("workspace", meta);
  doc["created"] = w.created;
  doc["root"] = w.workspace.root;
  doc["name"] = w.workspace.name;
  doc["store"] = store::RedactPostgresUrl(w.workspace.db_path);
  doc["store_schema_version"] = w.schema_version;
  doc["findings"] = FindingsJson(w.findings);
  return DumpJson(doc);
}

std::string RenderDatasetVersionsJson(const usecases::DatasetVersionList& l,
                                      const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_versions", meta);
  Json versions = Json::array();
  for (const store::DatasetVersion& v : l.versions)
    versions.push_back(DatasetVersionJson(v, false));
  doc["versions"] = std::move(versions);
  doc["findings"] = FindingsJson(l.findings);
  return DumpJson(doc);
}

std::string RenderModelVersionsJson(const std::vector<store::ModelVersion>& versions,
                                    const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("model_versions", meta);
  Json list = Json::array();
  for (const store::ModelVersion& v : versions) list.push_back(ModelVersionJson(v));
  doc["versions"] = std::move(list);
  return DumpJson(doc);
}

std::string RenderDatasetVersionDetailJson(const usecases::DatasetVersionDetail& d,
                                           const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_version", meta);
  doc["dataset_version"] = DatasetVersionJson(d.version, true);
  Json runs = Json::array();
  for (const usecases::ProducingRun& p : d.producers) {
    Json r = RunJson(p.run);
    Json inputs = Json::array();
    for (const usecases::DatasetLink& in : p.inputs) {
      inputs.push_back({{"ref", in.ref}, {"role", in.role}});
    }
    r["inputs"] = std::move(inputs);
    runs.push_back(std::move(r));
  }
  doc["producing_runs"] = std::move(runs);
  Json checks = Json::array();
  for (const store::QualityCheckRun& q : d.quality_checks) {
    checks.push_back({{"check", q.check_name},
                      {"status", q.status},
                      {"executed_at", q.executed_at},
                      {"metrics", ParsedOrNull(q.metrics_json)},
                      {"findings", ParsedOrNull(q.findings_json)}});
  }
  doc["quality_checks"] = std::move(checks);
  Json lineage = Json::array();
  for (const usecases::ColumnSource& c : d.column_lineage) {
    lineage.push_back({{"output_column", c.derivation.output_column},
                       {"input", OrNull(c.input_ref)},
                       {"input_column", c.derivation.input_column},
                       {"transformation", c.derivation.transformation},
                       {"description", OrNull(c.derivation.description)}});
  }
  doc["column_lineage"] = std::move(lineage);
  doc["findings"] = FindingsJson(d.findings);
  return DumpJson(doc);
}

std::string RenderDatasetVerificationJson(const usecases::DatasetVerification& v,
                                          const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_verification", meta);
  doc["ok"] = v.ok;
  Json results = Json::array();
  for (const usecases::VersionVerification& r : v.results) {
    results.push_back({{"ref", r.version.Ref()},
                       {"status", usecases::FileVerdictName(r.verdict)},
                       {"path", OrNull(r.version.abs_path)},
                       {"expected_digest", r.version.digest},
                       {"actual_digest", OrNull(r.actual_digest)},
                       {"detail", r.detail}});
  }
  doc["results"] = std::move(results);
  doc["findings"] = FindingsJson(v.findings);
  return DumpJson(doc);
}

std::string RenderModelRegistrationJson(const usecases::RegisteredModelVersion& r,
                                        const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("model_registration", meta);
  doc["created"] = r.created;
  doc["model_version"] = ModelVersionJson(r.version);
  Json data = Json::array();
  for (const store::ModelData& d : r.data) {
    data.push_back({{"dataset_version_id", d.dataset_version_id}, {"role", d.role}});
  }
  doc["data"] = std::move(data);
  doc["metrics_recorded"] = r.metrics_recorded;
  doc["findings"] = FindingsJson(r.findings);
  return DumpJson(doc);
}

std::string RenderOpenLineageExportJson(const lineage::ExportResult& e, const std::string& out,
                                        const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("openlineage_export", meta);
  doc["out"] = out;
  doc["runs"] = e.runs;
  doc["events"] = e.events;
  doc["findings"] = Json::array();
  return DumpJson(doc);
}

std::string RenderOpenLineageImportJson(const lineage::ImportSummary& s, const std::string& file,
                                        const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("openlineage_import", meta);
  doc["file"] = file;
  doc["lines"] = s.lines;
  doc["events"] = s.events;
  doc["skipped_events"] = s.skipped_events;
  doc["runs_created"] = s.runs_created;
  doc["runs_updated"] = s.runs_updated;
  doc["dataset_versions_created"] = s.dataset_versions_created;
  doc["model_versions_created"] = s.model_versions_created;
  doc["findings"] = Json::array();
  return DumpJson(doc);
}

}  // namespace airm::report
