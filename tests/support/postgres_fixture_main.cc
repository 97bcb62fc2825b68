// ctest's airm_postgres fixture: `postgres_fixture start STATE` starts one
// test server for every test process of the run and writes its state file;
// `postgres_fixture stop STATE` stops it and removes its directory.
#include <cstdio>
#include <filesystem>
#include <string>

#include "postgres_server.h"

// The started server, never destroyed (its destructor would stop it). Kept in
// a global it stays reachable, so LeakSanitizer does not fail the fixture in
// `make test-sanitize` for a deliberate hand-over; external linkage, so the
// store to it is not optimised away.
airm::testing::PostgresServer* postgres_fixture_handed_over = nullptr;

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: postgres_fixture start|stop STATE_FILE\n");
    return 2;
  }
  const std::string command = argv[1];
  const std::string state = argv[2];
  if (command == "start") {
    auto server = airm::testing::PostgresServer::Start();
    if (!server.ok()) {
      // Without the binaries the tests skip (or fail when required) on
      // their own; the fixture itself has nothing to start.
      std::fprintf(stderr, "postgres_fixture: %s\n", server.status().ToString().c_str());
      std::filesystem::remove(state);
      return server.status().code() == airm::StatusCode::kNotFound ? 0 : 1;
    }
    airm::Status written = (*server)->WriteState(state);
    if (!written.ok()) {
      std::fprintf(stderr, "postgres_fixture: %s\n", written.ToString().c_str());
      return 1;
    }
    std::printf("postgres_fixture: server at 127.0.0.1 (state in %s)\n", state.c_str());
    // Leave it running for the tests: hand it over to the stop step.
    postgres_fixture_handed_over = server->release();
    return 0;
  }
  if (command == "stop") {
    auto server = airm::testing::PostgresServer::Attach(state);
    if (!server.ok()) return 0;  // nothing was started
    airm::Status stopped = (*server)->StopAttached();
    std::filesystem::remove(state);
    if (!stopped.ok()) {
      std::fprintf(stderr, "postgres_fixture: %s\n", stopped.ToString().c_str());
      return 1;
    }
    return 0;
  }
  std::fprintf(stderr, "postgres_fixture: unknown command %s\n", command.c_str());
  return 2;
}
