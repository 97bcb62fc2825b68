// Probes an attacker would send: SQL injection through parameters and
// bodies, path traversal, script in user-supplied names, oversized and
// malformed bodies. Each gets a clean 4xx problem and changes nothing.
#include <gtest/gtest.h>

#include "server_fixture.h"

namespace airm::server::testing {
namespace {

class SecurityTest : public ServerTest {
 protected:
  int64_t Count(const std::string& table) {
    auto db = Open();
    auto rows = db->Query("SELECT COUNT(*) FROM " + table);
    return rows.ok() ? rows->at(0).Int(0) : -1;
  }
};

TEST_F(SecurityTest, SqlInjectionProbesAreDataNotSql) {
  const int64_t systems = Count("ai_systems");
  const int64_t users = Count("users");
  for (const std::string probe :
       {"x%27%20OR%201%3D1--", "credit%27%3B%20DROP%20TABLE%20users%3B--",
        "%22%20OR%20%22%22%3D%22"}) {
    SCOPED_TRACE(probe);
    Reply one = As("viewer", "GET", "/api/systems/" + probe);
    EXPECT_EQ(one.status, 404) << one.body;
    Reply filtered = As("viewer", "GET", "/api/systems?owner=" + probe);
    EXPECT_EQ(filtered.status, 200);
    EXPECT_EQ(filtered.Json()["systems"].size(), 0u);
    EXPECT_EQ(As("viewer", "GET", "/api/risks?system=" + probe).status / 100, 4);
    EXPECT_EQ(As("viewer", "GET", "/api/datasets/" + probe).status / 100, 4);
  }
  Reply login = Send("POST", "/api/session", R"({"username":"ada' --","password":"' OR '1'='1"})");
  EXPECT_EQ(login.status, 401);
  EXPECT_EQ(Count("ai_systems"), systems);
  EXPECT_EQ(Count("users"), users);
}

TEST_F(SecurityTest, PathTraversalReachesNoFile) {
  for (const std::string path :
       {"/api/datasets/..%2F..%2F..%2Fetc%2Fpasswd", "/../../etc/passwd",
        "/api/openapi.json/../../../etc/passwd", "/api/%2e%2e/%2e%2e/etc/passwd"}) {
    SCOPED_TRACE(path);
    Reply r = As("viewer", "GET", path);
    EXPECT_TRUE(r.status == 404 || r.status == 400) << r.status << " " << r.body;
    EXPECT_EQ(r.body.find("root:"), std::string::npos);
  }
}

TEST_F(SecurityTest, ScriptInANameComesBackAsInertJson) {
  const std::string evil = "<script>alert(\"x\")</script>\\";
  nlohmann::json body = {{"system", "credit"}, {"title", evil}, {"category", "bias"},
                         {"likelihood", 2},    {"impact", 2},   {"treatment", "mitigate"}};
  Reply added = As("contributor", "POST", "/api/risks", body.dump());
  ASSERT_EQ(added.status, 201) << added.body;
  Reply list = As("viewer", "GET", "/api/risks");
  ASSERT_EQ(list.status, 200);
  // JSON escaping keeps quotes and backslashes inside the string ...
  EXPECT_EQ(list.Json()["risks"][0]["title"], evil);
  // ... and the response can never be sniffed or framed as HTML.
  EXPECT_EQ(list.Header("Content-Type"), "application/json");
  EXPECT_EQ(list.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(list.Header("Content-Security-Policy").find("default-src 'none'"), std::string::npos);
  // A problem naming the input carries it as JSON text too.
  Reply unknown = As("viewer", "GET", "/api/systems/%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.Header("Content-Type"), "application/problem+json");
  EXPECT_FALSE(unknown.Json().is_discarded());
}

TEST_F(SecurityTest, MalformedAndOversizedBodiesAreRefused) {
  Reply not_json = As("admin", "POST", "/api/users", "{not json");
  EXPECT_EQ(not_json.status, 400);
  EXPECT_NE(not_json.Json()["detail"].get<std::string>().find("JSON object"), std::string::npos);
  EXPECT_EQ(As("admin", "POST", "/api/users", "[1,2]").status, 400);
  EXPECT_EQ(As("admin", "POST", "/api/users", R"({"username":5,"role":"admin"})").status, 400);
  Reply huge = As("admin", "POST", "/api/users", std::string(2 << 20, 'x'));
  EXPECT_EQ(huge.status, 413);
  // Invalid UTF-8 in a name is refused or replaced, never a crash.
  Reply bad_utf8 = As("viewer", "GET", "/api/systems/%FF%FE");
  EXPECT_EQ(bad_utf8.status, 404);
  EXPECT_FALSE(bad_utf8.Json().is_discarded());
}

TEST_F(SecurityTest, UsernamesAreRestrictedAndPasswordsNeverComeBack) {
  Reply weird = As("admin", "POST", "/api/users", R"({"username":"<b>x</b>","role":"viewer"})");
  EXPECT_EQ(weird.status, 400);
  Reply added = As("admin", "POST", "/api/users", R"({"username":"newbie","role":"viewer"})");
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Json()["password"].get<std::string>().size(), 20u);
  EXPECT_EQ(added.Header("Cache-Control"), "no-store");
  Reply users = As("admin", "GET", "/api/users");
  EXPECT_EQ(users.body.find("argon2"), std::string::npos);
  EXPECT_EQ(users.body.find("password"), std::string::npos);
}

}  // namespace
}  // namespace airm::server::testing
