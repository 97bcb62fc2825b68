// A real `airm serve` on 127.0.0.1 (port 0: a free port) over a fresh
// workspace per test (in a per-process temp folder), with one account per
// role and a write-scoped API token for each, and a cpp-httplib client with
// timeouts on every call so no test can hang.
#pragma once

#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "airm/server/server.h"
#include "airm/store/database.h"
#include "airm/store/workspace.h"

namespace airm::server::testing {

struct Reply {
  int status = -1;  // -1: no response (connection failed or timed out)
  std::string body;
  httplib::Headers headers;
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string Header(const std::string& name) const;
  // The problem document's type without "urn:airm:problem:".
  std::string ProblemKind() const;
};

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override;
  // Where the workspace's store lives: "" keeps the SQLite file InitWorkspace
  // made; a postgresql:// URL moves the workspace there (airm.yaml's store
  // line) before any account is made. May GTEST_SKIP (SetUp checks).
  virtual std::string StoreLocation() { return ""; }
  void TearDown() override;
  void StartServer();
  void StopServer();

  // Every request: a 10 s connection / read / write timeout.
  Reply Send(const std::string& method, const std::string& path, const std::string& body = "",
             const httplib::Headers& headers = {}) const;
  // With the role's API token (viewer, contributor, reviewer, admin).
  Reply As(const std::string& role, const std::string& method, const std::string& path,
           const std::string& body = "") const;
  // Logs in; the cookie value and CSRF token of the new session.
  struct LoginResult {
    Reply reply;
    std::string cookie;  // "airm_session=…"
    std::string csrf;
  };
  LoginResult LogIn(const std::string& username, const std::string& password,
                    const httplib::Headers& extra = {}) const;
  // Stops the server and starts a new one on the same workspace (a new port).
  void Restart();
  // Audit entries whose action is `action`.
  int64_t AuditCount(const std::string& action) const;
  std::unique_ptr<store::Database> Open() const;
  store::LocateOptions Where() const { return {.store_flag = workspace_.root}; }

  // Accounts: user name per role, each with password kPassword.
  static constexpr const char* kPassword = "correct horse battery";
  std::map<std::string, std::string> user_;   // role -> username
  std::map<std::string, std::string> token_;  // role -> bearer token

  std::filesystem::path dir_;
  store::Workspace workspace_;
  std::unique_ptr<Server> server_;
  std::thread thread_;
  int port_ = 0;
};

}  // namespace airm::server::testing
