// The review state of one model version under every board of the store: the
// approvals that framework coverage counts as evidence and escalation checks
// for due conditions and late reviews.
#pragma once

#include <set>
#include <string>
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

// Every board, by name, with the state of `version` under it; with `met_now`
// (the controls met today), approvals whose bound evidence lapsed do not count
// (governance::EvaluateReview).
Result<std::vector<BoardReview>> ReviewsOf(store::Database& db, const store::ModelVersion& version,
                                           const std::set<std::string>* met_now = nullptr);

// The newest version of each linked model that has versions, in link order.
Result<std::vector<store::ModelVersion>> NewestVersions(
    store::Database& db, const std::vector<governance::LinkedModel>& models);

// The versions that serve: per linked model, every version with an open
// deployment (any environment), or its newest version when none is deployed
// (a system in development still has a version under test). In link order.
Result<std::vector<store::ModelVersion>> ServingVersions(
    store::Database& db, const std::vector<governance::LinkedModel>& models);

}  // namespace airm::usecases::internal
