#include "airm/store/prediction_window.h"

namespace airm::store {

Status ForEachPredictionInWindow(Database& db, int64_t model_version_id, const std::string& from,
                                 const std::string& to,
                                 const std::function<Status(const LoggedPrediction&)>& on_row) {
  return db.QueryEach(
      "SELECT p.prediction_id, p.predicted_at, p.features_json, p.output, l.label"
      " FROM predictions p JOIN prediction_batches b ON b.id = p.batch_id"
      " LEFT JOIN prediction_labels l ON l.prediction_id = p.prediction_id"
      " WHERE b.model_version_id = ? AND p.predicted_at >= ? AND p.predicted_at < ?"
      " ORDER BY p.predicted_at, p.prediction_id",
      {model_version_id, from, to}, [&](const Row& row) {
        return on_row({row.Text(0), row.Text(1), row.OptionalText(2), row.OptionalText(3),
                       row.OptionalText(4)});
      });
}

Result<std::optional<std::string>> LatestLabelLoggedAt(Database& db, int64_t model_version_id) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT MAX(l.logged_at) FROM prediction_labels l"
                                 " JOIN predictions p ON p.prediction_id = l.prediction_id"
                                 " JOIN prediction_batches b ON b.id = p.batch_id"
                                 " WHERE b.model_version_id = ?",
                                 {model_version_id}));
  return rows.empty() ? std::nullopt : rows[0].OptionalText(0);
}

Result<int64_t> CountLabelledInWindow(Database& db, int64_t model_version_id,
                                      const std::string& from, const std::string& to) {
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> rows,
      db.Query("SELECT COUNT(*) FROM prediction_labels l"
               " JOIN predictions p ON p.prediction_id = l.prediction_id"
               " JOIN prediction_batches b ON b.id = p.batch_id"
               " WHERE b.model_version_id = ? AND p.predicted_at >= ? AND p.predicted_at < ?",
               {model_version_id, from, to}));
  return rows[0].Int(0);
}

}  // namespace airm::store
