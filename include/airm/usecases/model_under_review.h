// The model a drift or evaluation run is about (`--model`), shared by the
// commands that take one (issue 16).
//
//   xgboost:FILE   an XGBoost model file: how much it uses each column is read
//                  from it (drift shows it beside each column's drift);
//   NAME@VERSION   a version registered in the store: its artifact's
//                  importance when the artifact is an XGBoost model, and the
//                  run's verdict is recorded with the version
//                  (store/model_results.h) so its model card shows it.
//
// A verdict is recorded only after the run's reports were written (the
// options' WriteReportsFn), so the store never holds a verdict whose report
// a failed write lost; details_json then names the report files:
// {"reports": ["out/drift.html", ...], ...}.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/chaos_result.h"
#include "airm/chaos/model_adapter.h"
#include "airm/drift_result.h"
#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

// Writes a run's reports (the face renders and commits them) before the use
// case records its verdict: an error is returned as the run's and nothing is
// recorded. Returns the report files written, as given; standard output is
// not a file to point at and is left out.
template <typename RunResult>
using WriteReportsFn = std::function<Result<std::vector<std::string>>(const RunResult&)>;

// Calls `write` (when set) and returns the files it wrote.
template <typename RunResult>
Result<std::vector<std::string>> WriteReports(const WriteReportsFn<RunResult>& write,
                                              const RunResult& result) {
  if (!write) return std::vector<std::string>{};
  return write(result);
}

struct ModelUnderReview {
  std::string spec;                                           // as given
  std::optional<store::ModelVersion> version = std::nullopt;  // NAME@VERSION
  std::string xgboost_path = "";  // the file to read importance from; "" = none known
};

// InvalidArgument for a spec that is neither form; the store's errors
// (NotFound naming the versions that exist) for NAME@VERSION.
Result<ModelUnderReview> ResolveModelUnderReview(const std::string& spec,
                                                 const store::LocateOptions& where);

// The out-of-scope uses of the version's card that name a column condition
// (out_of_scope.h); empty for xgboost: files and cards without any.
std::vector<ScopeRange> ScopeRangesOf(const ModelUnderReview& model);

// Puts the model's importance beside each column (AttachModelUsage). An
// xgboost: file that cannot be read is an error; a registered artifact that is
// not a readable XGBoost model only adds an info finding
// "drift.model_importance_unknown" saying why.
Status AttachModelImportance(const ModelUnderReview& model, const chaos::ModelFileLimits& limits,
                             DriftResult* result);

// Records the drift verdict with model.version (nothing without one);
// `reports`: the report files written for it.
Status RecordDriftVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                          const DriftResult& result, const std::vector<std::string>& reports);
// Records the evaluation verdict, and the fairness verdict when sensitive
// attributes were compared, with model.version (nothing without one).
Status RecordEvaluationVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                               const EvalResult& result, const std::vector<std::string>& reports);
// Records the chaos verdict (kind "chaos") with model.version (nothing without
// one): fail when a failure mode failed or the unperturbed batch was not
// served, warn when one degraded, pass when all were handled, undefined when
// none ran. details_json: {"cases", "failed", "degraded", "handled",
// "families": [{"family", "failed", "degraded", "handled"}], "failed_cases":
// [names, at most 10], "model_spec", "model_sha256", "reports"}.
Status RecordChaosVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                          const chaos::ChaosResult& result,
                          const std::vector<std::string>& reports);

}  // namespace airm::usecases
