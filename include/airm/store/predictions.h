// Prediction logs: one batch per `airm predictions log`, one row per
// prediction, written through a prepared statement for volume.
#pragma once

#include <memory>
#include <optional>
#include <string_view>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::store {

Result<int64_t> CreatePredictionBatch(Database& db, const NewPredictionBatch& batch);

// Borrowed fields of one prediction; valid for the duration of Add.
struct PredictionRowView {
  std::string_view prediction_id;
  std::string_view predicted_at;  // canonical ISO 8601 UTC
  std::string_view input_digest;  // "sha256:<hex>"
  std::optional<std::string_view> features_json;
  std::optional<std::string_view> output;
};

// Appends predictions to one batch. Use inside the WriteTransaction that
// created the batch; the statement is compiled once and reused.
class PredictionWriter {
 public:
  static Result<std::unique_ptr<PredictionWriter>> Make(Database& db, int64_t batch_id);
  // InvalidArgument "prediction id 'X' is already in the store (batch N)" for
  // a duplicate id.
  Status Add(const PredictionRowView& row);

 private:
  PredictionWriter(Database& db, int64_t batch_id, std::unique_ptr<PreparedStatement> insert)
      : db_(db), batch_id_(batch_id), insert_(std::move(insert)) {}
  Database& db_;
  int64_t batch_id_;
  std::unique_ptr<PreparedStatement> insert_;
};

// The batch holding a prediction id, if any.
Result<std::optional<int64_t>> FindPredictionBatch(Database& db, std::string_view prediction_id);

}  // namespace airm::store
