// The server's copy of airm.yaml's monitors (usecases/monitor_config_cache.h):
// parsed once, parsed again only for new content, a same-size edit within
// the timestamp granularity still seen, a broken file kUnavailable with the
// parser's message until it is fixed.
#include "airm/usecases/monitor_config_cache.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>

#include "scratch_dir.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;

std::string Monitors(const std::string& name, const std::string& every) {
  return "monitors:\n  - name: " + name +
         "\n    reference: {file: reference.csv}\n"
         "    current: {files: \"batches/*.csv\", timestamp: ts}\n"
         "    start: 2026-01-05\n"
         "    schedules:\n      - {every: " +
         every + ", analysis: drift}\n";
}

class MonitorConfigCacheTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (airm::testing::FreshTestDir("airm_config_cache") / "airm.yaml").string();
  }
  void Write(const std::string& text) const {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << text;
  }
  void SetModified(std::filesystem::file_time_type at) const {
    std::filesystem::last_write_time(path_, at);
  }
  std::string FirstName() {
    auto config = cache_.Get(path_);
    EXPECT_TRUE(config.ok()) << config.status().ToString();
    return config.ok() && !(*config)->monitors.empty() ? (*config)->monitors[0].name : "";
  }
  std::string path_;
  MonitorConfigCache cache_;
};

TEST_F(MonitorConfigCacheTest, ParsesOnceAndAgainOnlyForNewContent) {
  Write(Monitors("alpha", "week"));
  EXPECT_EQ(FirstName(), "alpha");
  EXPECT_EQ(FirstName(), "alpha");
  EXPECT_EQ(cache_.parses(), 1);
  // Touched, same content: read and hashed, not parsed.
  SetModified(std::filesystem::file_time_type::clock::now() - std::chrono::hours(1));
  EXPECT_EQ(FirstName(), "alpha");
  EXPECT_EQ(cache_.parses(), 1);
  Write(Monitors("bravo", "week"));
  EXPECT_EQ(FirstName(), "bravo");
  EXPECT_EQ(cache_.parses(), 2);
}

// The same size and modification time, as an edit within the file system's
// timestamp granularity leaves them: a recent stamp is not trusted alone.
TEST_F(MonitorConfigCacheTest, ASameSizeEditWithARecentStampIsSeen) {
  Write(Monitors("alpha", "week"));
  const auto modified = std::filesystem::last_write_time(path_);
  EXPECT_EQ(FirstName(), "alpha");
  Write(Monitors("omega", "week"));
  SetModified(modified);
  EXPECT_EQ(FirstName(), "omega");
}

TEST_F(MonitorConfigCacheTest, ABrokenFileIsUnavailableUntilFixed) {
  Write(Monitors("alpha", "week"));
  EXPECT_EQ(FirstName(), "alpha");
  Write(Monitors("alpha", "fortnight"));
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto broken = cache_.Get(path_);
    ASSERT_FALSE(broken.ok());
    EXPECT_EQ(broken.status().code(), StatusCode::kUnavailable);
    EXPECT_THAT(broken.status().message(), HasSubstr(path_ + ":7:"));  // file:line of the value
    EXPECT_THAT(broken.status().message(), HasSubstr("fortnight"));
  }
  EXPECT_EQ(cache_.parses(), 2);  // the failure is kept, not parsed per request
  Write(Monitors("alpha", "day"));
  EXPECT_EQ(FirstName(), "alpha");
  std::filesystem::remove(path_);
  auto gone = cache_.Get(path_);
  ASSERT_FALSE(gone.ok());
  EXPECT_EQ(gone.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace airm::usecases
