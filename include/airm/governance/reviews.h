// Review boards and approvals of model versions.
//
// A board has seats by function (data-science, legal, security, business,
// risk), each held by named people, and a quorum rule: `all-seats` (every
// function with a seat approves) or `majority` (more than half of them). A
// sign-off is bound to the model version's artifact digest, so a new version
// (a new digest) is not covered by earlier approvals. Separation of duties:
// whoever registered a model version cannot sign it off. Any reject among the
// current sign-offs rejects the version.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "airm/finding.h"
#include "airm/governance/coverage.h"
#include "airm/status.h"
#include "airm/store/database.h"
#include "airm/store/records.h"

namespace airm::governance {

inline constexpr const char* kBoardFunctions[] = {"data-science", "legal", "security", "business",
                                                  "risk"};
inline constexpr const char* kQuorumRules[] = {"all-seats", "majority"};
inline constexpr const char* kReviewDecisions[] = {"approve", "approve-with-conditions", "reject"};

struct BoardSeat {
  std::string function;
  std::string member;
};

struct ReviewBoard {
  int64_t id = 0;
  std::string name;
  std::string quorum = "all-seats";
  std::vector<BoardSeat> seats = {};
  std::string created_at = "";
  std::string created_by = "";
  // The functions `person` holds a seat for, in kBoardFunctions order.
  std::vector<std::string> FunctionsOf(const std::string& person) const;
  // Every function with at least one seat, in kBoardFunctions order.
  std::vector<std::string> Functions() const;
};

// InvalidArgument naming --seat / --quorum.
Status ValidateBoard(const ReviewBoard& board);
// "legal=bob" → {legal, bob}; InvalidArgument naming --seat.
Result<BoardSeat> ParseSeat(const std::string& text);

Result<ReviewBoard> InsertBoard(store::Database& tx, const ReviewBoard& board);
// NotFound "no review board named X".
Result<ReviewBoard> GetBoard(store::Database& db, const std::string& name);
// Every board with its seats, by name.
Result<std::vector<ReviewBoard>> ListBoards(store::Database& db);

struct SignOff {
  int64_t id = 0;
  std::string model_ref;  // NAME@VERSION signed for
  std::string artifact_digest;
  std::string function;
  std::string signer;
  std::string decision;
  std::vector<std::string> conditions = {};
  // Parallel to `conditions`: the date (YYYY-MM-DD) each must be met by, ""
  // when it has none. Stored inside conditions_json as {"text", "due"}
  // objects; plain strings (conditions without dates) read as before.
  std::vector<std::string> condition_due = {};
  std::string comment = "";
  std::string decided_at = "";
  // The controls of the library met for the model's systems when an approval
  // was given (stored as review_signoffs.evidence_json). When one of them is
  // no longer met (its evidence expired, manual evidence ran out) the
  // approval lapses and the review reopens. Empty for rejections and for
  // sign-offs made before evidence was bound: those lapse on a new digest only.
  std::vector<std::string> evidence_controls = {};
  // The day the evidence was judged on ("" for sign-offs bound before it was
  // recorded) and, per system, what met each bound control (the store's
  // evidence kinds as found, or the manual evidence's keys). Stored in
  // evidence_json beside "controls".
  std::string evidence_judged_on = "";
  std::vector<BoundControl> evidence_bound = {};
  // Set by SignOffsFor when a quarterly risk reassessment of one of the
  // model's systems (reassessment.h) was opened after this sign-off: its
  // Describe(). Such a sign-off no longer counts; the board decides again.
  std::string reopened_by = "";
};

Status InsertSignOff(store::Database& tx, int64_t board_id, int64_t model_version_id,
                     const SignOff& s);
// Every sign-off of the board for any version of `model_id`, oldest first,
// with reopened_by set on those made before the latest reassessment of one
// of the model's systems.
Result<std::vector<SignOff>> SignOffsFor(store::Database& db, int64_t board_id, int64_t model_id);

// Checks that `signer` may sign `version` for `board` as `function` ("" =
// the only function they hold): InvalidArgument "separation of duties: …"
// when they registered the version, when they hold no seat, or when the
// function is ambiguous or not theirs. Returns the function.
Result<std::string> CheckSigner(const ReviewBoard& board, const store::ModelVersion& version,
                                const std::string& signer, const std::string& function);

struct ReviewState {
  std::string state;  // approved | rejected | pending
  std::vector<std::string> approved_functions;
  std::vector<std::string> missing_functions;
  std::vector<SignOff> current;  // the newest sign-off per function for this digest
  std::vector<SignOff> stale;    // sign-offs for other digests of the model
  // Approvals of this digest whose bound evidence is no longer met; they do
  // not count towards the quorum.
  std::vector<SignOff> lapsed;
  std::vector<std::string> lapsed_controls;  // the bound controls not met now, sorted
  // Sign-offs of this digest made before a quarterly reassessment reopened
  // the review (SignOff::reopened_by); they do not count.
  std::vector<SignOff> reopened;
  // fail "review.rejected", warn "review.pending" (missing functions),
  // warn "review.stale" (approvals of another digest do not cover this one),
  // warn "review.evidence_expired" (approvals whose evidence lapsed),
  // warn "review.reassessed" (a quarterly reassessment reopened the review),
  // info "review.conditions".
  std::vector<Finding> findings;
};

// Pure: the state of `version` under `board` given all its model's sign-offs.
// With `met_now` (the controls met today for the model's systems), an
// approval whose evidence_controls are not all in it has lapsed.
ReviewState EvaluateReview(const ReviewBoard& board, const store::ModelVersion& version,
                           const std::vector<SignOff>& signoffs,
                           const std::set<std::string>* met_now = nullptr);

// One model version's review under one board.
struct BoardReview {
  ReviewBoard board;
  store::ModelVersion model;
  ReviewState state;
};

}  // namespace airm::governance
