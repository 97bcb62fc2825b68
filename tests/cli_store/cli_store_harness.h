// What the end-to-end store tests share: a fresh workspace per test, running
// the real binary, and reading the store file with the sqlite3 library.
#pragma once

#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/run_command.h"
#include "support/scratch_dir.h"

namespace airm::cli_store_test {

// The newest migration this airm carries (src/store/migrations/NNN_*.sql), so
// these tests do not change with each new migration.
inline int KnownSchemaVersion() {
  int newest = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(AIRM_SOURCE_DIR) +
                                                               "/src/store/migrations")) {
    const std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.ends_with(".sql")) newest = std::max(newest, std::stoi(name));
  }
  return newest;
}

namespace fs = std::filesystem;
using nlohmann::json;

using RunResult = airm::testing::CommandResult;
using airm::testing::ReadWholeFile;

inline std::string Slurp(const std::string& path) { return ReadWholeFile(path); }
inline std::string Quote(const std::string& s) { return airm::testing::ShellQuote(s); }

class StoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = airm::testing::FreshTestDir("airm_cli_store_" + std::to_string(getpid()));
    fs::create_directories(dir_ / "ws");
  }

  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
  std::string Workspace() const { return (dir_ / "ws").string(); }
  std::string DbPath() const { return (dir_ / "ws" / ".airm" / "airm.db").string(); }

  std::string Write(const std::string& name, const std::string& text) const {
    std::ofstream(Path(name), std::ios::binary) << text;
    return Path(name);
  }

  // Runs `airm ARGS` inside the workspace directory (so it is found upwards).
  RunResult Run(const std::string& args, const std::string& cwd = "") const {
    return airm::testing::RunShell("cd " + Quote(cwd.empty() ? Workspace() : cwd) +
                                       " && env -u AIRM_STORE " + AIRM_BINARY + " " + args,
                                   dir_, std::to_string(counter_++));
  }

  void Init() const { ASSERT_EQ(Run("init").exit_code, 0); }

  static std::string Example(const std::string& name) {
    return std::string(AIRM_SOURCE_DIR) + "/examples/credit/" + name;
  }

  // One integer from the store, read with the sqlite3 library.
  int64_t QueryInt(const std::string& sql) const {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(DbPath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    int64_t value = -1;
    if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) value = sqlite3_column_int64(stmt, 0);
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  std::string QueryText(const std::string& sql) const {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(DbPath().c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr), SQLITE_OK) << sql;
    std::string value = "<no row>";
    if (stmt != nullptr && sqlite3_step(stmt) == SQLITE_ROW) {
      const unsigned char* text = sqlite3_column_text(stmt, 0);
      value = text ? reinterpret_cast<const char*>(text) : "<null>";
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return value;
  }

  void Exec(const std::string& sql) const {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(DbPath().c_str(), &db), SQLITE_OK);
    char* error = nullptr;
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, &error), SQLITE_OK)
        << (error ? error : "");
    sqlite3_free(error);
    sqlite3_close(db);
  }

  fs::path dir_;
  mutable int counter_ = 0;
};

}  // namespace airm::cli_store_test
