// Running one store test against both implementations of Database: a
// parameterized suite gets a fresh, migrated store per test, an SQLite file
// in its directory or an empty schema on the test PostgreSQL server.
//
//   class MyTest : public ::testing::TestWithParam<StoreBackend> {…};
//   AIRM_INSTANTIATE_STORE_BACKENDS(MyTest);
//
// Without the PostgreSQL binaries the PostgreSQL runs are skipped with the
// reason, unless $AIRM_TEST_REQUIRE_POSTGRES is set (CI), which fails them.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "airm/store/database.h"

namespace airm::testing {

enum class StoreBackend { kSqlite, kPostgres };

std::string StoreBackendName(const ::testing::TestParamInfo<StoreBackend>& info);

struct FreshStore {
  std::unique_ptr<store::Database> db;
  std::string location;     // the file path or the postgresql:// URL
  std::string skip_reason;  // non-empty: PostgreSQL is not available here
};

// A fresh store for the running test. On failure to open, db is null and
// a gtest failure has been recorded.
FreshStore OpenFreshStore(StoreBackend backend, const std::filesystem::path& dir);

// The location of a fresh, empty store (not opened): a path in `dir` or a
// URL of an empty schema. "" with *skip_reason set when PostgreSQL is absent.
std::string FreshStoreLocation(StoreBackend backend, const std::filesystem::path& dir,
                               std::string* skip_reason);

// Opens an existing store at `location` (either kind).
Result<std::unique_ptr<store::Database>> OpenStoreLocation(const std::string& location);

}  // namespace airm::testing

#define AIRM_INSTANTIATE_STORE_BACKENDS(suite)                                          \
  INSTANTIATE_TEST_SUITE_P(Backends, suite,                                             \
                           ::testing::Values(::airm::testing::StoreBackend::kSqlite,    \
                                             ::airm::testing::StoreBackend::kPostgres), \
                           ::airm::testing::StoreBackendName)

// In SetUp: skips the PostgreSQL run when the server is not available.
#define AIRM_SKIP_IF_NO_STORE(fresh) \
  if (!(fresh).skip_reason.empty()) GTEST_SKIP() << (fresh).skip_reason
