#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "airm/report.h"

namespace airm {
namespace {

namespace fs = std::filesystem;

class AtomicFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/airm_report_test_XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    dir_ = tmpl;
  }
  void TearDown() override { fs::remove_all(dir_); }

  static std::string Read(const fs::path& p) {
    std::ifstream in(p);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
  }
  size_t Entries() const {
    return static_cast<size_t>(std::distance(fs::directory_iterator(dir_), {}));
  }

  fs::path dir_;
};

TEST_F(AtomicFileTest, WritesNewFile) {
  const fs::path p = dir_ / "report.json";
  ASSERT_TRUE(WriteFileAtomically(p.string(), "{}\n").ok());
  EXPECT_EQ(Read(p), "{}\n");
  EXPECT_EQ(Entries(), 1u);  // no temporary left
  EXPECT_EQ(fs::status(p).permissions() & fs::perms::all,
            fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read |
                fs::perms::others_read);
}

TEST_F(AtomicFileTest, ReplacesExistingFileAndKeepsItsMode) {
  const fs::path p = dir_ / "report.html";
  { std::ofstream(p) << "old content that is longer than the new one"; }
  ASSERT_EQ(::chmod(p.c_str(), 0600), 0);
  struct stat before {};
  ASSERT_EQ(::stat(p.c_str(), &before), 0);
  ASSERT_TRUE(WriteFileAtomically(p.string(), "new").ok());
  EXPECT_EQ(Read(p), "new");
  struct stat after {};
  ASSERT_EQ(::stat(p.c_str(), &after), 0);
  EXPECT_NE(before.st_ino, after.st_ino) << "replaced by rename, not rewritten in place";
  EXPECT_EQ(after.st_mode & 07777, 0600u);
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(AtomicFileTest, MissingDirectoryIsAnIoErrorAndLeavesNothing) {
  const fs::path p = dir_ / "no_such_dir" / "report.json";
  const Status s = WriteFileAtomically(p.string(), "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find(p.string()), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(dir_ / "no_such_dir"));
  EXPECT_EQ(Entries(), 0u);
}

TEST_F(AtomicFileTest, DirectoryAsTargetIsAnIoError) {
  const Status s = WriteFileAtomically(dir_.string(), "x");
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("is a directory"), std::string::npos) << s.message();
  EXPECT_EQ(Entries(), 0u);
}

TEST_F(AtomicFileTest, UnwritableDirectoryLeavesOldFileIntact) {
  if (::geteuid() == 0) GTEST_SKIP() << "root ignores directory permissions";
  const fs::path p = dir_ / "report.json";
  { std::ofstream(p) << "old"; }
  ASSERT_EQ(::chmod(dir_.c_str(), 0500), 0);
  const Status s = WriteFileAtomically(p.string(), "new");
  ASSERT_EQ(::chmod(dir_.c_str(), 0700), 0);
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_EQ(Read(p), "old");
  EXPECT_EQ(Entries(), 1u);
}

TEST_F(AtomicFileTest, EmptyPathIsAnIoError) {
  EXPECT_EQ(WriteFileAtomically("", "x").code(), StatusCode::kIoError);
}

TEST_F(AtomicFileTest, DashWritesToStdout) {
  ::testing::internal::CaptureStdout();
  const Status s = WriteFileAtomically("-", "to stdout\n");
  const std::string out = ::testing::internal::GetCapturedStdout();
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(out, "to stdout\n");
}

}  // namespace
}  // namespace airm
