#include "airm/report/store_documents.h"

#include "airm/report/json_util.h"
#include "store_record_json.h"

namespace airm::report {
namespace {

Json SchemaColumnJson(const usecases::SchemaColumn& c) {
  return {{"name", c.name}, {"type", c.type}};
}

Json ColumnSummaryJson(const std::optional<usecases::ColumnSummary>& summary) {
  if (!summary) return nullptr;
  const usecases::ColumnSummary& s = *summary;
  Json out = Json::object();
  out["type"] = s.type;
  out["rows"] = s.rows;
  out["missing_share"] = JsonNumber(s.missing_share);
  if (s.numeric) {
    out["mean"] = JsonNumber(s.mean);
    out["stddev"] = JsonNumber(s.stddev);
    out["p05"] = JsonNumber(s.p05);
    out["p50"] = JsonNumber(s.p50);
    out["p95"] = JsonNumber(s.p95);
  } else {
    Json tops = Json::array();
    for (const usecases::TopValueShare& t : s.top_values) {
      tops.push_back({{"value", t.value}, {"share", JsonNumber(t.share)}});
    }
    out["top_values"] = std::move(tops);
  }
  return out;
}

}  // namespace

std::string RenderDatasetRegistrationJson(const usecases::RegisteredDatasetVersion& r,
                                          const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_registration", meta);
  doc["created"] = r.created;
  doc["note"] = OrNull(r.note);
  doc["dataset_version"] = DatasetVersionJson(r.version, false);
  doc["findings"] = FindingsJson(r.findings);
  return DumpJson(doc);
}

std::string RenderDatasetDiffJson(const usecases::DatasetDiff& d, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_diff", meta);
  auto side = [](const store::DatasetVersion& v) {
    return Json{{"ref", v.Ref()}, {"digest", v.digest}, {"rows", OrNull(v.row_count)}};
  };
  doc["a"] = side(d.a);
  doc["b"] = side(d.b);
  doc["same_content"] = d.same_content;
  Json added = Json::array(), removed = Json::array(), retyped = Json::array();
  for (const usecases::SchemaColumn& c : d.added) added.push_back(SchemaColumnJson(c));
  for (const usecases::SchemaColumn& c : d.removed) removed.push_back(SchemaColumnJson(c));
  for (const usecases::RetypedColumn& c : d.retyped) {
    retyped.push_back({{"name", c.name}, {"from", c.from}, {"to", c.to}});
  }
  doc["schema"] = {{"comparable", d.schema_comparable},
                   {"added", std::move(added)},
                   {"removed", std::move(removed)},
                   {"retyped", std::move(retyped)}};
  Json columns = Json::array();
  for (const usecases::ColumnDiff& c : d.columns) {
    columns.push_back(
        {{"name", c.name}, {"a", ColumnSummaryJson(c.a)}, {"b", ColumnSummaryJson(c.b)}});
  }
  doc["columns"] = std::move(columns);
  doc["findings"] = FindingsJson(d.findings);
  return DumpJson(doc);
}

std::string RenderDatasetCheckJson(const usecases::DatasetCheck& c, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("dataset_check", meta);
  doc["dataset"] = {{"ref", c.dataset.Ref()}, {"digest", c.dataset.digest}};
  doc["reference"] = {
      {"ref", c.reference.Ref()}, {"digest", c.reference.digest}, {"self", c.self_reference}};
  doc["status"] = CheckStatusName(c.status);
  doc["executed_at"] = c.executed_at;
  Json checks = Json::array();
  for (const usecases::QualityFamily& f : c.families) {
    Json metrics = Json::object();
    for (const auto& [subject, value] : f.metrics) metrics[subject] = JsonNumber(value);
    Json findings = Json::array();
    for (const QualityCheck& q : f.not_passed) {
      findings.push_back({{"column", q.column.empty() ? Json(nullptr) : Json(q.column)},
                          {"status", CheckStatusName(q.status)},
                          {"message", q.message},
                          {"warn_threshold", JsonNumber(q.warn_threshold)},
                          {"fail_threshold", JsonNumber(q.fail_threshold)}});
    }
    checks.push_back({{"name", f.name},
                      {"status", CheckStatusName(f.status)},
                      {"metrics", std::move(metrics)},
                      {"findings", std::move(findings)}});
  }
  doc["checks"] = std::move(checks);
  doc["findings"] = FindingsJson(c.findings);
  return DumpJson(doc);
}

std::string RenderExecutedRunJson(const usecases::ExecutedRun& r, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("run", meta);
  doc["run"] = RunJson(r.run);
  doc["duration_seconds"] = r.duration_seconds;
  doc["outcome"] = usecases::RunOutcomeName(r.outcome);
  Json inputs = Json::array();
  for (const usecases::RunFileVersion& in : r.inputs) {
    inputs.push_back({{"ref", in.version.Ref()},
                      {"digest", in.version.digest},
                      {"role", in.role},
                      {"path", in.path}});
  }
  doc["inputs"] = std::move(inputs);
  Json outputs = Json::array();
  for (const usecases::RunFileVersion& out : r.outputs) {
    outputs.push_back(
        {{"ref", out.version.Ref()}, {"digest", out.version.digest}, {"path", out.path}});
  }
  doc["outputs"] = std::move(outputs);
  doc["findings"] = FindingsJson(r.findings);
  return DumpJson(doc);
}

std::string RenderLoggedPredictionsJson(const usecases::LoggedPredictions& p,
                                        const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("prediction_batch", meta);
  doc["batch_id"] = p.batch_id;
  doc["rows"] = p.rows;
  doc["first_prediction_id"] = p.first_prediction_id;
  doc["model_version"] = p.model.Ref();
  doc["deployment"] = p.deployment ? DeploymentJson(*p.deployment) : Json(nullptr);
  doc["dataset_version"] = DatasetVersionJson(p.dataset, false);
  doc["preprocessing_run"] = OrNull(p.preprocessing_run);
  doc["id_column"] = OrNull(p.id_column);
  doc["time_column"] = OrNull(p.time_column);
  doc["output_column"] = OrNull(p.output_column);
  doc["feature_columns"] = p.feature_columns;
  doc["seconds"] = p.seconds;
  doc["findings"] = FindingsJson(p.findings);
  return DumpJson(doc);
}

std::string RenderDeployedJson(const usecases::Deployed& d, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("deployment", meta);
  doc["unchanged"] = d.outcome.unchanged;
  doc["model_version"] = d.model.Ref();
  doc["deployment"] = DeploymentJson(d.outcome.current);
  if (d.outcome.closed) {
    Json closed = DeploymentJson(*d.outcome.closed);
    closed["model_version"] = d.replaced ? Json(d.replaced->Ref()) : Json(nullptr);
    doc["closed"] = std::move(closed);
  } else {
    doc["closed"] = nullptr;
  }
  doc["findings"] = FindingsJson(d.findings);
  return DumpJson(doc);
}

}  // namespace airm::report
