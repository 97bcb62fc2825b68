// The model a drift or evaluation run is about (`--model`), shared by the
// commands that take one (issue 16).
//
//   xgboost:FILE   an XGBoost model file: how much it uses each column is read
//                  from it (drift shows it beside each column's drift);
//   NAME@VERSION   a version registered in the store: its artifact's
//                  importance when the artifact is an XGBoost model, and the
//                  run's verdict is recorded with the version
//                  (store/model_results.h) so its model card shows it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/drift_result.h"
#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/store/records.h"
#include "airm/store/workspace.h"

namespace airm::usecases {

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

// Records the drift verdict with model.version (nothing without one).
Status RecordDriftVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                          const DriftResult& result);
// Records the evaluation verdict, and the fairness verdict when sensitive
// attributes were compared, with model.version (nothing without one).
Status RecordEvaluationVerdict(const ModelUnderReview& model, const store::LocateOptions& where,
                               const EvalResult& result);

}  // namespace airm::usecases
