#include "dispatch.h"

#include "airm/accounts/secrets.h"
#include "airm/server/routes.h"
#include "credentials.h"
#include "responses.h"

namespace airm::server {
namespace {

bool IsWriteMethod(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void AuditDenial(const ServerContext& context, const ApiRequest& request,
                 const ApiResponse& response) {
  const std::string actor =
      request.principal ? request.principal->user.username : std::string("anonymous");
  std::string reason;
  if (auto doc = nlohmann::json::parse(response.body, nullptr, false);
      !doc.is_discarded() && doc.is_object()) {
    reason = doc.value("type", "");
  }
  // The refusal is answered whether or not it could be logged; a failure
  // to append shows in the server log through the status it returns.
  (void)usecases::RecordAuditEvent({.store = context.store,
                                    .actor = actor,
                                    .action = "access.denied",
                                    .subject = "route:" + request.method + " " + request.path,
                                    .details = {{"reason", reason}, {"client", request.client}}});
}

ApiResponse Authorize(const ServerContext& context, const RouteSpec& route, ApiRequest& request) {
  const std::string token = BearerToken(request);
  const std::string session = token.empty() ? SessionCookie(request) : std::string();
  if (token.empty() && session.empty()) {
    return Problem(401, "unauthenticated", "log in or send an API token", request);
  }
  auto principal =
      usecases::Authenticate({.store = context.store, .session_id = session, .api_token = token});
  if (!principal.ok()) {
    if (principal.status().code() != StatusCode::kNotFound) {
      return ProblemFor(principal.status(), request);
    }
    ApiResponse r = Problem(401, "unauthenticated",
                            token.empty() ? "the session is unknown, expired or logged out"
                                          : "the API token is unknown, expired or revoked",
                            request);
    r.headers.push_back({"WWW-Authenticate", "Bearer"});
    return r;
  }
  request.principal = *principal;
  if (!accounts::AtLeast(principal->role, *route.min_role)) {
    return Problem(403, "forbidden-role",
                   std::string("this needs the ") + accounts::RoleName(*route.min_role) +
                       " role or higher; " + principal->user.username + " is " +
                       principal->user.role,
                   request);
  }
  if (route.access == Access::kWrite && principal->via == "token" && principal->scope != "write") {
    return Problem(403, "forbidden-scope", "this API token is read-only", request);
  }
  // Synchronizer token: a browser session's write must echo the session's
  // CSRF token in a header that a cross-site form cannot set. Bearer tokens
  // are not sent by browsers on their own, so they need none.
  if (principal->via == "session" && IsWriteMethod(request.method) &&
      !accounts::ConstantTimeEquals(request.Header("x-csrf-token"), principal->csrf_token)) {
    return Problem(403, "csrf", "missing or wrong X-CSRF-Token header", request);
  }
  return {.status = 0};
}

}  // namespace

Dispatched Dispatch(const ServerContext& context, ApiRequest request) {
  Dispatched out;
  RouteMatch match = MatchRoute(request.method, request.path);
  if (match.route == nullptr) {
    out.response = match.path_known
                       ? Problem(405, "method-not-allowed",
                                 request.method + " is not allowed on " + request.path, request)
                       : Problem(404, "not-found", "no such endpoint: " + request.path, request);
    return out;
  }
  out.route = match.route->path;
  request.params = std::move(match.params);
  if (match.route->min_role) {
    ApiResponse refused = Authorize(context, *match.route, request);
    if (refused.status != 0) {
      if (request.principal) out.user = request.principal->user.username;
      if (refused.status == 403) AuditDenial(context, request, refused);
      out.response = std::move(refused);
      return out;
    }
    out.user = request.principal->user.username;
  }
  out.response = match.route->handler(context, request);
  if (out.response.status == 403) AuditDenial(context, request, out.response);
  return out;
}

}  // namespace airm::server
