#include "airm/store/predictions.h"

#include "store_util.h"

namespace airm::store {

using internal::Nullable;

Result<int64_t> CreatePredictionBatch(Database& db, const NewPredictionBatch& batch) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("INSERT INTO prediction_batches (model_version_id, deployment_id,"
               " input_dataset_version_id, preprocessing_run_id, source_path, row_count, logged_at,"
               " logged_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {batch.model_version_id, Nullable(batch.deployment_id),
                Nullable(batch.input_dataset_version_id), Nullable(batch.preprocessing_run_id),
                Nullable(batch.source_path), batch.row_count, internal::NowIfEmpty(batch.logged_at),
                batch.logged_by}));
  return rows[0].Int(0);
}

Result<std::unique_ptr<PredictionWriter>> PredictionWriter::Make(Database& db, int64_t batch_id) {
  // A bulk load touches the table and its primary-key index all over: give
  // the page cache room (64 MiB) so pages are not spilled to the WAL and
  // rewritten before the commit. Memory only; durability is unchanged.
  if (db.dialect() == SqlDialect::kSqlite) {
    AIRM_RETURN_IF_ERROR(db.Execute("PRAGMA cache_size = -65536"));
  }
  AIRM_ASSIGN_OR_RETURN(
      std::unique_ptr<PreparedStatement> insert,
      db.Prepare("INSERT INTO predictions (prediction_id, batch_id, predicted_at, input_digest,"
                 " features_json, output) VALUES (?, ?, ?, ?, ?, ?)"));
  return std::unique_ptr<PredictionWriter>(new PredictionWriter(db, batch_id, std::move(insert)));
}

Status PredictionWriter::Add(const PredictionRowView& row) {
  const ValueView params[] = {
      row.prediction_id,
      batch_id_,
      row.predicted_at,
      row.input_digest,
      row.features_json ? ValueView(*row.features_json) : ValueView(std::monostate{}),
      row.output ? ValueView(*row.output) : ValueView(std::monostate{}),
  };
  Status s = insert_->RunViews(params);
  if (s.ok() || s.code() != StatusCode::kInvalidArgument) return s;
  // A constraint failed: say which prediction id collides with which batch.
  // (PostgreSQL refuses further statements in a transaction after an error;
  // then the constraint's own message, which names the id, stands.)
  auto batch = FindPredictionBatch(db_, row.prediction_id);
  if (!batch.ok() || !batch->has_value()) return s;
  return Status::InvalidArgument("prediction id '" + std::string(row.prediction_id) +
                                 "' is already in the store (batch " + std::to_string(**batch) +
                                 ")");
}

Result<std::optional<int64_t>> FindPredictionBatch(Database& db, std::string_view prediction_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT batch_id FROM predictions WHERE prediction_id = ?",
                                 {std::string(prediction_id)}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

}  // namespace airm::store
