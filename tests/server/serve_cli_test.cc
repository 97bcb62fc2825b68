// The real `airm serve` and `airm user` binaries: the loopback rule, the
// listening message, a graceful stop on SIGTERM, TLS with a certificate made
// by the openssl command, user administration, and `--with-scheduler` (the
// monitor daemon inside the server: windows computed, /readyz, the run lock).
#ifndef CPPHTTPLIB_OPENSSL_SUPPORT  // pkg-config's cpp-httplib flags may define it already
#define CPPHTTPLIB_OPENSSL_SUPPORT
#endif
#include <gtest/gtest.h>
#include <httplib.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "support/child_process.h"
#include "support/run_command.h"

namespace airm::testing {
namespace {

namespace fs = std::filesystem;

class ServeCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("airm_serve_cli_" + std::to_string(::getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    ASSERT_EQ(Run("init " + ShellQuote((dir_ / "ws").string())).exit_code, 0);
  }
  void TearDown() override {
    KillChildGroup(&pid_);
    std::error_code ec;
    fs::remove_all(dir_, ec);
  }
  CommandResult Run(const std::string& args) {
    return RunShell("cd " + ShellQuote(dir_.string()) + " && " + AIRM_BINARY + " " + args, dir_,
                    std::to_string(n_++));
  }
  // Starts `airm serve ARGS` and waits (at most 20 s) for its listening line;
  // the port, or -1.
  int StartServer(const std::vector<std::string>& args) {
    std::vector<std::string> argv = {AIRM_BINARY, "serve", "--store", (dir_ / "ws").string()};
    argv.insert(argv.end(), args.begin(), args.end());
    log_ = (dir_ / "serve.log").string();
    pid_ = SpawnInProcessGroup(argv, log_);
    const std::regex listening(R"(listening on https?://127\.0\.0\.1:(\d+))");
    for (int i = 0; i < 400 && ChildIsRunning(&pid_); ++i) {
      std::smatch m;
      const std::string text = ReadWholeFile(log_);
      if (std::regex_search(text, m, listening)) return std::stoi(m[1]);
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }
  // Waits (at most 20 s) for the server to exit; its exit code or -1.
  int WaitExit() {
    for (int i = 0; i < 400; ++i) {
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return -1;
  }

  // A monthly drift monitor from 2025-12-01 with data in its first two
  // months: every window up to today has closed before the test starts.
  void WriteMonitor() {
    std::string ref = "x\n", dec = "ts,x\n", jan = "ts,x\n";
    for (int i = 0; i < 40; ++i) {
      const std::string x = std::to_string((i % 10) / 10.0);
      ref += x + "\n";
      const std::string day = (i % 28 < 9 ? "0" : "") + std::to_string(i % 28 + 1);
      dec += "2025-12-" + day + "T12:00:00Z," + x + "\n";
      jan += "2026-01-" + day + "T12:00:00Z," + x + "\n";
    }
    fs::create_directories(dir_ / "ws" / "batches");
    std::ofstream(dir_ / "ws" / "ref.csv") << ref;
    std::ofstream(dir_ / "ws" / "batches" / "dec.csv") << dec;
    std::ofstream(dir_ / "ws" / "batches" / "jan.csv") << jan;
    std::ofstream(dir_ / "ws" / "airm.yaml", std::ios::app)
        << "monitors:\n"
           "  - name: stream\n"
           "    reference: {file: ref.csv}\n"
           "    current: {files: \"batches/*.csv\", timestamp: ts}\n"
           "    start: 2025-12-01\n"
           "    schedules: [{every: month}]\n";
  }
  // Polls /readyz (at most 20 s) until the scheduler has ticked; its
  // "scheduler" object, or null.
  nlohmann::json WaitForFirstTick(int port) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(10, 0);
    client.set_read_timeout(10, 0);
    for (int i = 0; i < 400 && ChildIsRunning(&pid_); ++i) {
      auto ready = client.Get("/readyz");
      if (ready && ready->status == 200) {
        nlohmann::json body = nlohmann::json::parse(ready->body, nullptr, false);
        if (body.is_object() && body["scheduler"].is_object() &&
            body["scheduler"]["ticks"].get<int>() > 0) {
          return body["scheduler"];
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return nullptr;
  }

  fs::path dir_;
  std::string log_;
  pid_t pid_ = -1;
  int n_ = 0;
};

TEST_F(ServeCliTest, WithoutTlsOnlyLoopbackUnlessAllowed) {
  CommandResult r = Run("serve --store ws --listen 0.0.0.0:0");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("only listens on a loopback address"), std::string::npos) << r.err;
  EXPECT_EQ(Run("serve --store ws --listen nonsense").exit_code, 2);
  EXPECT_EQ(Run("serve --store ws --tls-cert x.pem").exit_code, 2);
}

TEST_F(ServeCliTest, ServesLogsAndStopsGracefullyOnSigterm) {
  const int port = StartServer({"--listen", "127.0.0.1:0"});
  ASSERT_GT(port, 0) << ReadWholeFile(log_);
  EXPECT_NE(ReadWholeFile(log_).find("no TLS certificate given: listening on loopback only"),
            std::string::npos);
  httplib::Client client("127.0.0.1", port);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  auto health = client.Get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200);
  auto ready = client.Get("/readyz");
  ASSERT_TRUE(ready);
  EXPECT_TRUE(nlohmann::json::parse(ready->body)["scheduler"].is_null()) << ready->body;
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitExit(), 0);
  const std::string log = ReadWholeFile(log_);
  EXPECT_NE(log.find("GET /healthz 200"), std::string::npos) << log;
  EXPECT_NE(log.find("airm serve: stopped"), std::string::npos) << log;
}

TEST_F(ServeCliTest, WithSchedulerComputesTheClosedWindowsAndReleasesTheLockOnSigterm) {
  WriteMonitor();
  const int port = StartServer(
      {"--listen", "127.0.0.1:0", "--with-scheduler", "--no-domain-classifier", "--retry", "5"});
  ASSERT_GT(port, 0) << ReadWholeFile(log_);
  EXPECT_NE(ReadWholeFile(log_).find("with the monitor scheduler"), std::string::npos);
  const nlohmann::json scheduler = WaitForFirstTick(port);
  ASSERT_TRUE(scheduler.is_object()) << ReadWholeFile(log_);
  EXPECT_EQ(scheduler["state"], "running");
  EXPECT_TRUE(scheduler["last_tick"].is_string());
  EXPECT_TRUE(scheduler["last_error"].is_null()) << scheduler.dump();
  ASSERT_TRUE(scheduler["next_due"].is_string()) << scheduler.dump();  // the next month's close
  EXPECT_GT(scheduler["next_due"].get<std::string>(), scheduler["last_tick"].get<std::string>());

  // The first tick computed every closed month; the two with data are not empty.
  CommandResult status = Run("monitor status --store ws --json -");
  ASSERT_EQ(status.exit_code, 0) << status.err;
  const nlohmann::json month = status.Json()["monitors"][0]["schedules"][0];
  EXPECT_GE(month["windows"].get<int>(), 2) << status.out;
  EXPECT_EQ(month["windows"].get<int>() - month["empty_windows"].get<int>(), 2) << status.out;
  EXPECT_NE(ReadWholeFile(log_).find("airm serve: scheduler: "), std::string::npos);
  // /metrics keeps working beside the scheduler (a token, as for Prometheus).
  ASSERT_EQ(Run("user add prom --role viewer --store ws").exit_code, 0);
  CommandResult token = Run("user token prom --name scrape --scope read --store ws");
  ASSERT_EQ(token.exit_code, 0) << token.err;
  std::string bearer = token.out.substr(0, token.out.find_first_of(" \n"));
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(10, 0);
  auto metrics = client.Get("/metrics", {{"Authorization", "Bearer " + bearer}});
  ASSERT_TRUE(metrics);
  EXPECT_EQ(metrics->status, 200) << metrics->body;
  EXPECT_NE(metrics->body.find("monitor=\"stream\""), std::string::npos) << metrics->body;

  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitExit(), 0) << ReadWholeFile(log_);
  EXPECT_NE(ReadWholeFile(log_).find("airm serve: stopped"), std::string::npos);
  // The lock is released and nothing closed is left to compute.
  CommandResult after = Run("monitor run --store ws --no-domain-classifier");
  EXPECT_EQ(after.exit_code, 0) << after.err;
  EXPECT_NE(after.out.find("nothing due"), std::string::npos) << after.out;
}

TEST_F(ServeCliTest, WithSchedulerRefusesToStartWhileAnotherDaemonHoldsTheLock) {
  WriteMonitor();
  CommandResult orphan = Run("serve --store ws --listen 127.0.0.1:0 --settle 60");
  EXPECT_EQ(orphan.exit_code, 2);  // --settle needs --with-scheduler
  EXPECT_NE(orphan.err.find("--with-scheduler"), std::string::npos) << orphan.err;

  const int port =
      StartServer({"--listen", "127.0.0.1:0", "--with-scheduler", "--no-domain-classifier"});
  ASSERT_GT(port, 0) << ReadWholeFile(log_);
  ASSERT_TRUE(WaitForFirstTick(port).is_object()) << ReadWholeFile(log_);
  // A held lock is kUnavailable: exit 2, as for `airm monitor daemon` and `run`.
  CommandResult second =
      Run("serve --store ws --listen 127.0.0.1:0 --with-scheduler --no-domain-classifier");
  EXPECT_EQ(second.exit_code, 2) << second.err;
  EXPECT_NE(second.err.find("--with-scheduler: another `airm monitor run` holds the lock"),
            std::string::npos)
      << second.err;
  EXPECT_EQ(second.err.find("listening on"), std::string::npos) << second.err;
  CommandResult daemon = Run("monitor daemon --store ws");
  EXPECT_EQ(daemon.exit_code, 2) << daemon.err;
  EXPECT_NE(daemon.err.find("holds the lock"), std::string::npos) << daemon.err;
  ::kill(pid_, SIGTERM);
  EXPECT_EQ(WaitExit(), 0) << ReadWholeFile(log_);
}

TEST_F(ServeCliTest, TlsWithACertificateSetsSecureCookies) {
  const std::string cert = (dir_ / "cert.pem").string(), key = (dir_ / "key.pem").string();
  const std::string openssl =
      "openssl req -x509 -newkey rsa:2048 -nodes -subj /CN=localhost -days 1 -keyout " +
      ShellQuote(key) + " -out " + ShellQuote(cert) + " >/dev/null 2>&1";
  ASSERT_EQ(std::system(openssl.c_str()), 0);
  CommandResult added = Run("user add ada --role admin --actor setup --store ws");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  std::smatch m;
  ASSERT_TRUE(std::regex_search(added.out, m, std::regex("one-time password: (\\S+)")));
  const std::string password = m[1];
  const int port = StartServer({"--listen", "127.0.0.1:0", "--tls-cert", cert, "--tls-key", key});
  ASSERT_GT(port, 0) << ReadWholeFile(log_);
  httplib::SSLClient client("127.0.0.1", port);
  client.enable_server_certificate_verification(false);
  client.set_connection_timeout(10, 0);
  client.set_read_timeout(10, 0);
  auto login = client.Post("/api/session", R"({"username":"ada","password":")" + password + R"("})",
                           "application/json");
  ASSERT_TRUE(login);
  EXPECT_EQ(login->status, 200) << login->body;
  EXPECT_NE(login->get_header_value("Set-Cookie").find("; Secure"), std::string::npos);
  // Plain HTTP to the TLS port gets no answer a client could use.
  httplib::Client plain("127.0.0.1", port);
  plain.set_connection_timeout(5, 0);
  plain.set_read_timeout(5, 0);
  auto refused = plain.Get("/healthz");
  EXPECT_TRUE(!refused || refused->status != 200);
}

TEST_F(ServeCliTest, UserCommandsAddListTokenDisable) {
  CommandResult added =
      Run("user add rita --role reviewer --board-function legal --actor boss --store ws");
  ASSERT_EQ(added.exit_code, 0) << added.err;
  EXPECT_NE(added.out.find("one-time password: "), std::string::npos);
  EXPECT_EQ(Run("user add rita --role reviewer --store ws").exit_code, 2);
  CommandResult bad_role = Run("user add x --role god --store ws");
  EXPECT_EQ(bad_role.exit_code, 2);
  EXPECT_NE(bad_role.err.find("--role"), std::string::npos);
  CommandResult token = Run("user token rita --name ci --scope write --expires-days 30 --store ws");
  ASSERT_EQ(token.exit_code, 0) << token.err;
  EXPECT_EQ(token.out.rfind("airm_", 0), 0u);
  EXPECT_EQ(Run("user token rita --name ci --scope root --store ws").exit_code, 2);
  ASSERT_EQ(Run("user disable rita --store ws").exit_code, 0);
  CommandResult list = Run("user list --store ws");
  EXPECT_NE(list.out.find("rita  reviewer (legal)  disabled"), std::string::npos) << list.out;
  CommandResult verify = Run("audit verify --store ws");
  EXPECT_EQ(verify.exit_code, 0) << verify.out;
}

}  // namespace
}  // namespace airm::testing
