// The scratch directory of the running test: TempDir()/PREFIX_SUITE_TEST,
// emptied first, so a test starts clean and parallel ctest processes (one
// test each) never share one.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

namespace airm::testing {

inline std::filesystem::path FreshTestDir(const std::string& prefix) {
  const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::filesystem::path dir = std::filesystem::path(::testing::TempDir()) /
                                    (prefix + "_" + test->test_suite_name() + "_" + test->name());
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  return dir;
}

}  // namespace airm::testing
