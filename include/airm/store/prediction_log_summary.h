// The prediction log of one model version in a few numbers, for pages that
// show where a model's predictions went (the dashboard's system lineage):
// how many were logged, when, through which deployment, and how many have a
// label. Every read is bounded: the totals come from the batches
// (prediction_batches, indexed by model version), never from the rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

// Labels are counted per model version only while the whole store holds at
// most this many: the store keeps no count per version, and the count reads
// each label (a primary-key look-up of its prediction and its batch per
// label: 2,000 labels about 10 ms on the load benchmark's store of 1,000,000
// predictions, 5,000 labels 17-28 ms, on a loaded machine).
inline constexpr int64_t kLabelledCountLimit = 2000;

// The batches logged through one deployment (or with none).
struct PredictionLogPart {
  std::optional<int64_t> deployment_id = {};  // nullopt: logged without a deployment
  std::string environment = "";               // the deployment's; "" without one
  int64_t batches = 0;
  int64_t predictions = 0;  // the batches' row counts
  std::string first_logged_at = "";
  std::string last_logged_at = "";
};

struct PredictionLogSummary {
  int64_t batches = 0;
  int64_t predictions = 0;
  std::optional<std::string> first_logged_at = {};  // nullopt: nothing logged
  std::optional<std::string> last_logged_at = {};
  // Predictions with a label (`airm labels log`); nullopt when not counted
  // (the store holds more than kLabelledCountLimit labels).
  std::optional<int64_t> labelled = {};
  std::vector<PredictionLogPart> parts = {};  // by deployment id, without one first
};

// Errors: the store's.
Result<PredictionLogSummary> SummarizePredictionLog(Database& db, int64_t model_version_id);

}  // namespace airm::store
