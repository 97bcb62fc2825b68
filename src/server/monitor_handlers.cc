// /api/monitors and /api/alerts (usecases/monitor_queries.h).
#include "airm/report/monitor_documents.h"
#include "airm/store/timestamp.h"
#include "airm/usecases/monitor_queries.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {
namespace {

// Alert episodes live in the monitoring tables, outside the governance
// writes; the API still records who acknowledged or silenced what. The
// change has been made by then, so a failure to append does not undo it.
void AuditAlertAction(const ServerContext& context, const ApiRequest& request,
                      const std::string& action, std::map<std::string, std::string> details) {
  (void)usecases::RecordAuditEvent({.store = context.store,
                                    .actor = ActorOf(request),
                                    .action = action,
                                    .subject = "alert:" + request.params.at("id"),
                                    .details = std::move(details)});
}

}  // namespace

ApiResponse MonitorStatus(const ServerContext& context, const ApiRequest& request) {
  auto status = usecases::MonitorStatus({.store = context.store,
                                         .as_of = request.Query("as_of"),
                                         .config_cache = context.config_cache});
  if (!status.ok()) return ProblemFor(status.status(), request);
  return JsonDocument(report::RenderMonitorStatusJson(*status, ApiMeta(request)), request);
}

// The time series of one metric: ?metric= (a gate path, required),
// ?schedule=, ?from= / ?to= (window ends, ISO 8601) and paging.
ApiResponse MonitorHistory(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  if (request.Query("metric").empty()) {
    return Problem(400, "invalid-argument", "metric: a gate path is required (?metric=…)", request);
  }
  auto history = usecases::MonitorHistory({.store = context.store,
                                           .monitor = request.params.at("name"),
                                           .metric = request.Query("metric"),
                                           .schedule = request.Query("schedule"),
                                           .cache = context.history_cache,
                                           .config_cache = context.config_cache});
  if (!history.ok()) return ProblemFor(history.status(), request);
  std::optional<std::string> from, to;
  for (auto [bound, name] : {std::pair{&from, "from"}, {&to, "to"}}) {
    if (request.Query(name).empty()) continue;
    *bound = store::ParseIso8601(request.Query(name));
    if (!*bound) {
      return Problem(400, "invalid-argument",
                     std::string(name) + ": expected an ISO 8601 time with a zone", request);
    }
  }
  std::vector<usecases::HistoryPoint> kept;
  for (const usecases::HistoryPoint& p : *history) {
    if (from && p.window_end < *from) continue;
    if (to && p.window_end > *to) continue;
    kept.push_back(p);
  }
  nlohmann::json doc = nlohmann::json::parse(report::RenderMonitorHistoryJson(
      request.params.at("name"), request.Query("metric"), Slice(kept, *page), ApiMeta(request)));
  AddPage(&doc, *page, kept.size());
  return JsonDocument(doc, request);
}

// ?monitor= ?open=true; paged.
ApiResponse ListAlerts(const ServerContext& context, const ApiRequest& request) {
  Result<Page> page = ParsePage(request);
  if (!page.ok()) return ProblemFor(page.status(), request);
  auto episodes = usecases::ListAlerts({.store = context.store,
                                        .monitor = request.Query("monitor"),
                                        .open_only = request.Query("open") == "true",
                                        .config_cache = context.config_cache});
  if (!episodes.ok()) return ProblemFor(episodes.status(), request);
  nlohmann::json doc =
      nlohmann::json::parse(report::RenderAlertListJson(Slice(*episodes, *page), ApiMeta(request)));
  AddPage(&doc, *page, episodes->size());
  return JsonDocument(doc, request);
}

ApiResponse AckAlert(const ServerContext& context, const ApiRequest& request) {
  Status s = usecases::AckAlert(
      {.store = context.store, .episode = request.params.at("id"), .by = ActorOf(request)});
  if (!s.ok()) return ProblemFor(s, request);
  AuditAlertAction(context, request, "alert.ack", {});
  return JsonDocument(
      nlohmann::json{{"episode", request.params.at("id")}, {"acked_by", ActorOf(request)}},
      request);
}

// Body: until (ISO 8601, required).
ApiResponse SilenceAlert(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  Result<std::string> until = StringField(*body, "until", true);
  if (!until.ok()) return ProblemFor(until.status(), request);
  Status s = usecases::SilenceAlert({.store = context.store,
                                     .episode = request.params.at("id"),
                                     .by = ActorOf(request),
                                     .until = *until});
  if (!s.ok()) return ProblemFor(s, request);
  AuditAlertAction(context, request, "alert.silence", {{"until", *until}});
  return JsonDocument(nlohmann::json{{"episode", request.params.at("id")}, {"until", *until}},
                      request);
}

}  // namespace airm::server::handlers
