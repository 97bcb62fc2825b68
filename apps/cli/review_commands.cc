// `airm board add` and `airm review decide|status`: flags to the use cases of
// airm/usecases/governance_reviews.h, then a summary or the JSON document.
// `review status` exits 1 unless the version is approved (a deployment gate).
#include <iostream>
#include <memory>

#include "airm/report.h"
#include "airm/report/governance_documents.h"
#include "airm/report/governance_text.h"
#include "airm/usecases/governance_reviews.h"
#include "cli_common.h"
#include "governance_commands.h"

namespace airm::cli {
namespace {

struct ReviewFlags {
  StoreFlags store;
  ActorFlag actor;
  std::string name, quorum = "all-seats";
  std::vector<std::string> seats;
  std::string model, board, function, decision, comment, today;
  std::vector<std::string> conditions, condition_due;
};

int RunBoardAdd(ReviewFlags& f) {
  governance::ReviewBoard board{.name = f.name, .quorum = f.quorum};
  for (const std::string& text : f.seats) {
    auto seat = governance::ParseSeat(text);
    if (!seat.ok()) return Fail(seat.status());
    board.seats.push_back(*seat);
  }
  auto added =
      usecases::AddBoard({.store = Locate(f.store), .actor = f.actor.Get(), .board = board});
  if (!added.ok()) return Fail(added.status());
  std::cerr << TerminalSafe(report::ActorText(added->actor));
  Status s = WriteJsonOutput(f.store, governance::RenderBoardJson(added->board, added->actor,
                                                                  added->audit_head, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::BoardAddedText(*added);
  return kExitOk;
}

int RunDecide(ReviewFlags& f) {
  auto decided = usecases::DecideReview({.store = Locate(f.store),
                                         .actor = f.actor.Get(),
                                         .model = f.model,
                                         .board = f.board,
                                         .function = f.function,
                                         .decision = f.decision,
                                         .conditions = f.conditions,
                                         .condition_due = f.condition_due,
                                         .comment = f.comment,
                                         .today = f.today});
  if (!decided.ok()) return Fail(decided.status());
  std::cerr << TerminalSafe(report::ActorText(decided->actor));
  Status s = WriteJsonOutput(
      f.store, governance::RenderReviewJson("review_decision", decided->board, decided->model,
                                            decided->state, &decided->signoff, &decided->actor,
                                            &decided->audit_head, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::ReviewDecidedText(*decided);
  return kExitOk;
}

int RunStatus(ReviewFlags& f) {
  auto st = usecases::GetReviewStatus(
      {.store = Locate(f.store), .model = f.model, .board = f.board, .today = f.today});
  if (!st.ok()) return Fail(st.status());
  Status s = WriteJsonOutput(
      f.store, governance::RenderReviewJson("review_status", st->board, st->model, st->state,
                                            nullptr, nullptr, nullptr, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (f.store.TextToStdout()) std::cout << report::ReviewStatusText(*st);
  return st->state.state == "approved" ? kExitOk : kExitGateFailed;
}

}  // namespace

void AddBoardCommands(CLI::App* board, StoreCommandSet* set) {
  static std::unique_ptr<ReviewFlags> holder = std::make_unique<ReviewFlags>();
  ReviewFlags* f = holder.get();
  CLI::App* add = board->add_subcommand("add", "Add a review board");
  add->add_option("name", f->name, "Board name")->required();
  add->add_option("--seat", f->seats,
                  "FUNCTION=PERSON; function: data-science, legal, security, business, risk "
                  "(repeatable)")
      ->required();
  add->add_option("--quorum", f->quorum, "all-seats (default) or majority of the functions");
  AddActorFlag(add, &f->actor);
  AddStoreFlags(add, &f->store);
  set->Add(add, [f] { return RunBoardAdd(*f); });
}

void AddReviewCommands(CLI::App* review, StoreCommandSet* set) {
  static std::unique_ptr<ReviewFlags> holder = std::make_unique<ReviewFlags>();
  ReviewFlags* f = holder.get();
  CLI::App* decide =
      review->add_subcommand("decide", "Approve or reject a model version as a board member");
  decide->add_option("model", f->model, "NAME@VERSION")->required();
  decide->add_option("--board", f->board, "Review board")->required();
  decide->add_option("--decision", f->decision, "approve, approve-with-conditions or reject")
      ->required();
  decide->add_option("--function", f->function, "Seat you sign for, when you hold several");
  decide->add_option("--condition", f->conditions, "A condition of approval (repeatable)");
  decide->add_option("--condition-due", f->condition_due,
                     "YYYY-MM-DD by which the matching --condition (in order) must be met");
  decide->add_option("--comment", f->comment, "Comment kept with the decision");
  decide->add_option("--today", f->today,
                     "Date the evidence an approval is bound to is judged on (default: today)");
  AddActorFlag(decide, &f->actor);
  AddStoreFlags(decide, &f->store);
  set->Add(decide, [f] { return RunDecide(*f); });

  CLI::App* status = review->add_subcommand(
      "status", "Is a model version approved? Exit 1 unless it is (bare NAME = newest version)");
  status->add_option("model", f->model, "NAME or NAME@VERSION")->required();
  status->add_option("--board", f->board, "Review board")->required();
  status->add_option("--today", f->today, "Date lapsed evidence is judged on (default: today)");
  AddStoreFlags(status, &f->store);
  set->Add(status, [f] { return RunStatus(*f); });
}

}  // namespace airm::cli
