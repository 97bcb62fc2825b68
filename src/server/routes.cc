#include "airm/server/routes.h"

#include <vector>

#include "handlers.h"

namespace airm::server {
namespace {

using accounts::Role;
namespace h = handlers;

constexpr std::optional<Role> kPublic = std::nullopt;

const RouteSpec kRoutes[] = {
    // method, path, minimum role, access, handler, summary
    {"GET", "/healthz", kPublic, Access::kRead, h::Healthz, "Liveness"},
    {"GET", "/readyz", kPublic, Access::kRead, h::Readyz, "Readiness: the store opens"},
    {"GET", "/api/openapi.json", kPublic, Access::kRead, h::OpenApi,
     "This API's OpenAPI 3.1 document"},
    {"GET", "/", kPublic, Access::kRead, h::Dashboard, "The dashboard (a browser app)"},
    {"GET", "/assets/{file}", kPublic, Access::kRead, h::DashboardAsset,
     "The dashboard's script and style sheet"},
    {"GET", "/metrics", Role::kViewer, Access::kRead, h::Metrics, "Prometheus metrics"},
    {"POST", "/api/session", kPublic, Access::kWrite, h::Login, "Log in: a session cookie"},
    {"GET", "/api/session", Role::kViewer, Access::kRead, h::WhoAmI,
     "The caller and its CSRF token"},
    {"DELETE", "/api/session", Role::kViewer, Access::kWrite, h::Logout, "Log out"},
    {"GET", "/api/users", Role::kAdmin, Access::kRead, h::ListUsers, "Every account"},
    {"POST", "/api/users", Role::kAdmin, Access::kWrite, h::AddUser, "Add an account"},
    {"POST", "/api/users/{name}/disable", Role::kAdmin, Access::kWrite, h::DisableUser,
     "Disable or enable an account"},
    {"GET", "/api/tokens", Role::kViewer, Access::kRead, h::ListTokens, "The caller's API tokens"},
    {"POST", "/api/tokens", Role::kViewer, Access::kWrite, h::CreateToken,
     "Create an API token (shown once)"},
    {"DELETE", "/api/tokens/{id}", Role::kViewer, Access::kWrite, h::RevokeToken,
     "Revoke an API token"},
    {"GET", "/api/systems", Role::kViewer, Access::kRead, h::ListSystems,
     "The AI-system inventory"},
    {"POST", "/api/systems", Role::kContributor, Access::kWrite, h::AddSystem, "Add an AI system"},
    {"GET", "/api/systems/{name}", Role::kViewer, Access::kRead, h::ShowSystem,
     "One AI system: models, tier, risks"},
    {"POST", "/api/systems/{name}/models", Role::kContributor, Access::kWrite, h::LinkSystemModel,
     "Link models to a system (owner or admin)"},
    {"GET", "/api/systems/{name}/coverage", Role::kViewer, Access::kRead, h::SystemCoverage,
     "Framework coverage of one AI system: controls met and gaps"},
    {"GET", "/api/systems/{name}/report", Role::kViewer, Access::kRead, h::GovernanceReport,
     "The plain-language report of one AI system"},
    {"GET", "/api/systems/{name}/lineage", Role::kViewer, Access::kRead, h::SystemLineage,
     "The versions serving one AI system: their chaos verdicts and lineage graphs"},
    {"GET", "/api/report", Role::kViewer, Access::kRead, h::GovernanceReport,
     "The plain-language report of the portfolio"},
    {"GET", "/api/escalation", Role::kViewer, Access::kRead, h::EscalationStatus,
     "Overdue risks, conditions and reviews, and to whom they escalate"},
    {"GET", "/api/risks", Role::kViewer, Access::kRead, h::ListRisks, "The risk register"},
    {"POST", "/api/risks", Role::kContributor, Access::kWrite, h::AddRisk,
     "Add a risk (system owner or admin)"},
    {"PATCH", "/api/risks/{id}", Role::kContributor, Access::kWrite, h::UpdateRisk,
     "Change a risk (system owner or admin)"},
    {"POST", "/api/boards", Role::kAdmin, Access::kWrite, h::AddBoard, "Add a review board"},
    {"GET", "/api/reviews", Role::kViewer, Access::kRead, h::ReviewQueue,
     "The review queue: every board's state of each model's newest version"},
    {"GET", "/api/reviews/{model}", Role::kViewer, Access::kRead, h::ReviewStatus,
     "Review state of a model version"},
    {"POST", "/api/reviews/{model}/decisions", Role::kReviewer, Access::kWrite, h::DecideReview,
     "Sign off a model version"},
    {"GET", "/api/audit", Role::kViewer, Access::kRead, h::AuditLog, "The audit log"},
    {"GET", "/api/audit/verify", Role::kViewer, Access::kRead, h::AuditVerify,
     "Verify the audit log"},
    {"GET", "/api/monitors", Role::kViewer, Access::kRead, h::MonitorStatus,
     "Monitors, schedules and open alerts"},
    {"GET", "/api/monitors/{name}/history", Role::kViewer, Access::kRead, h::MonitorHistory,
     "A monitor metric's time series"},
    {"GET", "/api/alerts", Role::kViewer, Access::kRead, h::ListAlerts, "Alert episodes"},
    {"POST", "/api/alerts/{id}/ack", Role::kContributor, Access::kWrite, h::AckAlert,
     "Acknowledge an alert"},
    {"POST", "/api/alerts/{id}/silence", Role::kContributor, Access::kWrite, h::SilenceAlert,
     "Silence an alert until a time"},
    {"GET", "/api/models", Role::kViewer, Access::kRead, h::ListModels, "Model versions"},
    {"GET", "/api/models/{ref}/card", Role::kViewer, Access::kRead, h::ModelCard,
     "The model card of NAME@VERSION"},
    {"GET", "/api/datasets", Role::kViewer, Access::kRead, h::ListDatasets, "Dataset versions"},
    {"GET", "/api/datasets/{ref}", Role::kViewer, Access::kRead, h::ShowDataset,
     "One dataset version with its lineage"},
    {"GET", "/api/lineage/predictions/{id}", Role::kViewer, Access::kRead, h::TracePrediction,
     "Trace one prediction"},
};

std::vector<std::string_view> Segments(std::string_view path) {
  std::vector<std::string_view> out;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding of one segment; nullopt for a broken escape.
std::optional<std::string> Decode(std::string_view segment) {
  std::string out;
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] != '%') {
      out += segment[i];
      continue;
    }
    if (i + 2 >= segment.size()) return std::nullopt;
    const int hi = HexValue(segment[i + 1]), lo = HexValue(segment[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out += static_cast<char>(hi * 16 + lo);
    i += 2;
  }
  return out;
}

bool Matches(const RouteSpec& route, const std::vector<std::string_view>& segments,
             std::map<std::string, std::string>* params) {
  const std::vector<std::string_view> pattern = Segments(route.path);
  if (pattern.size() != segments.size()) return false;
  std::map<std::string, std::string> found;
  for (size_t i = 0; i < pattern.size(); ++i) {
    const std::string_view p = pattern[i];
    if (p.size() > 2 && p.front() == '{' && p.back() == '}') {
      std::optional<std::string> value = Decode(segments[i]);
      if (segments[i].empty() || !value || value->empty()) return false;
      found[std::string(p.substr(1, p.size() - 2))] = *value;
    } else if (p != segments[i]) {
      return false;
    }
  }
  *params = std::move(found);
  return true;
}

}  // namespace

std::span<const RouteSpec> Routes() { return kRoutes; }

RouteMatch MatchRoute(std::string_view method, std::string_view path) {
  RouteMatch match;
  if (path.empty() || path.front() != '/') return match;
  const std::vector<std::string_view> segments = Segments(path);
  for (const RouteSpec& route : kRoutes) {
    std::map<std::string, std::string> params;
    if (!Matches(route, segments, &params)) continue;
    match.path_known = true;
    if (method == route.method) {
      match.route = &route;
      match.params = std::move(params);
      return match;
    }
  }
  return match;
}

}  // namespace airm::server
