// The review state of one model version under every board of the store: the
// approvals that framework coverage counts as evidence and escalation checks
// for due conditions and late reviews.
#pragma once

#include <vector>

#include "airm/governance/inventory.h"
#include "airm/governance/reviews.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::usecases::internal {

struct BoardReview {
  governance::ReviewBoard board;
  governance::ReviewState state;
};

// Every board, by name, with the state of `version` under it.
Result<std::vector<BoardReview>> ReviewsOf(store::Database& db, const store::ModelVersion& version);

// The newest version of each linked model that has versions, in link order.
Result<std::vector<store::ModelVersion>> NewestVersions(
    store::Database& db, const std::vector<governance::LinkedModel>& models);

}  // namespace airm::usecases::internal
