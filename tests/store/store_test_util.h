// Shared by the store unit tests: a fresh directory per test.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "scratch_dir.h"

namespace airm::store::testing {

inline std::filesystem::path FreshDir() { return airm::testing::FreshTestDir("airm_store"); }

}  // namespace airm::store::testing
