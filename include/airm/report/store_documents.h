// JSON documents of the store's use cases (airm/usecases/*.h). Each starts
// with the common header (kind, schema_version "1.0", airm_version,
// generated_at, command) and carries the use case's findings; the shapes are
// described in docs/store.md. Pretty-printed, 2-space indent, trailing
// newline; invalid UTF-8 in strings is replaced, never an exception.
#pragma once

#include <string>

#include "airm/lineage/openlineage.h"
#include "airm/report.h"
#include "airm/store/records.h"
#include "airm/usecases/check_dataset.h"
#include "airm/usecases/deploy.h"
#include "airm/usecases/diff_datasets.h"
#include "airm/usecases/exec_run.h"
#include "airm/usecases/init_workspace.h"
#include "airm/usecases/list_datasets.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/register_dataset.h"
#include "airm/usecases/register_model.h"
#include "airm/usecases/verify_datasets.h"

namespace airm::report {

// "dataset_registration": created, note, dataset_version.
std::string RenderDatasetRegistrationJson(const usecases::RegisteredDatasetVersion& r,
                                          const ReportMeta& meta);
// "dataset_diff": a, b, same_content, schema {comparable, added, removed,
// retyped}, columns [{name, a, b}] (null for a side without the column).
std::string RenderDatasetDiffJson(const usecases::DatasetDiff& d, const ReportMeta& meta);
// "dataset_check": dataset, reference {ref, digest, self}, status, checks
// [{name, status, metrics, findings}]; gates read this document.
std::string RenderDatasetCheckJson(const usecases::DatasetCheck& c, const ReportMeta& meta);
// "run": run, duration_seconds, outcome, inputs, outputs.
std::string RenderExecutedRunJson(const usecases::ExecutedRun& r, const ReportMeta& meta);
// "prediction_batch": batch_id, rows, first_prediction_id, model_version,
// deployment, dataset_version, preprocessing_run, the columns used, seconds.
std::string RenderLoggedPredictionsJson(const usecases::LoggedPredictions& p,
                                        const ReportMeta& meta);

// "deployment": unchanged, model_version, deployment, closed (with the
// model_version it served; null when nothing was replaced).
std::string RenderDeployedJson(const usecases::Deployed& d, const ReportMeta& meta);

// "workspace": created, root, name, store, store_schema_version.
std::string RenderWorkspaceJson(const usecases::InitializedWorkspace& w, const ReportMeta& meta);
// "dataset_versions": versions [dataset version without its profile].
std::string RenderDatasetVersionsJson(const usecases::DatasetVersionList& l,
                                      const ReportMeta& meta);
// "dataset_version": dataset_version (with profile), producing_runs (each
// run's inputs as {ref, role}), quality_checks, column_lineage.
std::string RenderDatasetVersionDetailJson(const usecases::DatasetVersionDetail& d,
                                           const ReportMeta& meta);
// "dataset_verification": ok, results [{ref, status, path, expected_digest,
// actual_digest, detail}].
std::string RenderDatasetVerificationJson(const usecases::DatasetVerification& v,
                                          const ReportMeta& meta);
// "model_registration": created, model_version, data [{dataset_version_id,
// role}], metrics_recorded.
// "model_versions": versions [{name, version, artifact_digest, …}].
std::string RenderModelVersionsJson(const std::vector<store::ModelVersion>& versions,
                                    const ReportMeta& meta);
std::string RenderModelRegistrationJson(const usecases::RegisteredModelVersion& r,
                                        const ReportMeta& meta);
// "openlineage_export": out (where the events went), runs, events.
std::string RenderOpenLineageExportJson(const lineage::ExportResult& e, const std::string& out,
                                        const ReportMeta& meta);
// "openlineage_import": file, lines, events, skipped_events, runs_created,
// runs_updated, dataset_versions_created, model_versions_created.
std::string RenderOpenLineageImportJson(const lineage::ImportSummary& s, const std::string& file,
                                        const ReportMeta& meta);

}  // namespace airm::report
