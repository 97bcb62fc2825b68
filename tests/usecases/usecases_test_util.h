// Shared by the use-case tests: a fresh workspace per test, small files in it,
// and a direct look into its store. The workspace's store is SQLite, or, for
// a suite made with OnBothBackends, each test runs once on SQLite and once on
// a fresh schema of the test PostgreSQL server (store_backends.h).
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

#include "airm/store/database.h"
#include "airm/store/workspace.h"
#include "store_backends.h"

namespace airm::usecases::testing {

class WorkspaceTest : public ::testing::Test {
 protected:
  // Skips the test (GTEST_SKIP) when its backend is PostgreSQL and no server
  // is available; a subclass's SetUp returns when IsSkipped().
  void SetUp() override;
  // Removes the workspace of a test that passed (a failed one's is kept to look at).
  void TearDown() override;
  // The store this test runs on.
  virtual airm::testing::StoreBackend Backend() const {
    return airm::testing::StoreBackend::kSqlite;
  }

  // Writes `text` to DIR/name and returns the path.
  std::string WriteFile(const std::string& name, const std::string& text) const;
  // Where the use cases find this test's store.
  store::LocateOptions Where() const;
  // A new connection to the store, for assertions.
  std::unique_ptr<store::Database> Open() const;
  int64_t QueryInt(const std::string& sql) const;
  // Registers model NAME@VERSION (a made-up artifact digest); its id.
  int64_t RegisterModel(const std::string& name, const std::string& version) const;

  std::filesystem::path dir_;
  store::Workspace workspace_;
  // "store: URL\n" on PostgreSQL, "" on SQLite: what an airm.yaml the test
  // writes must say to keep the workspace on its store.
  std::string store_line_;
};

// A WorkspaceTest suite run on both backends: write TEST_P and
// AIRM_INSTANTIATE_STORE_BACKENDS(Suite).
template <class Base>
class OnBothBackends : public Base,
                       public ::testing::WithParamInterface<airm::testing::StoreBackend> {
 protected:
  airm::testing::StoreBackend Backend() const override { return this->GetParam(); }
};

}  // namespace airm::usecases::testing
