// Shared by the store unit tests: a fresh directory per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace airm::store::testing {

inline std::filesystem::path FreshDir() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  std::filesystem::path dir =
      std::filesystem::path(::testing::TempDir()) /
      ("airm_store_" + std::string(info->test_suite_name()) + "_" + info->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace airm::store::testing
