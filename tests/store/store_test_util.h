// Shared by the store unit tests: a fresh directory per test, and a fresh
// store of each backend, open, per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>

#include "airm/store/database.h"
#include "scratch_dir.h"
#include "store_backends.h"

namespace airm::store::testing {

inline std::filesystem::path FreshDir() { return airm::testing::FreshTestDir("airm_store"); }

// A fresh store of the parameter's backend per test, open as db_ (skipped
// where the backend is not available).
class OpenStoreTest : public ::testing::TestWithParam<airm::testing::StoreBackend> {
 protected:
  void SetUp() override {
    std::string skip;
    location_ = airm::testing::FreshStoreLocation(GetParam(), FreshDir(), &skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    auto db = airm::testing::OpenStoreLocation(location_);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }
  std::string location_;
  std::unique_ptr<Database> db_;
};

}  // namespace airm::store::testing
