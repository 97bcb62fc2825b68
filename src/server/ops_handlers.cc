// Operations: liveness, readiness (the store opens at a known schema), the
// OpenAPI document, and Prometheus metrics (the monitors' numbers from
// usecases::ExportMonitorMetrics and the server's own).
#include "airm/server/request_metrics.h"
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
  return {.status = 200,
          .content_type = "application/json",
          .body = nlohmann::json{{"status", "ready"}, {"schema_version", *version}}.dump()};
}

ApiResponse OpenApi(const ServerContext&, const ApiRequest& request) {
  return JsonDocument(std::string(OpenApiDocument()), request);
}

ApiResponse Metrics(const ServerContext& context, const ApiRequest& request) {
  std::vector<monitor::MetricFamily> families;
  // A workspace without monitors (no airm.yaml monitors:) still serves the
  // server's own numbers; a broken configuration is a 500 like any other.
  auto monitors = usecases::ExportMonitorMetrics({.store = context.store});
  if (monitors.ok()) {
    families = *monitors;
  } else if (monitors.status().code() != StatusCode::kNotFound) {
    return ProblemFor(monitors.status(), request);
  }
  for (monitor::MetricFamily& f : context.metrics->Families()) families.push_back(std::move(f));
  return {.status = 200,
          .content_type = "text/plain; version=0.0.4; charset=utf-8",
          .body = monitor::RenderPrometheusText(families)};
}

}  // namespace airm::server::handlers
