// A real PostgreSQL 15 server for tests, in a temporary directory: initdb
// (UTF-8, C collation, a random password, scram-sha-256), a free port on
// 127.0.0.1, its unix socket in the same directory, fsync off (the tests
// kill processes, never the machine). Nothing of the host's own clusters is
// used or trusted.
//
// One server per test binary: Shared() starts it on first use and stops it
// when the process exits. Under ctest one server serves every test process:
// the airm_postgres fixture (tests/CMakeLists.txt) starts it, writes its
// state file and names it in $AIRM_TEST_POSTGRES_STATE; Shared() then only
// connects. Each test works in its own schema (FreshSchemaUrl).
#pragma once

#include <sys/types.h>

#include <memory>
#include <string>

#include "airm/status.h"

namespace airm::testing {

class PostgresServer {
 public:
  ~PostgresServer();

  // The server for this process, or nullptr with *why saying what is
  // missing (the server binaries; set $AIRM_TEST_POSTGRES_BIN to another
  // directory than /usr/lib/postgresql/15/bin).
  static PostgresServer* Shared(std::string* why);

  // Starts a new cluster. NotFound when the binaries are absent.
  static Result<std::unique_ptr<PostgresServer>> Start();
  // Reads a state file written by WriteState (another process's server).
  static Result<std::unique_ptr<PostgresServer>> Attach(const std::string& state_file);
  Status WriteState(const std::string& state_file) const;
  // Stops the server (immediately: nothing of it is kept) and removes its
  // directory. Only the process that started it may.
  Status Stop();
  // Stops a server this process attached to (the fixture's stop step).
  Status StopAttached();
  // Stops the server the way a crash does (SIGKILL to the postmaster) and
  // starts it again on the same port and data: a server killed mid-write.
  Status CrashAndRestart();

  // postgresql://airm:<password>@127.0.0.1:<port>/postgres
  const std::string& url() const { return url_; }
  // Drops and creates schema `name` and returns a URL whose search_path is
  // that schema: an empty database as far as airm can tell.
  Result<std::string> FreshSchemaUrl(const std::string& name) const;
  // Runs SQL through libpq, outside airm (setting up and damaging stores).
  Status Exec(const std::string& url, const std::string& sql) const;

 private:
  std::string bin_dir_;
  std::string dir_;  // the cluster's temporary directory; "" when attached
  std::string url_;
  int port_ = 0;
  bool owned_ = false;
  pid_t owner_pid_ = 0;  // only the starting process stops it
};

// An identifier for the running test, usable as a schema name (lowercase,
// at most 63 bytes, unique per test and parameter).
std::string SchemaNameForCurrentTest();

}  // namespace airm::testing
