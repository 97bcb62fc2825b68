#include "airm/lineage/trace.h"

#include <algorithm>
#include <set>

#include "file_verifier.h"
#include "graph_queries.h"
#include "graph_walk.h"
#include "trace_findings.h"

namespace airm::lineage {
namespace {

using internal::DatasetReference;
using store::Database;
using store::Row;

struct BatchKeys {
  int64_t model_version_id = 0;
  std::optional<int64_t> input_dataset_version_id;
  std::optional<int64_t> preprocessing_run_id;
};

Result<BatchKeys> LoadPrediction(Database& db, const std::string& prediction_id,
                                 PredictionInfo* out) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT p.prediction_id, p.predicted_at, p.input_digest, p.output,"
               " p.features_json, b.id, b.model_version_id, b.deployment_id,"
               " b.input_dataset_version_id, b.preprocessing_run_id, b.source_path,"
               " b.row_count, b.logged_at, b.logged_by"
               " FROM predictions p JOIN prediction_batches b ON b.id = p.batch_id"
               " WHERE p.prediction_id = ?",
               {prediction_id}));
  if (rows.empty()) {
    return Status::NotFound("prediction '" + prediction_id + "' is not logged in the store " +
                            db.Describe());
  }
  const Row& r = rows[0];
  out->id = r.Text(0);
  out->predicted_at = r.Text(1);
  out->input_digest = r.Text(2);
  out->output = r.OptionalText(3);
  out->features_json = r.OptionalText(4);
  out->batch.id = r.Int(5);
  out->batch.recorded_deployment_id = r.OptionalInt(7);
  out->batch.source_path = r.OptionalText(10);
  out->batch.row_count = r.Int(11);
  out->batch.logged_at = r.Text(12);
  out->batch.logged_by = r.Text(13);
  BatchKeys keys;
  keys.model_version_id = r.Int(6);
  keys.input_dataset_version_id = r.OptionalInt(8);
  keys.preprocessing_run_id = r.OptionalInt(9);
  if (keys.input_dataset_version_id) {
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> input,
                          db.Query("SELECT dv.digest, d.name, dv.version FROM dataset_versions dv"
                                   " JOIN datasets d ON d.id = dv.dataset_id WHERE dv.id = ?",
                                   {*keys.input_dataset_version_id}));
    if (!input.empty()) {
      out->batch.input_digest = input[0].Text(0);
      out->batch.input_dataset = DatasetReference(input[0].Text(1), input[0].Int(2));
    }
  }
  return keys;
}

constexpr const char* kDeploymentSelect =
    "SELECT dep.id, dep.environment, dep.valid_from, dep.valid_to, dep.deployed_by,"
    " dep.model_version_id, m.name, mv.version FROM deployments dep"
    " JOIN model_versions mv ON mv.id = dep.model_version_id"
    " JOIN models m ON m.id = mv.model_id ";

// The deployment in force at `at`: in the recorded deployment's environment
// when there is one, else any deployment of the batch's model version.
Status FindDeployment(Database& db, const PredictionInfo& prediction, int64_t model_version_id,
                      TraceResult* trace) {
  std::vector<Row> rows;
  const std::string& at = prediction.predicted_at;
  const std::string in_force =
      " dep.valid_from <= ? AND (dep.valid_to IS NULL OR dep.valid_to > ?)"
      " ORDER BY dep.valid_from DESC, dep.id DESC LIMIT 1";
  if (prediction.batch.recorded_deployment_id) {
    AIRM_ASSIGN_OR_RETURN(std::vector<Row> env,
                          db.Query("SELECT environment FROM deployments WHERE id = ?",
                                   {*prediction.batch.recorded_deployment_id}));
    if (!env.empty()) {
      AIRM_ASSIGN_OR_RETURN(rows, db.Query(std::string(kDeploymentSelect) +
                                               "WHERE dep.environment = ? AND" + in_force,
                                           {env[0].Text(0), at, at}));
      trace->deployment_basis = "recorded environment";
    }
  }
  if (trace->deployment_basis.empty()) {
    AIRM_ASSIGN_OR_RETURN(rows, db.Query(std::string(kDeploymentSelect) +
                                             "WHERE dep.model_version_id = ? AND" + in_force,
                                         {model_version_id, at, at}));
    trace->deployment_basis = "model version";
  }
  if (rows.empty()) {
    trace->deployment_basis = "none in force";
    return Status::Ok();
  }
  const Row& r = rows[0];
  DeploymentInfo d;
  d.id = r.Int(0);
  d.environment = r.Text(1);
  d.valid_from = r.Text(2);
  d.valid_to = r.OptionalText(3);
  d.deployed_by = r.Text(4);
  d.model_version_id = r.Int(5);
  d.model = r.Text(6) + "@" + r.Text(7);
  trace->deployment = std::move(d);
  return Status::Ok();
}

