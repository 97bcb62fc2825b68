// `airm serve` on a PostgreSQL store: the same server and fixture as the
// SQLite tests, with the workspace moved to a fresh schema on the test
// PostgreSQL (tests/support/store_backends.h) before any account is made. A
// session logs in, reads, is refused a write without its CSRF token and a
// write above its role, makes a write with both, and the audit entries land
// in the PostgreSQL store.
#include <gtest/gtest.h>

#include "airm/store/database.h"
#include "server_fixture.h"
#include "store_backends.h"

namespace airm::server::testing {
namespace {

class PostgresServerTest : public ServerTest {
 protected:
  std::string StoreLocation() override {
    std::string skip_reason;
    std::string url = airm::testing::FreshStoreLocation(airm::testing::StoreBackend::kPostgres,
                                                        dir_, &skip_reason);
    if (!skip_reason.empty()) Skip(skip_reason);
    return url;
  }
  void Skip(const std::string& why) { GTEST_SKIP() << why; }

  // The audit entries of `action`, read from the store the server wrote.
  std::vector<nlohmann::json> AuditEntries(const std::string& action) const {
    std::vector<nlohmann::json> out;
    auto db = Open();
    if (db == nullptr) return out;
    auto rows = db->Query("SELECT entry FROM audit_entries ORDER BY seq");
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok()) return out;
    for (const store::Row& row : *rows) {
      nlohmann::json e = nlohmann::json::parse(row.Text(0), nullptr, false);
      if (e.is_object() && e.value("action", "") == action) out.push_back(e);
    }
    return out;
  }
};

TEST_F(PostgresServerTest, ASessionReadsAndWritesThroughCsrfAndRoleChecksWithAudit) {
  ASSERT_TRUE(store::IsPostgresUrl(workspace_.db_path)) << workspace_.db_path;
  const std::string risk =
      R"({"system":"credit","title":"bias","category":"bias","likelihood":3,"impact":4,"treatment":"mitigate"})";

  LoginResult cody = LogIn(user_.at("contributor"), kPassword);
  ASSERT_EQ(cody.reply.status, 200) << cody.reply.body;
  ASSERT_EQ(cody.csrf.size(), 64u);
  EXPECT_EQ(AuditCount("session.login"), 1);

  // A read: the system SetUp added, from PostgreSQL.
  Reply systems = Send("GET", "/api/systems", "", {{"Cookie", cody.cookie}});
  ASSERT_EQ(systems.status, 200) << systems.body;
  ASSERT_EQ(systems.Json()["systems"].size(), 1u) << systems.body;
  EXPECT_EQ(systems.Json()["systems"][0]["name"], "credit");

  // A write from the session without its CSRF token is refused and writes nothing.
  Reply no_csrf = Send("POST", "/api/risks", risk, {{"Cookie", cody.cookie}});
  EXPECT_EQ(no_csrf.status, 403);
  EXPECT_EQ(no_csrf.ProblemKind(), "csrf");
  // A viewer's session with its token is below the role a write needs.
  LoginResult vera = LogIn(user_.at("viewer"), kPassword);
  ASSERT_EQ(vera.reply.status, 200) << vera.reply.body;
  Reply viewer =
      Send("POST", "/api/risks", risk, {{"Cookie", vera.cookie}, {"X-CSRF-Token", vera.csrf}});
  EXPECT_EQ(viewer.status, 403);
  EXPECT_EQ(viewer.ProblemKind(), "forbidden-role");
  EXPECT_TRUE(AuditEntries("risk.add").empty());

  Reply added =
      Send("POST", "/api/risks", risk, {{"Cookie", cody.cookie}, {"X-CSRF-Token", cody.csrf}});
  ASSERT_EQ(added.status, 201) << added.body;
  const std::string id = added.Json()["risk"]["id"];
  std::vector<nlohmann::json> entries = AuditEntries("risk.add");
  ASSERT_EQ(entries.size(), 1u);
  EXPECT_EQ(entries[0]["actor"], user_.at("contributor"));
  EXPECT_EQ(entries[0]["subject"], "risk:" + id);

  // The next read sees the write; the chain of entries still verifies.
  Reply risks = Send("GET", "/api/risks", "", {{"Cookie", cody.cookie}});
  ASSERT_EQ(risks.status, 200) << risks.body;
  EXPECT_NE(risks.body.find(R"("title":"bias")"), std::string::npos) << risks.body;
  Reply verified = As("admin", "GET", "/api/audit/verify");
  ASSERT_EQ(verified.status, 200) << verified.body;
  EXPECT_EQ(verified.Json()["ok"], true) << verified.body;
}

}  // namespace
}  // namespace airm::server::testing
