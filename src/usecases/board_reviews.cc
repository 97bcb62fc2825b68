#include "board_reviews.h"

#include "airm/store/models.h"

namespace airm::usecases::internal {

Result<std::vector<BoardReview>> ReviewsOf(store::Database& db, const store::ModelVersion& version,
                                           const std::set<std::string>* met_now) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                        db.Query("SELECT name FROM review_boards ORDER BY name"));
  std::vector<BoardReview> out;
  for (const store::Row& r : rows) {
    BoardReview review;
    AIRM_ASSIGN_OR_RETURN(review.board, governance::GetBoard(db, r.Text(0)));
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::SignOff> signoffs,
                          governance::SignOffsFor(db, review.board.id, version.model_id));
    review.state = governance::EvaluateReview(review.board, version, signoffs, met_now);
    out.push_back(std::move(review));
  }
  return out;
}

Result<std::vector<store::ModelVersion>> NewestVersions(
    store::Database& db, const std::vector<governance::LinkedModel>& models) {
  std::vector<store::ModelVersion> out;
  for (const governance::LinkedModel& m : models) {
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> versions,
                          store::ListModelVersions(db, m.model));
    if (!versions.empty()) out.push_back(versions.back());  // listed by registration
  }
  return out;
}

Result<std::vector<store::ModelVersion>> ServingVersions(
    store::Database& db, const std::vector<governance::LinkedModel>& models) {
  std::vector<store::ModelVersion> out;
  for (const governance::LinkedModel& m : models) {
    AIRM_ASSIGN_OR_RETURN(
        std::vector<store::Row> rows,
        db.Query("SELECT DISTINCT d.model_version_id FROM deployments d JOIN model_versions v ON "
                 "v.id = d.model_version_id JOIN models n ON n.id = v.model_id WHERE n.name = ? "
                 "AND d.valid_to IS NULL ORDER BY d.model_version_id",
                 {m.model}));
    for (const store::Row& r : rows) {
      AIRM_ASSIGN_OR_RETURN(store::ModelVersion v, store::GetModelVersion(db, r.Int(0)));
      out.push_back(std::move(v));
    }
    if (!rows.empty()) continue;
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> versions,
                          store::ListModelVersions(db, m.model));
    if (!versions.empty()) out.push_back(versions.back());
  }
  return out;
}

}  // namespace airm::usecases::internal
