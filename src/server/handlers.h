// The handlers of the route table (routes.cc), one file per area. Each one
// parses its parameters, calls one use case and renders its result with the
// report or governance renderers; none holds rules of its own beyond
// ownership (ownership.cc).
#pragma once

#include "airm/server/api.h"

namespace airm::server::handlers {

#define AIRM_HANDLER(name) ApiResponse name(const ServerContext& context, const ApiRequest& request)

// ops_handlers.cc
AIRM_HANDLER(Healthz);
AIRM_HANDLER(Readyz);
AIRM_HANDLER(OpenApi);
AIRM_HANDLER(Metrics);
// dashboard_handlers.cc
AIRM_HANDLER(Dashboard);
AIRM_HANDLER(DashboardAsset);
// session_handlers.cc
AIRM_HANDLER(Login);
AIRM_HANDLER(Logout);
AIRM_HANDLER(WhoAmI);
// user_handlers.cc
AIRM_HANDLER(ListUsers);
AIRM_HANDLER(AddUser);
AIRM_HANDLER(DisableUser);
AIRM_HANDLER(ListTokens);
AIRM_HANDLER(CreateToken);
AIRM_HANDLER(RevokeToken);
// system_handlers.cc
AIRM_HANDLER(ListSystems);
AIRM_HANDLER(ShowSystem);
AIRM_HANDLER(AddSystem);
AIRM_HANDLER(LinkSystemModel);
// risk_handlers.cc
AIRM_HANDLER(ListRisks);
AIRM_HANDLER(AddRisk);
AIRM_HANDLER(UpdateRisk);
// review_handlers.cc
AIRM_HANDLER(ReviewQueue);
AIRM_HANDLER(ReviewStatus);
AIRM_HANDLER(DecideReview);
AIRM_HANDLER(AddBoard);
// governance_handlers.cc
AIRM_HANDLER(SystemCoverage);
AIRM_HANDLER(EscalationStatus);
AIRM_HANDLER(GovernanceReport);
// audit_handlers.cc
AIRM_HANDLER(AuditLog);
AIRM_HANDLER(AuditVerify);
// monitor_handlers.cc
AIRM_HANDLER(MonitorStatus);
AIRM_HANDLER(MonitorHistory);
AIRM_HANDLER(ListAlerts);
AIRM_HANDLER(AckAlert);
AIRM_HANDLER(SilenceAlert);
// model_handlers.cc
AIRM_HANDLER(ListModels);
AIRM_HANDLER(ModelCard);
// data_handlers.cc
AIRM_HANDLER(ListDatasets);
AIRM_HANDLER(ShowDataset);
AIRM_HANDLER(TracePrediction);
AIRM_HANDLER(SystemLineage);

#undef AIRM_HANDLER

}  // namespace airm::server::handlers
