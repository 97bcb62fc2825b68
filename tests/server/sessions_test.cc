// Logins, sessions, CSRF, API tokens and lockout over real HTTP.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "airm/accounts/secrets.h"
#include "airm/store/accounts.h"
#include "airm/usecases/accounts.h"
#include "server_fixture.h"

namespace airm::server::testing {
namespace {

class SessionsTest : public ServerTest {};

TEST_F(SessionsTest, LoginSetsAStrictHttpOnlyCookieAndReturnsTheCsrfToken) {
  LoginResult login = LogIn("ada", kPassword);
  ASSERT_EQ(login.reply.status, 200) << login.reply.body;
  const std::string set_cookie = login.reply.Header("Set-Cookie");
  EXPECT_NE(set_cookie.find("HttpOnly"), std::string::npos);
  EXPECT_NE(set_cookie.find("SameSite=Strict"), std::string::npos);
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos);  // no TLS here
  EXPECT_EQ(login.csrf.size(), 64u);
  Reply me = Send("GET", "/api/session", "", {{"Cookie", login.cookie}});
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["user"]["username"], "ada");
  EXPECT_EQ(me.Json()["csrf_token"], login.csrf);
  EXPECT_EQ(AuditCount("session.login"), 1);
  // The session id itself is not in the store, only its hash.
  auto db = Open();
  const std::string id = login.cookie.substr(login.cookie.find('=') + 1);
  auto found = store::FindSession(*db, accounts::HashSecret(id));
  ASSERT_TRUE(found.ok());
  EXPECT_TRUE(found->has_value());
  auto raw = db->Query("SELECT COUNT(*) FROM sessions WHERE id_hash = ?", {id});
  EXPECT_EQ(raw->at(0).Int(0), 0);
}

TEST_F(SessionsTest, WrongPasswordUnknownUserAndDisabledUserLookTheSame) {
  Reply wrong = LogIn("ada", "not the password").reply;
  Reply unknown = LogIn("nobody", kPassword).reply;
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_EQ(wrong.Json()["detail"], unknown.Json()["detail"]);
  ASSERT_TRUE(usecases::DisableUser({.store = Where(), .actor = "ada", .username = "vera"}).ok());
  EXPECT_EQ(LogIn("vera", kPassword).reply.status, 401);
  // Her token stops working while she is disabled.
  EXPECT_EQ(As("viewer", "GET", "/api/systems").status, 401);
}

TEST_F(SessionsTest, AWriteFromASessionNeedsTheCsrfToken) {
  LoginResult login = LogIn("ada", kPassword);
  const std::string body = R"({"name":"csrf-probe","scope":"read"})";
  Reply without = Send("POST", "/api/tokens", body, {{"Cookie", login.cookie}});
  EXPECT_EQ(without.status, 403);
  EXPECT_EQ(without.ProblemKind(), "csrf");
  Reply wrong = Send("POST", "/api/tokens", body,
                     {{"Cookie", login.cookie}, {"X-CSRF-Token", std::string(64, 'a')}});
  EXPECT_EQ(wrong.status, 403);
  Reply right =
      Send("POST", "/api/tokens", body, {{"Cookie", login.cookie}, {"X-CSRF-Token", login.csrf}});
  EXPECT_EQ(right.status, 201) << right.body;
  EXPECT_EQ(AuditCount("access.denied"), 2);
  // Reads need no CSRF token.
  EXPECT_EQ(Send("GET", "/api/systems", "", {{"Cookie", login.cookie}}).status, 200);
}

TEST_F(SessionsTest, LoginIssuesANewSessionIdWhateverTheClientSent) {
  const std::string planted = "airm_session=" + std::string(64, 'f');
  LoginResult login = LogIn("ada", kPassword, {{"Cookie", planted}});
  ASSERT_EQ(login.reply.status, 200);
  EXPECT_NE(login.cookie, planted);
  EXPECT_EQ(Send("GET", "/api/session", "", {{"Cookie", planted}}).status, 401);
  // Two logins: two different sessions.
  EXPECT_NE(LogIn("ada", kPassword).cookie, login.cookie);
}

