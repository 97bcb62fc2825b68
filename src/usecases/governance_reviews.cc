#include "airm/usecases/governance_reviews.h"

#include <map>
#include <set>

#include "airm/governance/risk_register.h"
#include "airm/store/models.h"
#include "airm/store/reference.h"
#include "airm/store/timestamp.h"
#include "governance_scope.h"
#include "governance_write.h"
#include "system_evidence.h"

namespace airm::usecases {
namespace {

using governance::AuditEvent;

Result<store::ModelVersion> Resolve(store::Database& db, const std::string& text) {
  AIRM_ASSIGN_OR_RETURN(store::Reference ref, store::ParseReference(text));
  return store::ResolveModelVersion(db, ref);
}

}  // namespace

Result<BoardAdded> AddBoard(const AddBoardOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  BoardAdded out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        governance::ReviewBoard b = options.board;
        b.created_at = store::UtcNow();
        b.created_by = out.actor.name;
        AIRM_ASSIGN_OR_RETURN(out.board, governance::InsertBoard(tx, b));
        std::string seats;
        for (const governance::BoardSeat& s : b.seats) {
          seats += (seats.empty() ? "" : ",") + s.function + "=" + s.member;
        }
        return std::vector<AuditEvent>{{.action = "board.add",
                                        .subject = "board:" + b.name,
                                        .details = {{"quorum", b.quorum}, {"seats", seats}}}};
      }));
  return out;
}

Status DecideReviewOptions::Validate() const {
  if (model.empty()) return Status::InvalidArgument("review decide needs MODEL@VERSION");
  if (board.empty()) return Status::InvalidArgument("review decide needs --board NAME");
  if (decision != "approve" && decision != "approve-with-conditions" && decision != "reject") {
    return Status::InvalidArgument("--decision '" + decision +
                                   "': expected approve, approve-with-conditions or reject");
  }
  if (decision == "approve-with-conditions" && conditions.empty()) {
    return Status::InvalidArgument("--decision approve-with-conditions needs --condition TEXT");
  }
  if (condition_due.size() > conditions.size()) {
    return Status::InvalidArgument("--condition-due: " + std::to_string(condition_due.size()) +
                                   " dates for " + std::to_string(conditions.size()) +
                                   " conditions; give one per --condition, in order");
  }
  for (const std::string& due : condition_due) {
    if (!governance::ParseDueDate(due)) {
      return Status::InvalidArgument("--condition-due '" + due + "': expected a date YYYY-MM-DD");
    }
  }
  if (decision != "approve-with-conditions" && !conditions.empty()) {
    return Status::InvalidArgument("--condition only goes with --decision approve-with-conditions");
  }
  return internal::ValidateToday(today);
}

Result<ReviewDecided> DecideReview(const DecideReviewOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  // The monitors of airm.yaml, for the evidence an approval is bound to.
  AIRM_ASSIGN_OR_RETURN(internal::EvidenceStore where, internal::OpenEvidenceStore(options.store));
  const std::string today = internal::TodayOr(options.today);
  ReviewDecided out;
  AIRM_RETURN_IF_ERROR(internal::RunGovernanceWrite(
      options.store, options.actor, &out,
      [&](store::Database& tx) -> Result<std::vector<AuditEvent>> {
        AIRM_ASSIGN_OR_RETURN(out.board, governance::GetBoard(tx, options.board));
        const governance::ReviewBoard& board = out.board;
        AIRM_ASSIGN_OR_RETURN(out.model, Resolve(tx, options.model));
        AIRM_ASSIGN_OR_RETURN(
            std::string function,
            governance::CheckSigner(board, out.model, out.actor.name, options.function));
        out.signoff = {.model_ref = out.model.Ref(),
                       .artifact_digest = out.model.artifact_digest,
                       .function = function,
                       .signer = out.actor.name,
                       .decision = options.decision,
                       .conditions = options.conditions,
                       .condition_due = options.condition_due,
                       .comment = options.comment,
                       .decided_at = store::UtcNow()};
        // An approval is bound to the evidence met now: when some of it is no
        // longer met, the approval lapses and the review reopens.
        AIRM_ASSIGN_OR_RETURN(internal::ApprovalBinding evidence,
                              internal::EvidenceOfModel(tx, out.model.name, where, today));
        const std::set<std::string>& met = evidence.met;
        if (options.decision != "reject") {
          out.signoff.evidence_controls.assign(met.begin(), met.end());
          out.signoff.evidence_judged_on = today;
          out.signoff.evidence_bound = std::move(evidence.bound);
        }
        AIRM_RETURN_IF_ERROR(governance::InsertSignOff(tx, board.id, out.model.id, out.signoff));
        AIRM_ASSIGN_OR_RETURN(auto signoffs,
                              governance::SignOffsFor(tx, board.id, out.model.model_id));
        out.state = governance::EvaluateReview(board, out.model, signoffs, &met);
        std::string bound;
        for (const std::string& c : out.signoff.evidence_controls) {
          bound += (bound.empty() ? "" : ",") + c;
        }
        std::string conditions;
        for (size_t i = 0; i < options.conditions.size(); ++i) {
          conditions += (conditions.empty() ? "" : " | ") + options.conditions[i];
          if (i < options.condition_due.size())
            conditions += " (due " + options.condition_due[i] + ")";
        }
        return std::vector<AuditEvent>{{.action = "review.decide",
                                        .subject = "model:" + out.model.Ref(),
                                        .details = {{"board", board.name},
                                                    {"function", function},
                                                    {"decision", options.decision},
                                                    {"artifact_digest", out.model.artifact_digest},
                                                    {"conditions", conditions},
                                                    {"comment", options.comment},
                                                    {"evidence_controls", bound},
                                                    {"state_after", out.state.state}}}};
      }));
  out.findings = out.state.findings;
  return out;
}

