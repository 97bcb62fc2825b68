#include "board_reviews.h"

#include "airm/store/models.h"

namespace airm::usecases::internal {

Result<std::vector<BoardReview>> ReviewsOf(store::Database& db,
                                           const store::ModelVersion& version) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::Row> rows,
                        db.Query("SELECT name FROM review_boards ORDER BY name"));
  std::vector<BoardReview> out;
  for (const store::Row& r : rows) {
    BoardReview review;
    AIRM_ASSIGN_OR_RETURN(review.board, governance::GetBoard(db, r.Text(0)));
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::SignOff> signoffs,
                          governance::SignOffsFor(db, review.board.id, version.model_id));
    review.state = governance::EvaluateReview(review.board, version, signoffs);
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

}  // namespace airm::usecases::internal
