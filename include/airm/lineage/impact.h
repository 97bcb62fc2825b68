// Impact: everything downstream of one dataset version — what would be
// touched if those bytes turned out to be wrong.
//
// Impact walks forward from the version's digest (docs/lineage.md):
//   1. runs that read the digest under any name, then the digests those runs
//      wrote, recursively (breadth first, a visited set: cycles end);
//   2. model versions trained, validated or tested on any digest reached
//      (model_version_data), or trained by any run reached;
//   3. every deployment of those model versions, current and past;
//   4. prediction counts per model version (sum of prediction_batches.row_count);
//   5. prediction batches whose logged input is a digest reached or whose
//      recorded preprocessing run is a run reached.
//
// Thread-safety: as trace.h.
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

struct ImpactDeployment {
  int64_t id = 0;
  std::string environment;
  std::string valid_from;
  std::optional<std::string> valid_to;  // empty = still serving
  bool current() const { return !valid_to.has_value(); }
};

// Why a model version is affected: it learned from a digest reached (role
// train | validation | test | evaluation), or a run reached trained it.
struct ImpactLink {
  std::string role;      // the data role, or "training_run"
  std::string digest;    // data links
  std::string dataset;   // data links: "name@version" as recorded for the model
  std::string run_uuid;  // training-run links

  std::string Text() const;  // "train: features@2" / "training run 6f1c…"
};

struct ImpactModel {
  int64_t id = 0;
  std::string name;
  std::string version;
  std::string artifact_digest;
  std::vector<ImpactLink> via;
  std::vector<ImpactDeployment> deployments;
  int64_t prediction_batches = 0;
  int64_t predictions = 0;  // sum of the batches' row counts

  std::string Reference() const;  // "name@version"
};

struct ImpactBatch {
  int64_t id = 0;
  std::string model;  // "name@version"
  int64_t row_count = 0;
  std::string logged_at;
  std::optional<std::string> input_dataset;  // "name@version"
  std::string via;                           // "input data" | "preprocessing run"
};

struct ImpactTotals {
  int64_t runs = 0;
  int64_t datasets = 0;  // distinct digests downstream, the start excluded
  int64_t model_versions = 0;
  int64_t deployments = 0;
  int64_t current_deployments = 0;
  int64_t predictions = 0;
  int64_t prediction_batches = 0;  // batches in `batches`
};

struct ImpactResult {
  std::string store;
  DataNode start;                    // the dataset version's digest, all its names
  std::vector<RunNode> runs;         // breadth first from the start
  std::vector<DataNode> downstream;  // digests written downstream, breadth first
  std::vector<ImpactModel> models;
  std::vector<ImpactBatch> batches;
  ImpactTotals totals;
  std::vector<Finding> findings;
};

// Errors: NotFound when no dataset version has id `dataset_version_id`.
Result<ImpactResult> Impact(store::Database& db, int64_t dataset_version_id);

}  // namespace airm::lineage
