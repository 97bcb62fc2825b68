// RunEvaluation (`airm evaluate`): read the scored data (and optionally a
// reference batch) with their digests, apply the column roles, and run
// AnalyzeEvaluation (metrics, segments, fairness, calibration, slices, tail).
#pragma once

#include <string>

#include "airm/eval_result.h"
#include "airm/evaluate.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/usecases/in_memory_input.h"
#include "airm/usecases/model_under_review.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunEvaluationOptions {
  std::string data = "";       // required: data file with labels and predictions
  std::string reference = "";  // optional: bins numeric segments, anchors the tail
  // Tables in memory instead of the files (profiles are not evaluated).
  InMemoryInput data_in_memory = InMemoryInput();
  InMemoryInput reference_in_memory = InMemoryInput();
  std::string schema_file = "";  // YAML column roles
  EvalSpec spec = {};
  EvalConfig config = {};
  ReadOptions read = {};
  ProgressFn progress = {};
  // A registered NAME@VERSION the data was scored by ("" = none): the
  // evaluation's and the fairness verdicts are recorded with it in the store
  // (model_under_review.h), for its model card.
  std::string model = "";
  store::LocateOptions store = {};
  // Writes the reports before the verdicts are recorded (model_under_review.h).
  WriteReportsFn<EvalResult> write_reports = {};
  Status Validate() const;
};

// InvalidArgument for an invalid configuration (before any file is read);
// the readers' errors; AnalyzeEvaluation's; write_reports' (then nothing is
// recorded).
Result<EvalResult> RunEvaluation(const RunEvaluationOptions& options);

}  // namespace airm::usecases
