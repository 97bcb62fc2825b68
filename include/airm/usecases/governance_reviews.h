// Review boards and approvals as use cases (airm/governance/reviews.h):
//   airm board add NAME --seat FUNCTION=PERSON … [--quorum all-seats|majority]
//   airm review decide MODEL@VERSION --board B --decision approve|approve-with-conditions|reject
//                      [--today YYYY-MM-DD]
//   airm review status MODEL[@VERSION] --board B [--today YYYY-MM-DD]
//                      (bare MODEL = its newest version)
// The signer is the acting person (--actor, airm.yaml, OS user); separation
// of duties compares it with the version's registered_by.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/governance/reviews.h"
#include "airm/usecases/governance_systems.h"

namespace airm::usecases {

struct AddBoardOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  governance::ReviewBoard board = {};
  Status Validate() const { return governance::ValidateBoard(board); }
};
struct BoardAdded : GovernanceWriteResult {
  governance::ReviewBoard board;
};
Result<BoardAdded> AddBoard(const AddBoardOptions& options);

struct DecideReviewOptions {
  store::LocateOptions store = {};
  std::optional<std::string> actor = std::nullopt;
  std::string model = "";  // NAME@VERSION
  std::string board = "";
  std::string function = "";  // "" = the signer's only seat
  std::string decision = "";
  std::vector<std::string> conditions = {};  // required for approve-with-conditions
  // --condition-due: YYYY-MM-DD per condition, in order (fewer = the rest
  // have none); a condition past its date escalates (`airm escalation status`).
  std::vector<std::string> condition_due = {};
  std::string comment = "";
  // --today: the day the evidence an approval is bound to is judged on
  // (YYYY-MM-DD; "" = today, UTC). decided_at stays the time of the write.
  std::string today = "";
  Status Validate() const;
};
struct ReviewDecided : GovernanceWriteResult {
  governance::SignOff signoff;
  governance::ReviewBoard board;
  store::ModelVersion model;
  governance::ReviewState state;  // after this decision
};
Result<ReviewDecided> DecideReview(const DecideReviewOptions& options);

struct ReviewStatusOptions {
  store::LocateOptions store = {};
  std::string model = "";  // NAME or NAME@VERSION
  std::string board = "";
  std::string today = "";  // --today: the day lapsed evidence is judged on; "" = today (UTC)
  Status Validate() const;
};
using ReviewStatus = governance::BoardReview;
Result<ReviewStatus> GetReviewStatus(const ReviewStatusOptions& options);

// The review queue (the dashboard's, `GET /api/reviews`): every board's
// state of the newest version of every model, by board then model name.
struct ReviewQueueOptions {
  store::LocateOptions store = {};
};
Result<std::vector<ReviewStatus>> ListReviewQueue(const ReviewQueueOptions& options);

}  // namespace airm::usecases
