// The RBAC matrix: every route of the table × every role (and no
// credential), over real HTTP, generated from the table. A role below the
// route's minimum gets 403 "forbidden-role"; at or above it the request gets
// past authorization (whatever the handler then says about the empty body);
// without a credential a non-public route is 401. Every 403 is audited.
#include <gtest/gtest.h>

#include <regex>

#include "airm/server/routes.h"
#include "server_fixture.h"

namespace airm::server::testing {
namespace {

// A concrete path for a table path: parameters get harmless values that
// name nothing destructive (an unknown user, a token id that does not exist).
std::string Concrete(const std::string& path) {
  static const std::map<std::string, std::string> kValues = {
      {"{name}", "nobody-here"}, {"{id}", "999999"}, {"{model}", "m@1"}, {"{ref}", "d@1"}};
  std::string out = path;
  for (const auto& [param, value] : kValues) {
    for (size_t at = out.find(param); at != std::string::npos; at = out.find(param)) {
      out.replace(at, param.size(), value);
    }
  }
  return out;
}

class RbacMatrixTest : public ServerTest {};

TEST_F(RbacMatrixTest, EveryRouteTimesEveryRole) {
  const std::vector<std::pair<std::string, accounts::Role>> roles = {
      {"viewer", accounts::Role::kViewer},
      {"contributor", accounts::Role::kContributor},
      {"reviewer", accounts::Role::kReviewer},
      {"admin", accounts::Role::kAdmin}};
  int denied = 0;
  for (const RouteSpec& route : Routes()) {
    const std::string path = Concrete(route.path);
    // DELETE /api/session with a bearer token is a 400, never a logout, so
    // the matrix can run every route in one server.
    for (const auto& [name, role] : roles) {
      SCOPED_TRACE(std::string(route.method) + " " + route.path + " as " + name);
      Reply r = As(name, route.method, path, "{}");
      ASSERT_NE(r.status, -1);
      const bool allowed = !route.min_role || accounts::AtLeast(role, *route.min_role);
      if (allowed) {
        EXPECT_NE(r.status, 401);
        EXPECT_FALSE(r.status == 403 && r.ProblemKind() == "forbidden-role") << r.body;
      } else {
        EXPECT_EQ(r.status, 403) << r.body;
        EXPECT_EQ(r.ProblemKind(), "forbidden-role") << r.body;
        ++denied;
      }
    }
    SCOPED_TRACE(std::string(route.method) + " " + route.path + " anonymous");
    Reply anonymous = Send(route.method, path, "{}");
    if (route.min_role) {
      EXPECT_EQ(anonymous.status, 401) << anonymous.body;
      EXPECT_EQ(anonymous.Header("Content-Type"), "application/problem+json");
    } else {
      EXPECT_NE(anonymous.status, 401);
      EXPECT_NE(anonymous.status, 403);
    }
  }
  EXPECT_GT(denied, 0);
  EXPECT_EQ(AuditCount("access.denied"), denied);
}

}  // namespace
}  // namespace airm::server::testing
