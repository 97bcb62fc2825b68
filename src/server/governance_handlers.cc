// The governance documents for the dashboard: framework coverage, escalation
// status and the plain-language report, each from its use case (the same as
// `airm framework coverage`, `airm escalation status`, `airm system report`)
// rendered by the CLI's own JSON renderers.
#include "airm/report/escalation_documents.h"
#include "airm/report/framework_documents.h"
#include "airm/report/governance_report.h"
#include "airm/usecases/governance_escalation.h"
#include "airm/usecases/governance_frameworks.h"
#include "airm/usecases/governance_report.h"
#include "handlers.h"
#include "responses.h"

namespace airm::server::handlers {

// ?framework=ID (one framework; default all) ?today=YYYY-MM-DD.
ApiResponse SystemCoverage(const ServerContext& context, const ApiRequest& request) {
  std::vector<std::string> frameworks;
  if (!request.Query("framework").empty()) frameworks.push_back(request.Query("framework"));
  auto coverage = usecases::GetFrameworkCoverage({.store = context.store,
                                                  .system = request.params.at("name"),
                                                  .frameworks = frameworks,
                                                  .today = request.Query("today")});
  if (!coverage.ok()) return ProblemFor(coverage.status(), request);
  return JsonDocument(
      report::RenderFrameworkCoverageJson(coverage->library, coverage->report, ApiMeta(request)),
      request);
}

// ?system= (default every system) ?today=YYYY-MM-DD.
ApiResponse EscalationStatus(const ServerContext& context, const ApiRequest& request) {
  auto status = usecases::GetEscalationStatus(
      {.store = context.store, .system = request.Query("system"), .today = request.Query("today")});
  if (!status.ok()) return ProblemFor(status.status(), request);
  return JsonDocument(report::RenderEscalationJson(*status, ApiMeta(request)), request);
}

// The portfolio's report (GET /api/report) or one system's
// (GET /api/systems/{name}/report); ?today=YYYY-MM-DD.
ApiResponse GovernanceReport(const ServerContext& context, const ApiRequest& request) {
  auto name = request.params.find("name");
  auto built = usecases::BuildGovernanceReport(
      {.store = context.store,
       .system = name == request.params.end() ? std::string() : name->second,
       .today = request.Query("today")});
  if (!built.ok()) return ProblemFor(built.status(), request);
  return JsonDocument(report::RenderGovernanceReportJson(*built, ApiMeta(request)), request);
}

}  // namespace airm::server::handlers
