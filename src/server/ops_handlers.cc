// Operations: liveness, readiness (the store opens at a known schema; the
// scheduler's state under --with-scheduler), the
// OpenAPI document, and Prometheus metrics (the monitors' numbers from
// usecases::ExportMonitorMetrics and the server's own).
#include "airm/report/prometheus_text.h"
#include "airm/server/request_metrics.h"
#include "airm/usecases/monitor_daemon.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/store_access.h"
#include "handlers.h"
#include "openapi_document.h"
#include "responses.h"

namespace airm::server::handlers {

ApiResponse Healthz(const ServerContext&, const ApiRequest&) {
  return {.status = 200, .content_type = "application/json", .body = "{\"status\":\"ok\"}"};
}

ApiResponse Readyz(const ServerContext& context, const ApiRequest& request) {
  auto opened = usecases::OpenStore(context.store);
  if (!opened.ok()) return Problem(503, "not-ready", "the store cannot be opened", request);
  auto version = opened->db->SchemaVersion();
  if (!version.ok()) return Problem(503, "not-ready", "the store cannot be read", request);
  nlohmann::json body{{"status", "ready"}, {"schema_version", *version}, {"scheduler", nullptr}};
  if (context.scheduler != nullptr) {
    const usecases::SchedulerSnapshot s = context.scheduler->Snapshot();
    auto or_null = [](const std::optional<std::string>& v) -> nlohmann::json {
      return v ? nlohmann::json(*v) : nlohmann::json(nullptr);
    };
    body["scheduler"] = {{"state", s.running ? "running" : "stopped"},
                         {"ticks", s.ticks},
                         {"last_tick", or_null(s.last_tick)},
                         {"last_error", or_null(s.last_error)},
                         {"next_due", or_null(s.next_due)}};
  }
  return {.status = 200, .content_type = "application/json", .body = body.dump()};
}

ApiResponse OpenApi(const ServerContext&, const ApiRequest& request) {
  return JsonDocument(std::string(OpenApiDocument()), request);
}

ApiResponse Metrics(const ServerContext& context, const ApiRequest& request) {
  std::vector<monitor::MetricFamily> families;
  // A workspace without monitors (no airm.yaml monitors:) still serves the
  // server's own numbers; a broken one is a problem like on the monitor
  // endpoints (503 until it is fixed: monitor_config_cache.h).
  auto monitors = usecases::ExportMonitorMetrics(
      {.store = context.store, .config_cache = context.config_cache});
  if (monitors.ok()) {
    families = *monitors;
  } else if (monitors.status().code() != StatusCode::kNotFound) {
    return ProblemFor(monitors.status(), request);
  }
  for (monitor::MetricFamily& f : context.metrics->Families()) families.push_back(std::move(f));
  return {.status = 200,
          .content_type = "text/plain; version=0.0.4; charset=utf-8",
          .body = report::RenderPrometheusText(families)};
}

}  // namespace airm::server::handlers
