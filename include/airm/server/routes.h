// THE route table of `airm serve`: every endpoint with its method, path,
// minimum role and handler. The router, the RBAC matrix test and the check
// against docs/openapi.json are all generated from this one table, so a
// route cannot be served without a role or documented without being served.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "airm/accounts/roles.h"
#include "airm/server/api.h"

namespace airm::server {

using Handler = ApiResponse (*)(const ServerContext& context, const ApiRequest& request);

// Whether a route writes: writes need a write-scoped token and, from a
// browser session, the CSRF token.
enum class Access { kRead, kWrite };

struct RouteSpec {
  const char* method;  // GET, POST, PATCH, DELETE
  const char* path;    // OpenAPI form: /api/systems/{name}
  // nullopt: public (health, login, the OpenAPI document).
  std::optional<accounts::Role> min_role;
  Access access;
  Handler handler;
  const char* summary;
};

std::span<const RouteSpec> Routes();

struct RouteMatch {
  const RouteSpec* route = nullptr;  // nullptr: no route
  std::map<std::string, std::string> params = {};
  bool path_known = false;  // some route has this path (for 405 vs 404)
};
// Matches `path` segment by segment; a {param} takes one non-empty segment,
// percent-decoded.
RouteMatch MatchRoute(std::string_view method, std::string_view path);

}  // namespace airm::server
