// The one route table against docs/openapi.json (both ways, with the minimum
// role) and the router's matching rules.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <set>

#include "airm/server/routes.h"

namespace airm::server {
namespace {

nlohmann::json LoadOpenApi() {
  std::ifstream in(std::string(AIRM_SOURCE_DIR) + "/docs/openapi.json");
  return nlohmann::json::parse(in, nullptr, false);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

TEST(RouteTable, EveryRouteIsInTheOpenApiDocumentWithItsRole) {
  nlohmann::json doc = LoadOpenApi();
  ASSERT_FALSE(doc.is_discarded());
  EXPECT_EQ(doc["openapi"], "3.1.0");
  for (const RouteSpec& route : Routes()) {
    SCOPED_TRACE(std::string(route.method) + " " + route.path);
    ASSERT_TRUE(doc["paths"].contains(route.path));
    const nlohmann::json& path = doc["paths"][route.path];
    ASSERT_TRUE(path.contains(Lower(route.method)));
    const std::string role = route.min_role ? accounts::RoleName(*route.min_role) : "public";
    EXPECT_EQ(path[Lower(route.method)]["x-airm-min-role"], role);
  }
}

TEST(RouteTable, EveryDocumentedOperationIsARoute) {
  nlohmann::json doc = LoadOpenApi();
  std::set<std::pair<std::string, std::string>> table;
  for (const RouteSpec& route : Routes()) table.insert({Lower(route.method), route.path});
  size_t operations = 0;
  for (const auto& [path, item] : doc["paths"].items()) {
    for (const auto& [method, op] : item.items()) {
      ++operations;
      EXPECT_TRUE(table.count({method, path})) << method << " " << path << " is not served";
    }
  }
  EXPECT_EQ(operations, Routes().size());
}

TEST(RouteTable, RoutesAreUniqueAndComplete) {
  std::set<std::pair<std::string, std::string>> seen;
  for (const RouteSpec& route : Routes()) {
    EXPECT_TRUE(seen.insert({route.method, route.path}).second) << route.path;
    EXPECT_NE(route.handler, nullptr) << route.path;
    EXPECT_NE(std::string(route.summary), "") << route.path;
    // Every write outside login needs a role.
    if (route.access == Access::kWrite && std::string(route.path) != "/api/session") {
      EXPECT_TRUE(route.min_role.has_value()) << route.path;
    }
  }
}

TEST(MatchRoute, DecodesParametersAndTellsMethodFromPath) {
  RouteMatch m = MatchRoute("GET", "/api/systems/credit%20scoring");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(std::string(m.route->path), "/api/systems/{name}");
  EXPECT_EQ(m.params.at("name"), "credit scoring");

  RouteMatch wrong_method = MatchRoute("PUT", "/api/systems");
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);

  RouteMatch unknown = MatchRoute("GET", "/api/nothing");
  EXPECT_EQ(unknown.route, nullptr);
  EXPECT_FALSE(unknown.path_known);
}

TEST(MatchRoute, AnEncodedSlashStaysInsideOneParameter) {
  RouteMatch m = MatchRoute("GET", "/api/datasets/..%2F..%2Fetc%2Fpasswd");
  ASSERT_NE(m.route, nullptr);
  EXPECT_EQ(m.params.at("ref"), "../../etc/passwd");
  EXPECT_EQ(MatchRoute("GET", "/api/datasets/%zz").route, nullptr);
  EXPECT_EQ(MatchRoute("GET", "/api/datasets/").route, nullptr);
  EXPECT_EQ(MatchRoute("GET", "/api/datasets/a/b").route, nullptr);
}

}  // namespace
}  // namespace airm::server