TEST_F(SessionsTest, LogoutEndsTheSession) {
  LoginResult login = LogIn("cody", kPassword);
  Reply out =
      Send("DELETE", "/api/session", "", {{"Cookie", login.cookie}, {"X-CSRF-Token", login.csrf}});
  EXPECT_EQ(out.status, 204) << out.body;
  EXPECT_NE(out.Header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  EXPECT_EQ(Send("GET", "/api/session", "", {{"Cookie", login.cookie}}).status, 401);
}

TEST_F(SessionsTest, RevokedAndExpiredTokensAreRefused) {
  Reply created = As("contributor", "POST", "/api/tokens", R"({"name":"ci","scope":"read"})");
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string secret = created.Json()["secret"];
  const int64_t id = created.Json()["token"]["id"];
  const httplib::Headers bearer = {{"Authorization", "Bearer " + secret}};
  EXPECT_EQ(Send("GET", "/api/systems", "", bearer).status, 200);
  // Read-only scope: no writes.
  Reply write = Send("POST", "/api/tokens", R"({"name":"x"})", bearer);
  EXPECT_EQ(write.status, 403);
  EXPECT_EQ(write.ProblemKind(), "forbidden-scope");
  // Someone else cannot revoke it (404, not a hint that it exists).
  EXPECT_EQ(As("viewer", "DELETE", "/api/tokens/" + std::to_string(id)).status, 404);
  Reply revoked = As("contributor", "DELETE", "/api/tokens/" + std::to_string(id));
  EXPECT_EQ(revoked.status, 200) << revoked.body;
  Reply after = Send("GET", "/api/systems", "", bearer);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.Header("WWW-Authenticate"), "Bearer");

  // A token whose expiry has passed.
  auto db = Open();
  const std::string expired = accounts::NewApiToken();
  auto user = store::FindUser(*db, "cody");
  ASSERT_TRUE(store::InsertApiToken(*db, {.token_hash = accounts::HashSecret(expired),
                                          .prefix = expired.substr(0, 12),
                                          .user_id = (*user)->id,
                                          .name = "old",
                                          .scope = "write",
                                          .created_at = "2020-01-01T00:00:00Z",
                                          .expires_at = "2020-02-01T00:00:00Z"})
                  .ok());
  EXPECT_EQ(Send("GET", "/api/systems", "", {{"Authorization", "Bearer " + expired}}).status, 401);
  EXPECT_EQ(Send("GET", "/api/systems", "", {{"Authorization", "Bearer airm_nonsense"}}).status,
            401);
}

TEST_F(SessionsTest, FiveFailuresLockTheAccountForThisAddressEvenWithTheRightPassword) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(LogIn("ada", "guess " + std::to_string(i)).reply.status, 401);
  Reply locked = LogIn("ada", kPassword).reply;
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.ProblemKind(), "login-locked");
  EXPECT_FALSE(locked.Header("Retry-After").empty());
  EXPECT_EQ(AuditCount("login.locked"), 1);
  // Another account from the same address is not locked.
  EXPECT_EQ(LogIn("cody", kPassword).reply.status, 200);
}

// The counts are in the store (migration 012), not in the server's memory.
TEST_F(SessionsTest, ALockoutSurvivesARestartAndHoldsForAnotherServerOnTheStore) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(LogIn("ada", "guess " + std::to_string(i)).reply.status, 401);
  Restart();
  Reply locked = LogIn("ada", kPassword).reply;
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(locked.ProblemKind(), "login-locked");
  const int retry_after = std::stoi(locked.Header("Retry-After"));
  EXPECT_GT(retry_after, 0);
  EXPECT_LE(retry_after, 15 * 60);

  auto other = Server::Create({.store = Where(), .listen = "127.0.0.1:0", .workers = 1}, {});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  std::thread other_thread([&] { (void)(*other)->Run(); });
  httplib::Client client("127.0.0.1", (*other)->port());
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  auto reply = client.Post("/api/session",
                           nlohmann::json{{"username", "ada"}, {"password", kPassword}}.dump(),
                           "application/json");
  (*other)->Stop();
  other_thread.join();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 429);
  EXPECT_EQ(AuditCount("login.locked"), 1);
}

TEST_F(SessionsTest, SuccessfulLoginForgetsEarlierFailures) {
  for (int i = 0; i < 4; ++i) EXPECT_EQ(LogIn("ada", "guess").reply.status, 401);
  EXPECT_EQ(LogIn("ada", kPassword).reply.status, 200);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(LogIn("ada", "guess").reply.status, 401);
  EXPECT_EQ(LogIn("ada", kPassword).reply.status, 200);
}

// Requests take store connections from the server's pool instead of opening
// the store (twice: authentication and handler) every time.
TEST_F(SessionsTest, RequestsReuseStoreConnectionsAndAChangedAirmYamlReopensThem) {
  const int64_t before = server_->store_connections_opened();
  for (int i = 0; i < 20; ++i) ASSERT_EQ(As("viewer", "GET", "/api/systems").status, 200);
  EXPECT_LE(server_->store_connections_opened(), before + 1);
  {
    std::ofstream yaml(std::filesystem::path(workspace_.root) / store::kWorkspaceFile,
                       std::ios::app);
    yaml << "# edited while serving\n";
  }
  const int64_t edited = server_->store_connections_opened();
  ASSERT_EQ(As("viewer", "GET", "/api/systems").status, 200);
  EXPECT_EQ(server_->store_connections_opened(), edited + 1);
  server_->Reload();
  ASSERT_EQ(As("viewer", "GET", "/api/systems").status, 200);
  EXPECT_EQ(server_->store_connections_opened(), edited + 2);
}

}  // namespace
}  // namespace airm::server::testing
