#include "postgres_server.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <vector>

namespace airm::testing {
namespace {

namespace fs = std::filesystem;

std::string BinDir() {
  const char* env = std::getenv("AIRM_TEST_POSTGRES_BIN");
  return env != nullptr && *env != '\0' ? env : "/usr/lib/postgresql/15/bin";
}

// initdb refuses to run as root, so as root the server runs as the
// `postgres` system user (Debian's package creates it), else `nobody`.
struct RunAs {
  bool change = false;
  uid_t uid = 0;
  gid_t gid = 0;
};

RunAs ServerUser() {
  RunAs as;
  if (::geteuid() != 0) return as;
  for (const char* name : {"postgres", "nobody"}) {
    if (const passwd* pw = ::getpwnam(name)) {
      as = {true, pw->pw_uid, pw->pw_gid};
      break;
    }
  }
  return as;
}

// Runs argv to completion with output appended to `log`; its exit status.
int RunToCompletion(const std::vector<std::string>& argv, const std::string& log, RunAs as) {
  std::vector<char*> raw;
  std::vector<std::string> copy = argv;
  for (std::string& arg : copy) raw.push_back(arg.data());
  raw.push_back(nullptr);
  const pid_t pid = ::fork();
  if (pid < 0) return -1;
  if (pid == 0) {
    const int fd = ::open(log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      ::dup2(fd, STDOUT_FILENO);
      ::dup2(fd, STDERR_FILENO);
    }
    const int null_fd = ::open("/dev/null", O_RDONLY);
    if (null_fd >= 0) ::dup2(null_fd, STDIN_FILENO);
    if (as.change &&
        (::setgroups(0, nullptr) != 0 || ::setgid(as.gid) != 0 || ::setuid(as.uid) != 0)) {
      _exit(126);
    }
    ::execv(raw[0], raw.data());
    _exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A port on 127.0.0.1 that nobody listens on right now.
int FreePort() {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = -1;
  if (::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0) {
    port = ntohs(address.sin_port);
  }
  ::close(fd);
  return port;
}

std::string RandomHex(size_t bytes) {
  std::ifstream urandom("/dev/urandom", std::ios::binary);
  std::string out;
  static constexpr char kHex[] = "0123456789abcdef";
  for (size_t i = 0; i < bytes; ++i) {
    const auto byte = static_cast<unsigned char>(urandom.get());
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 15]);
  }
  return out;
}

std::string TempRoot() {
  const char* env = std::getenv("TMPDIR");
  // The socket path must stay under ~100 bytes: keep the root short.
  if (env != nullptr && *env != '\0' && std::string(env).size() < 40) return env;
  return "/tmp";
}

Status StartServer(const std::string& bin, const std::string& dir, int port, RunAs as) {
  const std::string options = "-p " + std::to_string(port) + " -k " + dir +
                              " -c listen_addresses=127.0.0.1 -c fsync=off"
                              " -c full_page_writes=off -c max_connections=80"
                              " -c shared_buffers=16MB";
  const int rc = RunToCompletion({bin + "/pg_ctl", "-D", dir + "/data", "-l", dir + "/server.log",
                                  "-w", "-t", "60", "-o", options, "start"},
                                 dir + "/pg_ctl.log", as);
  if (rc != 0) {
    return Status::Unavailable("pg_ctl start failed (exit " + std::to_string(rc) + "): " +
                               ReadText(dir + "/pg_ctl.log") + ReadText(dir + "/server.log"));
  }
  return Status::Ok();
}

// Never destroyed by static destructors: a forked child that exits must not
// stop its parent's server (Stop also checks the pid).
PostgresServer*& SharedSlot() {
  static PostgresServer* server = nullptr;
  return server;
}

}  // namespace

PostgresServer::~PostgresServer() {
  if (owned_) (void)Stop();
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  auto server = std::unique_ptr<PostgresServer>(new PostgresServer());
  server->bin_dir_ = BinDir();
  if (!fs::exists(server->bin_dir_ + "/initdb") || !fs::exists(server->bin_dir_ + "/pg_ctl")) {
    return Status::NotFound("PostgreSQL server binaries not found in " + server->bin_dir_ +
                            " (apt-get install postgresql-15, or set AIRM_TEST_POSTGRES_BIN)");
  }
  std::string pattern = TempRoot() + "/airm_pg_XXXXXX";
  if (::mkdtemp(pattern.data()) == nullptr) {
    return Status::IoError(pattern + ": cannot create a temporary directory");
  }
  server->dir_ = pattern;
  server->owned_ = true;
  server->owner_pid_ = ::getpid();
  const RunAs as = ServerUser();
  const std::string password = RandomHex(16);
  { std::ofstream(server->dir_ + "/pw") << password << "\n"; }
  if (as.change) {
    for (const std::string& path : {server->dir_, server->dir_ + "/pw"}) {
      if (::chown(path.c_str(), as.uid, as.gid) != 0) {
        return Status::IoError(path + ": cannot hand to the server user");
      }
    }
  }
  ::chmod(server->dir_.c_str(), 0700);
  const int rc = RunToCompletion({server->bin_dir_ + "/initdb", "-D", server->dir_ + "/data", "-U",
                                  "airm", "--pwfile=" + server->dir_ + "/pw", "-A", "scram-sha-256",
                                  "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"},
                                 server->dir_ + "/initdb.log", as);
  if (rc != 0) {
    return Status::Unavailable("initdb failed (exit " + std::to_string(rc) +
                               "): " + ReadText(server->dir_ + "/initdb.log"));
  }
  // A port is free when probed but may be taken before the server binds it.
  Status started = Status::Unavailable("no free port");
  for (int attempt = 0; attempt < 3 && !started.ok(); ++attempt) {
    server->port_ = FreePort();
    if (server->port_ <= 0) continue;
    started = StartServer(server->bin_dir_, server->dir_, server->port_, as);
  }
  AIRM_RETURN_IF_ERROR(started);
  server->url_ =
      "postgresql://airm:" + password + "@127.0.0.1:" + std::to_string(server->port_) + "/postgres";
  return server;
}

Result<std::unique_ptr<PostgresServer>> PostgresServer::Attach(const std::string& state_file) {
  std::ifstream in(state_file);
  auto server = std::unique_ptr<PostgresServer>(new PostgresServer());
  std::string port;
  if (!std::getline(in, server->url_) || !std::getline(in, server->dir_) ||
      !std::getline(in, port)) {
    return Status::NotFound(state_file + ": no PostgreSQL test server state");
  }
  server->bin_dir_ = BinDir();
  server->port_ = std::atoi(port.c_str());
  return server;
}

Status PostgresServer::WriteState(const std::string& state_file) const {
  std::ofstream out(state_file, std::ios::trunc);
  out << url_ << "\n" << dir_ << "\n" << port_ << "\n";
  return out ? Status::Ok() : Status::IoError(state_file + ": cannot write");
}

Status PostgresServer::Stop() {
  if (dir_.empty() || !owned_ || ::getpid() != owner_pid_) return Status::Ok();
  const int rc =
      RunToCompletion({bin_dir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"},
                      dir_ + "/pg_ctl.log", ServerUser());
  std::error_code ec;
  fs::remove_all(dir_, ec);
  dir_.clear();
  owned_ = false;
  return rc == 0 ? Status::Ok() : Status::Unavailable("pg_ctl stop failed");
}

Status PostgresServer::StopAttached() {
  owned_ = true;
  owner_pid_ = ::getpid();
  return Stop();
}

Status PostgresServer::CrashAndRestart() {
  // Immediate shutdown is PostgreSQL's crash: no checkpoint, the server
  // recovers from its write-ahead log on the next start.
  const RunAs as = ServerUser();
  const int rc =
      RunToCompletion({bin_dir_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"},
                      dir_ + "/pg_ctl.log", as);
  if (rc != 0) return Status::Unavailable("pg_ctl stop -m immediate failed");
  return StartServer(bin_dir_, dir_, port_, as);
}

Status PostgresServer::Exec(const std::string& url, const std::string& sql) const {
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string why = PQerrorMessage(conn);
    PQfinish(conn);
    return Status::IoError("cannot connect to the test server: " + why);
  }
  PGresult* result = PQexec(conn, sql.c_str());
  const ExecStatusType status = PQresultStatus(result);
  std::string why = PQresultErrorMessage(result);
  PQclear(result);
  PQfinish(conn);
  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
    return Status::Internal(sql + ": " + why);
  }
  return Status::Ok();
}

Result<std::string> PostgresServer::FreshSchemaUrl(const std::string& name) const {
  AIRM_RETURN_IF_ERROR(Exec(url_, "SET client_min_messages = warning; DROP SCHEMA IF EXISTS " +
                                      name + " CASCADE; CREATE SCHEMA " + name));
  return url_ + "?options=-csearch_path%3D" + name;
}

PostgresServer* PostgresServer::Shared(std::string* why) {
  PostgresServer*& slot = SharedSlot();
  if (slot != nullptr) return slot;
  const char* state = std::getenv("AIRM_TEST_POSTGRES_STATE");
  if (state != nullptr && *state != '\0' && fs::exists(state)) {
    auto attached = Attach(state);
    if (attached.ok()) {
      slot = std::move(attached).value().release();
      return slot;
    }
  }
  auto started = Start();
  if (!started.ok()) {
    *why = started.status().ToString();
    return nullptr;
  }
  slot = std::move(started).value().release();
  std::atexit([] { (void)SharedSlot()->Stop(); });
  return slot;
}

std::string SchemaNameForCurrentTest() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::string full =
      info == nullptr ? "none" : std::string(info->test_suite_name()) + "." + info->name();
  std::string name = "t_";
  for (char c : full) {
    if (name.size() >= 40) break;
    name.push_back(std::isalnum(static_cast<unsigned char>(c))
                       ? static_cast<char>(std::tolower(static_cast<unsigned char>(c)))
                       : '_');
  }
  char hash[17];
  std::snprintf(hash, sizeof hash, "%016zx", std::hash<std::string>{}(full));
  return name + "_" + hash;
}

}  // namespace airm::testing
