#include "server_fixture.h"

#include <unistd.h>

#include <atomic>
#include <fstream>

#include "airm/usecases/accounts.h"
#include "airm/usecases/governance_systems.h"
#include "airm/usecases/store_access.h"

namespace airm::server::testing {
namespace {

// Argon2id at its smallest cost keeps the fixture fast; the hashes still
// verify through the same crypto_pwhash_str_verify as the default cost.
constexpr accounts::PasswordCost kTestCost = {.ops_limit = 1, .mem_limit = 8 << 20};

}  // namespace

std::string Reply::Header(const std::string& name) const {
  auto it = headers.find(name);
  return it == headers.end() ? std::string() : it->second;
}

std::string Reply::ProblemKind() const {
  nlohmann::json doc = Json();
  if (!doc.is_object() || !doc.contains("type")) return "";
  std::string type = doc["type"].get<std::string>();
  const std::string prefix = "urn:airm:problem:";
  return type.rfind(prefix, 0) == 0 ? type.substr(prefix.size()) : type;
}

void ServerTest::SetUp() {
  static std::atomic<int> counter{0};
  dir_ = std::filesystem::temp_directory_path() /
         ("airm_server_test_" + std::to_string(::getpid()) + "_" + std::to_string(counter++));
  std::filesystem::remove_all(dir_);
  auto init = store::InitWorkspace(dir_.string(), "served");
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  workspace_ = init->workspace;
  const std::string location = StoreLocation();
  if (IsSkipped()) return;
  if (!location.empty()) {
    const std::filesystem::path yaml = dir_ / store::kWorkspaceFile;
    std::ifstream in(yaml);
    std::string text, line;
    while (std::getline(in, line)) {
      text += line.rfind("store:", 0) == 0 ? "store: " + location + "\n" : line + "\n";
    }
    in.close();
    std::ofstream(yaml, std::ios::trunc) << text;
    auto located = store::LocateWorkspace(Where());
    ASSERT_TRUE(located.ok()) << located.status().ToString();
    workspace_ = *located;
    ASSERT_EQ(workspace_.db_path, location);
  }
  user_ = {{"viewer", "vera"}, {"contributor", "cody"}, {"reviewer", "rita"}, {"admin", "ada"}};
  for (const auto& [role, name] : user_) {
    auto added = usecases::AddUser({.store = Where(),
                                    .actor = "setup",
                                    .username = name,
                                    .role = role,
                                    .board_function = role == "reviewer" ? "risk" : "",
                                    .password = kPassword,
                                    .cost = kTestCost});
    ASSERT_TRUE(added.ok()) << added.status().ToString();
    auto token = usecases::CreateApiToken(
        {.store = Where(), .actor = "setup", .username = name, .name = "test", .scope = "write"});
    ASSERT_TRUE(token.ok()) << token.status().ToString();
    token_[role] = token->secret;
  }
  governance::AiSystem credit{.name = "credit",
                              .owner = "cody",
                              .business_unit = "retail",
                              .purpose = "credit scoring",
                              .decision_type = "automated",
                              .affected_people = "applicants",
                              .data_categories = {"personal"},
                              .lifecycle_state = "production",
                              .created_at = "",
                              .created_by = ""};
  auto system = usecases::AddSystem({.store = Where(), .actor = "cody", .system = credit});
  ASSERT_TRUE(system.ok()) << system.status().ToString();

  StartServer();
}

void ServerTest::StartServer() {
  auto server = Server::Create({.store = Where(), .listen = "127.0.0.1:0", .workers = 4}, {});
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(*server);
  port_ = server_->port();
  thread_ = std::thread([this] { (void)server_->Run(); });
  // Run binds nothing new (Create bound the port), so requests queue in the
  // listen backlog until the accept loop starts.
}

void ServerTest::StopServer() {
  if (server_) server_->Stop();
  if (thread_.joinable()) thread_.join();
  server_.reset();
}

void ServerTest::Restart() {
  StopServer();
  StartServer();
}

void ServerTest::TearDown() {
  StopServer();
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

Reply ServerTest::Send(const std::string& method, const std::string& path, const std::string& body,
                       const httplib::Headers& headers) const {
  httplib::Client client("127.0.0.1", port_);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  client.set_write_timeout(10, 0);
  httplib::Result r(nullptr, httplib::Error::Unknown);
  if (method == "GET") {
    r = client.Get(path.c_str(), headers);
  } else if (method == "POST") {
    r = client.Post(path.c_str(), headers, body, "application/json");
  } else if (method == "PATCH") {
    r = client.Patch(path.c_str(), headers, body, "application/json");
  } else if (method == "DELETE") {
    r = client.Delete(path.c_str(), headers, body, "application/json");
  } else if (method == "PUT") {
    r = client.Put(path.c_str(), headers, body, "application/json");
  }
  Reply reply;
  if (!r) return reply;
  reply.status = r->status;
  reply.body = r->body;
  reply.headers = r->headers;
  return reply;
}

Reply ServerTest::As(const std::string& role, const std::string& method, const std::string& path,
                     const std::string& body) const {
  return Send(method, path, body, {{"Authorization", "Bearer " + token_.at(role)}});
}

ServerTest::LoginResult ServerTest::LogIn(const std::string& username, const std::string& password,
                                          const httplib::Headers& extra) const {
  LoginResult out;
  out.reply = Send("POST", "/api/session",
                   nlohmann::json{{"username", username}, {"password", password}}.dump(), extra);
  const std::string set_cookie = out.reply.Header("Set-Cookie");
  out.cookie = set_cookie.substr(0, set_cookie.find(';'));
  nlohmann::json doc = out.reply.Json();
  if (doc.is_object() && doc.contains("csrf_token")) out.csrf = doc["csrf_token"];
  return out;
}

std::unique_ptr<store::Database> ServerTest::Open() const {
  auto opened = usecases::OpenStore(Where());
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  return opened.ok() ? std::move(opened->db) : nullptr;
}

int64_t ServerTest::AuditCount(const std::string& action) const {
  auto db = Open();
  auto rows = db->Query("SELECT entry FROM audit_entries");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  int64_t n = 0;
  if (!rows.ok()) return -1;
  for (const store::Row& row : *rows) {
    nlohmann::json e = nlohmann::json::parse(row.Text(0), nullptr, false);
    if (e.is_object() && e.value("action", "") == action) ++n;
  }
  return n;
}

}  // namespace airm::server::testing
