// Reading the prediction log by time: every logged prediction of a model
// version whose predicted_at falls in [from, to), for monitoring windows.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct LoggedPrediction {
  std::string prediction_id;
  std::string predicted_at;
  std::optional<std::string> features_json;  // only when logged with --store-features
  std::optional<std::string> output;
  std::optional<std::string> label;  // attached later by `airm labels log`
};

// Calls `on_row` for each prediction of the model version in [from, to),
// ordered by time then id; stops early with its error.
Status ForEachPredictionInWindow(Database& db, int64_t model_version_id, const std::string& from,
                                 const std::string& to,
                                 const std::function<Status(const LoggedPrediction&)>& on_row);

// When a label was last attached (`airm labels log`) to any prediction of the
// model version; nullopt when none has a label. Late-label recomputation
// reads it first, so a run after which no label arrived asks nothing more.
Result<std::optional<std::string>> LatestLabelLoggedAt(Database& db, int64_t model_version_id);

// How many predictions of the model version in [from, to) have a label.
Result<int64_t> CountLabelledInWindow(Database& db, int64_t model_version_id,
                                      const std::string& from, const std::string& to);

}  // namespace airm::store
