// RunChaos (`airm chaos`): read the labelled data with its digest, apply the
// column roles, read the constraints file and the xgboost meta a model spec
// names, reach the model (and the fallback), and run the failure-mode suite
// (chaos::RunChaos). The result names its inputs (data path, SHA-256, rows;
// model file and constraints digests) and carries the findings; gates and
// rendering are the caller's.
//
// What an xgboost: spec's meta file says (threshold, positive label, feature
// columns) fills the options left unset, so no flag repeats the meta.
//
// A face that holds the model or the data itself (the Python package: a
// callable, a DataFrame) passes them in place of the spec and the file:
// `model_adapter` and `data_in_memory`.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/chaos.h"
#include "airm/chaos/chaos_result.h"
#include "airm/chaos/manipulation.h"
#include "airm/chaos/model_adapter.h"
#include "airm/read_options.h"
#include "airm/status.h"
#include "airm/usecases/in_memory_input.h"
#include "airm/usecases/model_under_review.h"
#include "airm/usecases/store_access.h"

namespace airm::usecases {

struct RunChaosOptions {
  // Required: MLflow URL, kserve://, cmd:, xgboost: spec, or a registered
  // NAME@VERSION run in-process from its XGBoost artifact (its verdict is
  // then recorded with it, as with `model_version`).
  std::string model = "";
  // The registered NAME@VERSION the `model` spec serves ("" = none): the
  // verdict is recorded with it in the store (model_under_review.h), for its
  // model card and governance evidence.
  std::string model_version = "";
  store::LocateOptions store = {};  // where NAME@VERSION is looked up
  std::string data = "";            // required: labelled data file
  // A model the caller adapts itself (not owned, outlives the call), used in
  // place of a spec; `model` then only names it in the report (e.g.
  // "python:score_fn"). The upstream family does not apply to it.
  chaos::ModelAdapter* model_adapter = nullptr;
  // The labelled data as a table the caller holds, in place of `data`
  // (a table built for this one call: the schema's roles are applied to it).
  InMemoryInput data_in_memory = InMemoryInput();
  std::string target = "";            // required: the true label (or value) column
  std::string fallback = "";          // const:V, rule:..., or a second model spec
  std::string constraints_file = "";  // YAML constraints (manipulation family)
  std::string schema_file = "";       // YAML column roles; non-feature roles are not sent
  // Unset: the xgboost meta's, else as chaos::ChaosOptions decides.
  std::optional<std::string> positive_label = std::nullopt;
  std::optional<double> threshold = std::nullopt;  // unset: the meta's, else 0.5
  // Unset: the default families, plus manipulation when constraints are given.
  std::optional<std::string> suite = std::nullopt;
  std::vector<std::string> features = {};  // empty: the meta's feature columns, else all
  std::vector<std::string> exclude = {};
  size_t batch_rows = 100;
  uint64_t seed = 42;
  int bootstrap = 200;
  std::vector<int> load_levels = {};               // empty: the load family's default
  std::optional<double> load_rate = std::nullopt;  // open-loop requests per second
  int max_categories = chaos::ManipulationOptions{}.max_categories;
  double timeout_seconds = 10.0;
  int retries = 2;
  chaos::ModelFileLimits model_limits = {};
  ReadOptions read = {};
  ProgressFn progress = {};
  chaos::ChaosProgress case_progress = {};  // after each case (display only)
  // Writes the reports before the verdict is recorded (model_under_review.h).
  WriteReportsFn<chaos::ChaosResult> write_reports = {};

  // InvalidArgument naming the flag of a value out of range (checked before
  // any file is read or model reached).
  Status Validate() const;
};

// InvalidArgument for invalid options; the readers' errors; a malformed
// constraints, schema or meta file (naming it); the store's for a
// NAME@VERSION (resolved before any data is read); chaos::RunChaos's errors;
// write_reports' (then nothing is recorded). A model that fails is not an
// error: it is what the result records.
Result<chaos::ChaosResult> RunChaos(const RunChaosOptions& options);

// The shorthands of chaos gates (--fail-on failed / degraded), shared by
// every face that gates a chaos report.
const std::map<std::string, std::vector<std::string>>& ChaosGateAliases();

}  // namespace airm::usecases