Result<std::optional<int64_t>> LoadModelVersion(Database& db, int64_t id, ModelVersionInfo* out) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT mv.id, m.name, mv.version, mv.artifact_digest, mv.artifact_path,"
               " mv.artifact_abs_path, mv.registered_at, mv.training_run_id"
               " FROM model_versions mv JOIN models m ON m.id = mv.model_id WHERE mv.id = ?",
               {id}));
  if (rows.empty()) return Status::Corrupt("model version " + std::to_string(id) + " is missing");
  const Row& r = rows[0];
  out->id = r.Int(0);
  out->name = r.Text(1);
  out->version = r.Text(2);
  out->artifact_digest = r.Text(3);
  out->artifact_path = r.OptionalText(4);
  out->artifact_abs_path = r.OptionalText(5);
  out->registered_at = r.Text(6);
  std::optional<int64_t> training_run_id = r.OptionalInt(7);
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT mvd.role, dv.digest, d.name, dv.version FROM model_version_data mvd"
      " JOIN dataset_versions dv ON dv.id = mvd.dataset_version_id"
      " JOIN datasets d ON d.id = dv.dataset_id"
      " WHERE mvd.model_version_id = ? ORDER BY mvd.role, d.name, dv.version",
      {id}, [&](const Row& row) {
        out->data.push_back({row.Text(0), row.Text(1), DatasetReference(row.Text(2), row.Int(3))});
        return Status::Ok();
      }));
  return training_run_id;
}

// Runs of both walks in one list: the training run first, then training-side
// runs, then the inference side's; each run once, with its role.
void CollectRuns(const internal::Walk& train, const internal::Walk& infer,
                 std::optional<int64_t> training_run_id,
                 const std::set<int64_t>& inference_preprocessing, TraceResult* trace) {
  std::set<int64_t> seen;
  auto add = [&](const internal::Walk& walk, int64_t id, const std::string& role) {
    if (!seen.insert(id).second) return;
    auto it = walk.runs.find(id);
    if (it != walk.runs.end()) trace->runs.push_back({it->second, role});
  };
  if (training_run_id) add(train, *training_run_id, "training");
  for (int64_t id : train.run_order) add(train, id, "upstream");
  for (int64_t id : infer.run_order) {
    add(infer, id,
        inference_preprocessing.count(id) ? "inference_preprocessing" : "inference_upstream");
  }
}

// One walk with the union of both sides' digests, runs and producer edges.
internal::Walk MergeWalks(const internal::Walk& train, const internal::Walk& infer,
                          std::vector<std::string>* order) {
  internal::Walk merged = train;
  *order = train.digests;
  for (const std::string& digest : infer.digests) {
    if (!merged.HasDigest(digest)) {
      merged.depth[digest] = infer.depth.at(digest);
      order->push_back(digest);
    }
  }
  for (const auto& [id, run] : infer.runs) merged.runs.emplace(id, run);
  for (const auto& [digest, runs] : infer.edges) {
    std::vector<int64_t>& into = merged.edges[digest];
    for (int64_t id : runs) {
      if (std::find(into.begin(), into.end(), id) == into.end()) into.push_back(id);
    }
  }
  return merged;
}

void VerifyFiles(TraceResult* trace) {
  internal::FileVerifier verifier;
  for (TracedData& data : trace->data) {
    std::set<std::string> paths;
    for (const DatasetVersionRef& ref : data.node.registrations) {
      const std::string key = ref.abs_path.value_or("");
      if (!paths.insert(key).second) continue;
      data.node.files.push_back(verifier.Check(ref.abs_path, ref.digest, ref.Reference()));
    }
  }
  trace->model.file = verifier.Check(trace->model.artifact_abs_path, trace->model.artifact_digest,
                                     "model " + trace->model.Reference());
  trace->files_verified = true;
}

}  // namespace

