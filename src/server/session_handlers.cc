// /api/session: log in (a new session cookie), log out, who am I.
#include <chrono>

#include "account_json.h"
#include "airm/usecases/login_throttle.h"
#include "credentials.h"
#include "handlers.h"
#include "ownership.h"
#include "responses.h"

namespace airm::server::handlers {
namespace {

int64_t NowSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace

// Body: username, password. 401 for any wrong credential, 429 with
// Retry-After while the (account, address) pair is locked.
ApiResponse Login(const ServerContext& context, const ApiRequest& request) {
  Result<nlohmann::json> body = JsonBody(request);
  if (!body.ok()) return ProblemFor(body.status(), request);
  Result<std::string> username = StringField(*body, "username", true);
  Result<std::string> password = StringField(*body, "password", true);
  if (!username.ok()) return ProblemFor(username.status(), request);
  if (!password.ok()) return ProblemFor(password.status(), request);
  const usecases::LoginAttempt attempt{.store = context.store,
                                       .account = *username,
                                       .client = request.client,
                                       .now_unix = NowSeconds()};
  Result<int64_t> wait = usecases::LoginRetryAfter(attempt);
  if (!wait.ok()) return ProblemFor(wait.status(), request);
  if (*wait > 0) {
    ApiResponse r = Problem(429, "login-locked",
                            "too many failed logins for this account from this address; try "
                            "again later",
                            request);
    r.headers.push_back({"Retry-After", std::to_string(*wait)});
    return r;
  }
  auto logged = usecases::Login({.store = context.store,
                                 .username = *username,
                                 .password = *password,
                                 .client = request.client,
                                 .session_hours = context.session_hours});
  if (!logged.ok()) {
    if (logged.status().code() != StatusCode::kNotFound)
      return ProblemFor(logged.status(), request);
    Result<bool> locked = usecases::RecordLoginFailure(attempt);
    if (!locked.ok()) return ProblemFor(locked.status(), request);
    if (*locked) {
      // A lockout is audited; single failures are not (they would let anyone
      // grow the signed log at will).
      (void)usecases::RecordAuditEvent({.store = context.store,
                                        .actor = "anonymous",
                                        .action = "login.locked",
                                        .subject = "user:" + *username,
                                        .details = {{"client", request.client}}});
    }
    return Problem(401, "unauthenticated", "unknown username or password", request);
  }
  // The session exists already; failing to forget old failures only leaves
  // counts that expire by themselves, so it does not fail the login.
  (void)usecases::RecordLoginSuccess(attempt);
  ApiResponse r = JsonDocument(nlohmann::json{{"user", UserJson(logged->principal.user)},
                                              {"csrf_token", logged->principal.csrf_token},
                                              {"expires_at", logged->expires_at}},
                               request);
  r.headers.push_back(
      {"Set-Cookie",
       SessionCookieHeader(logged->session_id, context.session_hours * 3600, context.tls)});
  return r;
}

ApiResponse Logout(const ServerContext& context, const ApiRequest& request) {
  if (request.principal->via != "session") {
    return Problem(400, "invalid-argument", "logout ends a browser session, not an API token",
                   request);
  }
  Status s = usecases::Logout({.store = context.store, .session_id = SessionCookie(request)});
  if (!s.ok()) return ProblemFor(s, request);
  ApiResponse r{.status = 204, .content_type = ""};
  r.headers.push_back({"Set-Cookie", SessionCookieHeader("", 0, context.tls)});
  return r;
}

ApiResponse WhoAmI(const ServerContext& context, const ApiRequest& request) {
  const usecases::Principal& p = *request.principal;
  nlohmann::json doc = {{"user", UserJson(p.user)}, {"via", p.via}, {"scope", p.scope}};
  if (p.via == "session") doc["csrf_token"] = p.csrf_token;
  return JsonDocument(doc, request);
}

}  // namespace airm::server::handlers
