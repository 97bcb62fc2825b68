#include "airm/store/predictions.h"

#include <algorithm>
#include <string>
#include <vector>

#include "store_util.h"

namespace airm::store {

using internal::Nullable;

namespace {

constexpr size_t kColumnsPerRow = 6;
constexpr std::string_view kInsertPrefix =
    "INSERT INTO predictions (prediction_id, batch_id, predicted_at, input_digest,"
    " features_json, output) VALUES ";

std::string InsertSql(size_t rows) {
  std::string sql(kInsertPrefix);
  for (size_t row = 0; row < rows; ++row)
    sql += row == 0 ? "(?, ?, ?, ?, ?, ?)" : ", (?, ?, ?, ?, ?, ?)";
  return sql;
}

void BindRow(const PredictionRowView& row, int64_t batch_id, ValueView* params) {
  params[0] = row.prediction_id;
  params[1] = batch_id;
  params[2] = row.predicted_at;
  params[3] = row.input_digest;
  params[4] = row.features_json ? ValueView(*row.features_json) : ValueView(std::monostate{});
  params[5] = row.output ? ValueView(*row.output) : ValueView(std::monostate{});
}

}  // namespace

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

Status CompletePredictionBatch(Database& db, int64_t batch_id, int64_t input_dataset_version_id,
                               int64_t row_count) {
  return db.Execute(
      "UPDATE prediction_batches SET input_dataset_version_id = ?, row_count = ? WHERE id = ?",
      {input_dataset_version_id, row_count, batch_id});
}

Result<std::unique_ptr<PredictionWriter>> PredictionWriter::Make(Database& db, int64_t batch_id) {
  // A bulk load touches the table and its primary-key index all over: give
  // the page cache room (64 MiB) so pages are not spilled to the WAL and
  // rewritten before the commit. Memory only; durability is unchanged.
  if (db.dialect() == SqlDialect::kSqlite) {
    AIRM_RETURN_IF_ERROR(db.Execute("PRAGMA cache_size = -65536"));
  }
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<PreparedStatement> insert, db.Prepare(InsertSql(1)));
  AIRM_ASSIGN_OR_RETURN(std::unique_ptr<PreparedStatement> insert_many,
                        db.Prepare(InsertSql(kRowsPerStatement)));
  return std::unique_ptr<PredictionWriter>(
      new PredictionWriter(db, batch_id, std::move(insert), std::move(insert_many)));
}

Status PredictionWriter::Add(const PredictionRowView& row) {
  ValueView params[kColumnsPerRow];
  BindRow(row, batch_id_, params);
  Status s = insert_->RunViews(params);
  if (s.ok()) return s;
  std::optional<int64_t> holding_batch;
  return Explain(s, row.prediction_id, &holding_batch);
}

Status PredictionWriter::Explain(const Status& failed, std::string_view prediction_id,
                                 std::optional<int64_t>* holding_batch) {
  if (failed.code() != StatusCode::kInvalidArgument) return failed;
  // A constraint failed: say which prediction id collides with which batch.
  // (PostgreSQL refuses further statements in a transaction after an error
  // not undone by a savepoint; then the constraint's own message, which
  // names the id, stands.)
  auto batch = FindPredictionBatch(db_, prediction_id);
  if (!batch.ok() || !batch->has_value()) return failed;
  *holding_batch = **batch;
  return Status::InvalidArgument("prediction id '" + std::string(prediction_id) +
                                 "' is already in the store (batch " + std::to_string(**batch) +
                                 ")");
}

Status PredictionWriter::AddRows(std::span<const PredictionRowView> rows,
                                 RejectedPrediction* rejected) {
  std::vector<ValueView> params;
  for (size_t begin = 0; begin < rows.size(); begin += kRowsPerStatement) {
    const std::span<const PredictionRowView> group =
        rows.subspan(begin, std::min(kRowsPerStatement, rows.size() - begin));
    PreparedStatement* statement = insert_many_.get();
    std::unique_ptr<PreparedStatement> shorter;  // the last, partial group
    if (group.size() < kRowsPerStatement) {
      AIRM_ASSIGN_OR_RETURN(shorter, db_.Prepare(InsertSql(group.size())));
      statement = shorter.get();
    }
    params.resize(group.size() * kColumnsPerRow);
    for (size_t i = 0; i < group.size(); ++i) {
      BindRow(group[i], batch_id_, &params[i * kColumnsPerRow]);
    }
    AIRM_RETURN_IF_ERROR(db_.Execute("SAVEPOINT airm_rows"));
    Status s = statement->RunViews(params);
    if (!s.ok()) {
      // Undo the statement, then find and explain the row that failed.
      AIRM_RETURN_IF_ERROR(db_.Execute("ROLLBACK TO SAVEPOINT airm_rows"));
      AIRM_RETURN_IF_ERROR(db_.Execute("RELEASE SAVEPOINT airm_rows"));
      Status found = AddOneByOne(group, rejected);
      rejected->row = begin + (found.ok() ? 0 : rejected->row);
      return found.ok() ? s : found;
    }
    AIRM_RETURN_IF_ERROR(db_.Execute("RELEASE SAVEPOINT airm_rows"));
  }
  return Status::Ok();
}

Status PredictionWriter::AddOneByOne(std::span<const PredictionRowView> rows,
                                     RejectedPrediction* rejected) {
  ValueView params[kColumnsPerRow];
  for (size_t i = 0; i < rows.size(); ++i) {
    BindRow(rows[i], batch_id_, params);
    AIRM_RETURN_IF_ERROR(db_.Execute("SAVEPOINT airm_row"));
    Status s = insert_->RunViews(params);
    if (!s.ok()) {
      AIRM_RETURN_IF_ERROR(db_.Execute("ROLLBACK TO SAVEPOINT airm_row"));
      AIRM_RETURN_IF_ERROR(db_.Execute("RELEASE SAVEPOINT airm_row"));
      *rejected = RejectedPrediction{.row = i};
      return Explain(s, rows[i].prediction_id, &rejected->holding_batch);
    }
    AIRM_RETURN_IF_ERROR(db_.Execute("RELEASE SAVEPOINT airm_row"));
  }
  return Status::Ok();
}

Result<std::optional<int64_t>> FindPredictionBatch(Database& db, std::string_view prediction_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT batch_id FROM predictions WHERE prediction_id = ?",
                                 {std::string(prediction_id)}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].Int(0));
}

}  // namespace airm::store
