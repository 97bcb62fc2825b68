#include "airm/store/prediction_log_summary.h"

namespace airm::store {

Result<PredictionLogSummary> SummarizePredictionLog(Database& db, int64_t model_version_id) {
  PredictionLogSummary out;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT b.deployment_id, d.environment, COUNT(*), SUM(b.row_count), MIN(b.logged_at),"
      " MAX(b.logged_at) FROM prediction_batches b"
      " LEFT JOIN deployments d ON d.id = b.deployment_id"
      " WHERE b.model_version_id = ? GROUP BY b.deployment_id, d.environment"
      " ORDER BY b.deployment_id NULLS FIRST",
      {model_version_id}, [&](const Row& row) {
        PredictionLogPart part{.deployment_id = row.OptionalInt(0),
                               .environment = row.OptionalText(1).value_or(""),
                               .batches = row.Int(2),
                               .predictions = row.Int(3),
                               .first_logged_at = row.Text(4),
                               .last_logged_at = row.Text(5)};
        out.batches += part.batches;
        out.predictions += part.predictions;
        if (!out.first_logged_at || part.first_logged_at < *out.first_logged_at) {
          out.first_logged_at = part.first_logged_at;
        }
        if (!out.last_logged_at || part.last_logged_at > *out.last_logged_at) {
          out.last_logged_at = part.last_logged_at;
        }
        out.parts.push_back(std::move(part));
        return Status::Ok();
      }));
  if (out.batches == 0) {
    out.labelled = 0;
    return out;
  }
  // Reads at most the limit's worth of the labels' primary-key index.
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> labels,
      db.Query("SELECT COUNT(*) FROM (SELECT 1 FROM prediction_labels LIMIT ?) AS bounded",
               {kLabelledCountLimit + 1}));
  if (labels[0].Int(0) > kLabelledCountLimit) return out;
  // Driven by the labels (few, by the check above), each one's prediction
  // and batch found by primary key: the predictions have no index by batch.
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> labelled,
      db.Query("SELECT COUNT(*) FROM prediction_labels l WHERE EXISTS (SELECT 1 FROM predictions p"
               " JOIN prediction_batches b ON b.id = p.batch_id"
               " WHERE p.prediction_id = l.prediction_id AND b.model_version_id = ?)",
               {model_version_id}));
  out.labelled = labelled[0].Int(0);
  return out;
}

}  // namespace airm::store
