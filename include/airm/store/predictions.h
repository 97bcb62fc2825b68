// Prediction logs: one batch per `airm predictions log`, one row per
// prediction, written through prepared statements for volume.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <span>
#include <string_view>

#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::store {

Result<int64_t> CreatePredictionBatch(Database& db, const NewPredictionBatch& batch);

// Sets what a streaming logger knows only once every row is in: the batch's
// input dataset version (the logged file) and its row count.
Status CompletePredictionBatch(Database& db, int64_t batch_id, int64_t input_dataset_version_id,
                               int64_t row_count);

// Borrowed fields of one prediction; valid for the duration of Add.
struct PredictionRowView {
  std::string_view prediction_id;
  std::string_view predicted_at;  // canonical ISO 8601 UTC
  std::string_view input_digest;  // "sha256:<hex>"
  std::optional<std::string_view> features_json;
  std::optional<std::string_view> output;
};

// The row AddRows stopped at, and the batch already holding its id when a
// duplicate id was the reason (the writer's own batch: a duplicate within
// the rows it was given).
struct RejectedPrediction {
  size_t row = 0;
  std::optional<int64_t> holding_batch = std::nullopt;
};

// Appends predictions to one batch. Use inside the WriteTransaction that
// created the batch; statements are compiled once and reused.
class PredictionWriter {
 public:
  // Rows per multi-row INSERT in AddRows: a round trip per this many rows on
  // PostgreSQL, 6 bound parameters each (below SQLite's 32,766 and
  // PostgreSQL's 65,535 per statement).
  static constexpr size_t kRowsPerStatement = 500;

  static Result<std::unique_ptr<PredictionWriter>> Make(Database& db, int64_t batch_id);
  // InvalidArgument "prediction id 'X' is already in the store (batch N)" for
  // a duplicate id.
  Status Add(const PredictionRowView& row);
  // Appends `rows` in order, kRowsPerStatement to a statement. On an error
  // *rejected names the failing row and the message is Add's for it; rows
  // before it may be in the transaction (the caller's rollback discards
  // them), and the transaction stays usable for queries: each statement runs
  // under a savepoint, because PostgreSQL aborts a whole transaction on an
  // error where SQLite aborts only the statement.
  Status AddRows(std::span<const PredictionRowView> rows, RejectedPrediction* rejected);

 private:
  PredictionWriter(Database& db, int64_t batch_id, std::unique_ptr<PreparedStatement> insert,
                   std::unique_ptr<PreparedStatement> insert_many)
      : db_(db),
        batch_id_(batch_id),
        insert_(std::move(insert)),
        insert_many_(std::move(insert_many)) {}
  // Inserts rows[begin, end) one statement per row, each under its own
  // savepoint, to find and explain the first that fails.
  Status AddOneByOne(std::span<const PredictionRowView> rows, RejectedPrediction* rejected);
  // Add's message for the row whose insert failed with `failed`.
  Status Explain(const Status& failed, std::string_view prediction_id,
                 std::optional<int64_t>* holding_batch);

  Database& db_;
  int64_t batch_id_;
  std::unique_ptr<PreparedStatement> insert_;
  std::unique_ptr<PreparedStatement> insert_many_;  // kRowsPerStatement rows
};

// The batch holding a prediction id, if any.
Result<std::optional<int64_t>> FindPredictionBatch(Database& db, std::string_view prediction_id);

}  // namespace airm::store
