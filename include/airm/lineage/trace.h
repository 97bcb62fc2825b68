// Trace: the whole data flow behind one logged prediction, as of one moment.
//
// TracePrediction answers "where did this prediction come from?" in steps
// (docs/lineage.md defines each one):
//   1. the prediction and the batch it was logged in;
//   2. the deployment in force when it was made: in the environment of the
//      batch's recorded deployment (or, without one, any environment serving
//      the batch's model version), valid_from <= predicted_at < valid_to;
//   3. the model version (artifact digest) and its training run;
//   4. upstream of the training data (model_version_data + the training run's
//      inputs): for each digest the runs that output the same digest under any
//      name, and their inputs, recursively down to sources with no producer.
//      A visited set makes cycles harmless; runs that started after the as-of
//      time are left out (they could not have produced what was used);
//   5. the inference side: the batch's input file and the run recorded as its
//      preprocessing, with their upstream walked the same way;
//   6. per dataset version: quality-check runs executed up to the as-of time,
//      each placed relative to the training run's start, and column lineage;
//   7. optionally, every file of the trace (dataset versions with a local path
//      and the model artifact) re-hashed: ok / changed / missing.
// Problems (a changed file, no deployment in force, a failed check, data
// never checked before training) become findings, most severe first.
//
// Thread-safety: one Database per thread (database.h); the functions keep no
// state.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/lineage/lineage_graph.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::lineage {

struct TraceOptions {
  // "What the store knew then": runs started and checks executed after this
  // time are left out. Canonical UTC text; empty = the prediction's time.
  std::optional<std::string> as_of;
  // Re-hash every local file of the trace. Off for speed; the result says
  // whether it ran.
  bool verify_files = true;
};

struct BatchInfo {
  int64_t id = 0;
  int64_t row_count = 0;
  std::string logged_at;
  std::string logged_by;
  std::optional<std::string> source_path;
  std::optional<std::string> input_digest;   // the logged file's digest
  std::optional<std::string> input_dataset;  // "name@version"
  std::optional<std::string> preprocessing_run_uuid;
  std::optional<int64_t> recorded_deployment_id;
};

struct PredictionInfo {
  std::string id;
  std::string predicted_at;
  std::string input_digest;  // of the row's canonical feature encoding
  std::optional<std::string> output;
  std::optional<std::string> features_json;
  BatchInfo batch;
};

struct DeploymentInfo {
  int64_t id = 0;
  std::string environment;
  std::string valid_from;
  std::optional<std::string> valid_to;  // empty = still serving
  std::string deployed_by;
  int64_t model_version_id = 0;
  std::string model;  // "name@version" it serves
};

struct ModelData {
  std::string role;  // train | validation | test | evaluation
  std::string digest;
  std::string dataset;  // "name@version"
};

struct ModelVersionInfo {
  int64_t id = 0;
  std::string name;
  std::string version;
  std::string artifact_digest;
  std::optional<std::string> artifact_path;
  std::optional<std::string> artifact_abs_path;
  std::string registered_at;
  std::optional<std::string> training_run_uuid;
  std::vector<ModelData> data;    // from model_version_data
  std::optional<FileCheck> file;  // set when files were verified

  std::string Reference() const;  // "name@version"
};

// Where in the trace a node sits.
enum class TraceSide { kTraining, kInference, kBoth };
const char* TraceSideName(TraceSide side);  // "training", "inference", "both"

struct TracedData {
  DataNode node;
  TraceSide side = TraceSide::kTraining;
};

struct TracedRun {
  RunNode run;
  // "training", "upstream" (produced training-side data), "inference_preprocessing"
  // (recorded for the batch or produced its input), "inference_upstream".
  std::string role;
};

struct TraceResult {
  std::string store;         // Database::Describe()
  std::string as_of;         // the time the trace is taken at
  bool as_of_given = false;  // false: as_of is the prediction's time
  bool files_verified = false;
  PredictionInfo prediction;
  std::optional<DeploymentInfo> deployment;
  // How the deployment was found: "recorded environment", "model version",
  // or "none in force".
  std::string deployment_basis;
  ModelVersionInfo model;
  // Reference time for quality checks: the training run's start, else the
  // model's registration.
  std::string reference_time;
  std::string reference_kind;     // "training run start" | "model registration"
  std::vector<TracedRun> runs;    // training run first, then in walk order
  std::vector<TracedData> data;   // in walk order (breadth first, depth ascending)
  std::vector<Finding> findings;  // most severe first
};

// REQUIRES: options.as_of, when set, is canonical UTC text (store::ParseIso8601).
// Errors: NotFound naming the prediction id when it is not logged; store
// errors as returned by `db`.
Result<TraceResult> TracePrediction(store::Database& db, const std::string& prediction_id,
                                    const TraceOptions& options);

}  // namespace airm::lineage