Result<TraceResult> TracePrediction(Database& db, const std::string& prediction_id,
                                    const TraceOptions& options) {
  TraceResult trace;
  trace.store = db.Describe();
  Status status = db.ReadTransaction([&](Database& tx) -> Status {
    AIRM_ASSIGN_OR_RETURN(BatchKeys keys, LoadPrediction(tx, prediction_id, &trace.prediction));
    trace.as_of_given = options.as_of.has_value();
    trace.as_of = options.as_of.value_or(trace.prediction.predicted_at);
    AIRM_RETURN_IF_ERROR(FindDeployment(tx, trace.prediction, keys.model_version_id, &trace));
    AIRM_ASSIGN_OR_RETURN(std::optional<int64_t> training_run_id,
                          LoadModelVersion(tx, keys.model_version_id, &trace.model));

    // Training side: the model's recorded data and the training run's inputs.
    internal::Walk train;
    std::vector<std::string> training_roots;
    for (const ModelData& d : trace.model.data) training_roots.push_back(d.digest);
    std::vector<int64_t> training_runs;
    if (training_run_id) training_runs.push_back(*training_run_id);
    AIRM_RETURN_IF_ERROR(
        internal::WalkUpstream(tx, training_roots, training_runs, trace.as_of, &train));

    // Inference side: the logged file and its recorded preprocessing run.
    internal::Walk infer;
    std::vector<std::string> inference_roots;
    if (trace.prediction.batch.input_digest) {
      inference_roots.push_back(*trace.prediction.batch.input_digest);
    }
    std::vector<int64_t> preprocessing_runs;
    if (keys.preprocessing_run_id) preprocessing_runs.push_back(*keys.preprocessing_run_id);
    AIRM_RETURN_IF_ERROR(
        internal::WalkUpstream(tx, inference_roots, preprocessing_runs, trace.as_of, &infer));

    std::set<int64_t> inference_preprocessing(preprocessing_runs.begin(), preprocessing_runs.end());
    for (const std::string& root : inference_roots) {
      if (auto it = infer.edges.find(root); it != infer.edges.end()) {
        inference_preprocessing.insert(it->second.begin(), it->second.end());
      }
    }
    if (training_run_id) {
      if (auto it = train.runs.find(*training_run_id); it != train.runs.end()) {
        trace.model.training_run_uuid = it->second.uuid;
        trace.reference_time = it->second.started_at;
        trace.reference_kind = "training run start";
      }
    }
    if (trace.reference_time.empty()) {
      trace.reference_time = trace.model.registered_at;
      trace.reference_kind = "model registration";
    }
    if (keys.preprocessing_run_id) {
      if (auto it = infer.runs.find(*keys.preprocessing_run_id); it != infer.runs.end()) {
        trace.prediction.batch.preprocessing_run_uuid = it->second.uuid;
      }
    }
    CollectRuns(train, infer, training_run_id, inference_preprocessing, &trace);

    std::vector<std::string> order;
    internal::Walk merged = MergeWalks(train, infer, &order);
    AIRM_ASSIGN_OR_RETURN(std::vector<DataNode> nodes,
                          internal::BuildDataNodes(tx, merged, order,
                                                   {.as_of = trace.as_of,
                                                    .reference_time = trace.reference_time,
                                                    .producers_from_walk = true}));
    for (DataNode& node : nodes) {
      const bool in_train = train.HasDigest(node.digest);
      const bool in_infer = infer.HasDigest(node.digest);
      TraceSide side = in_train && in_infer ? TraceSide::kBoth
                       : in_train           ? TraceSide::kTraining
                                            : TraceSide::kInference;
      trace.data.push_back({std::move(node), side});
    }
    std::stable_sort(
        trace.data.begin(), trace.data.end(),
        [](const TracedData& a, const TracedData& b) { return a.node.depth < b.node.depth; });
    return Status::Ok();
  });
  if (!status.ok()) return status;
  if (options.verify_files) VerifyFiles(&trace);
  trace.findings = internal::TraceFindings(trace);
  return trace;
}

}  // namespace airm::lineage
