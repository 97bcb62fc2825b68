// JSON documents of the store's use cases (airm/usecases/*.h). Each starts
// with the common header (kind, schema_version "1.0", airm_version,
// generated_at, command) and carries the use case's findings; the shapes are
// described in docs/store.md. Pretty-printed, 2-space indent, trailing
// newline; invalid UTF-8 in strings is replaced, never an exception.
#pragma once

#include <string>

#include "airm/report.h"
#include "airm/store/records.h"
#include "airm/usecases/check_dataset.h"
#include "airm/usecases/deploy.h"
#include "airm/usecases/diff_datasets.h"
#include "airm/usecases/exec_run.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/register_dataset.h"

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

// One store record as a JSON object (no header), for documents the faces still
// assemble themselves (dataset list / show, model register).
std::string DatasetVersionJsonText(const store::DatasetVersion& v, bool with_profile);
std::string RunJsonText(const store::Run& run);
std::string ModelVersionJsonText(const store::ModelVersion& v);

}  // namespace airm::report
