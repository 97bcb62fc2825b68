#include "airm/store/prediction_labels.h"

#include "store_util.h"

namespace airm::store {

Result<LabelWriter> LabelWriter::Make(Database& db, std::string logged_at) {
  return LabelWriter(db, internal::NowIfEmpty(logged_at));
}

Status LabelWriter::Attach(std::string_view prediction_id, std::string_view label) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> found,
                        db_->Query("SELECT 1 FROM predictions WHERE prediction_id = ?",
                                   {std::string(prediction_id)}));
  if (found.empty()) {
    return Status::NotFound("prediction '" + std::string(prediction_id) +
                            "' is not in the store (log it with `airm predictions log` first)");
  }
  return db_->Execute(
      "INSERT INTO prediction_labels (prediction_id, label, logged_at) VALUES (?, ?, ?)"
      " ON CONFLICT (prediction_id) DO UPDATE SET label = excluded.label,"
      " logged_at = excluded.logged_at",
      {std::string(prediction_id), std::string(label), logged_at_});
}

}  // namespace airm::store
