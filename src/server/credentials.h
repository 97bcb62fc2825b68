// Where a request carries its credential: the session cookie or an
// "Authorization: Bearer" API token.
#pragma once

#include <string>

#include "airm/server/api.h"

namespace airm::server {

inline constexpr const char* kSessionCookie = "airm_session";

// The value of the airm_session cookie; "" when absent.
std::string SessionCookie(const ApiRequest& request);
// The bearer token; "" when absent.
std::string BearerToken(const ApiRequest& request);
// Set-Cookie for `value` (HttpOnly, SameSite=Strict, Secure under TLS).
std::string SessionCookieHeader(const std::string& value, int64_t max_age_seconds, bool tls);

}  // namespace airm::server