Result<std::vector<ReviewStatus>> ListReviewQueue(const ReviewQueueOptions& options) {
  AIRM_ASSIGN_OR_RETURN(internal::EvidenceStore where, internal::OpenEvidenceStore(options.store));
  const std::string today = internal::TodayOr("");
  std::vector<ReviewStatus> out;
  AIRM_RETURN_IF_ERROR(where.db().ReadTransaction([&](store::Database& db) -> Status {
    internal::ScopedEvidenceMemo memo(&where);
    out.clear();
    AIRM_ASSIGN_OR_RETURN(std::vector<governance::ReviewBoard> boards, governance::ListBoards(db));
    AIRM_ASSIGN_OR_RETURN(std::vector<store::ModelVersion> versions,
                          store::ListModelVersions(db, ""));
    // By name then registration: the last of each name is its newest.
    std::vector<store::ModelVersion> newest;
    for (const store::ModelVersion& v : versions) {
      if (!newest.empty() && newest.back().name == v.name) {
        newest.back() = v;
      } else {
        newest.push_back(v);
      }
    }
    std::map<std::string, std::set<std::string>> met;  // per model name
    for (const store::ModelVersion& model : newest) {
      AIRM_ASSIGN_OR_RETURN(met[model.name],
                            internal::MetControlsOfModel(db, model.name, where, today));
    }
    for (const governance::ReviewBoard& board : boards) {
      for (const store::ModelVersion& model : newest) {
        AIRM_ASSIGN_OR_RETURN(auto signoffs, governance::SignOffsFor(db, board.id, model.model_id));
        out.push_back(
            {.board = board,
             .model = model,
             .state = governance::EvaluateReview(board, model, signoffs, &met[model.name])});
      }
    }
    return Status::Ok();
  }));
  return out;
}

Status ReviewStatusOptions::Validate() const {
  if (model.empty()) return Status::InvalidArgument("review status needs MODEL or MODEL@VERSION");
  if (board.empty()) return Status::InvalidArgument("review status needs --board NAME");
  return internal::ValidateToday(today);
}

Result<ReviewStatus> GetReviewStatus(const ReviewStatusOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  AIRM_ASSIGN_OR_RETURN(internal::EvidenceStore where, internal::OpenEvidenceStore(options.store));
  const std::string today = internal::TodayOr(options.today);
  ReviewStatus out;
  AIRM_RETURN_IF_ERROR(where.db().ReadTransaction([&](store::Database& db) -> Status {
    internal::ScopedEvidenceMemo memo(&where);
    AIRM_ASSIGN_OR_RETURN(out.board, governance::GetBoard(db, options.board));
    AIRM_ASSIGN_OR_RETURN(out.model, Resolve(db, options.model));
    AIRM_ASSIGN_OR_RETURN(auto signoffs,
                          governance::SignOffsFor(db, out.board.id, out.model.model_id));
    AIRM_ASSIGN_OR_RETURN(std::set<std::string> met,
                          internal::MetControlsOfModel(db, out.model.name, where, today));
    out.state = governance::EvaluateReview(out.board, out.model, signoffs, &met);
    return Status::Ok();
  }));
  return out;
}

}  // namespace airm::usecases
