// /api/reviews and /api/boards: review boards and sign-offs
// (usecases/governance_reviews.h). Separation of duties and quorum are the
// use case's rules; the API adds none and skips none.
#include "airm/report/governance_documents.h"
#include "airm/usecases/governance_reviews.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {

ApiResponse ReviewQueue(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto queue = usecases::ListReviewQueue({.store = context.store});
  if (!queue.ok()) return ProblemFor(queue.status(), request);
  nlohmann::json doc = nlohmann::json::parse(
      governance::RenderReviewQueueJson(Slice(*queue, *page), ApiMeta(request)));
  AddPage(&doc, *page, queue->size());
  return JsonDocument(doc, request);
}

// ?board= required.
ApiResponse ReviewStatus(const ServerContext& context, const ApiRequest& request) {
  auto st = usecases::GetReviewStatus({.store = context.store,
                                       .model = request.params.at("model"),
                                       .board = request.Query("board")});
  if (!st.ok()) return ProblemFor(st.status(), request);
  return JsonDocument(governance::RenderReviewJson("review_status", st->board, st->model, st->state,
                                                   nullptr, nullptr, nullptr, ApiMeta(request)),
                      request);
}

// Body: board, decision, and optionally function, conditions, comment. The
// signer is the caller; a reviewer's board function is used when the body
// names none.
ApiResponse DecideReview(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  usecases::DecideReviewOptions options{
      .store = context.store, .actor = ActorOf(request), .model = request.params.at("model")};
  for (auto [field, name] : {std::pair{&options.board, "board"},
                             {&options.decision, "decision"},
                             {&options.function, "function"},
                             {&options.comment, "comment"}}) {
    Result<std::string> v = StringField(*body, name, false);
    if (!v.ok()) return ProblemFor(v.status(), request);
    *field = *v;
  }
  if (options.function.empty() && request.principal->user.board_function) {
    options.function = *request.principal->user.board_function;
  }
  if (auto it = body->find("conditions"); it != body->end() && it->is_array()) {
    for (const nlohmann::json& c : *it) {
      if (c.is_string()) options.conditions.push_back(c.get<std::string>());
    }
  }
  auto decided = usecases::DecideReview(options);
  if (!decided.ok()) return ProblemFor(decided.status(), request);
  ApiResponse r =
      JsonDocument(governance::RenderReviewJson("review_decision", decided->board, decided->model,
                                                decided->state, &decided->signoff, &decided->actor,
                                                &decided->audit_head, ApiMeta(request)),
                   request);
  r.status = 201;
  return r;
}

// Body: name, quorum, seats [{function, member}].
ApiResponse AddBoard(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  governance::ReviewBoard board;
  Result<std::string> name = StringField(*body, "name", true);
  if (!name.ok()) return ProblemFor(name.status(), request);
  board.name = *name;
  Result<std::string> quorum = StringField(*body, "quorum", false);
  if (!quorum.ok()) return ProblemFor(quorum.status(), request);
  if (!quorum->empty()) board.quorum = *quorum;
  if (auto it = body->find("seats"); it != body->end() && it->is_array()) {
    for (const nlohmann::json& seat : *it) {
      if (!seat.is_object()) continue;
      Result<std::string> function = StringField(seat, "function", true);
      Result<std::string> member = StringField(seat, "member", true);
      if (!function.ok()) return ProblemFor(function.status(), request);
      if (!member.ok()) return ProblemFor(member.status(), request);
      board.seats.push_back({*function, *member});
    }
  }
  auto added =
      usecases::AddBoard({.store = context.store, .actor = ActorOf(request), .board = board});
  if (!added.ok()) return ProblemFor(added.status(), request);
  ApiResponse r = JsonDocument(
      governance::RenderBoardJson(added->board, added->actor, added->audit_head, ApiMeta(request)),
      request);
  r.status = 201;
  return r;
}

}  // namespace airm::server::handlers
