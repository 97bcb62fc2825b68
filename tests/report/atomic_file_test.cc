#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "airm/output_set.h"
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

// A set of one output, as every command with a single --json writes it.
Status WriteOne(const fs::path& p, const std::string& text) {
  OutputSet set;
  set.Add("--json", p.string());
  set.SetText("--json", text);
  return set.Commit();
}

// Issue 17: links are followed, devices and pipes written directly, and a
// set fails as a whole before anything is written.
TEST_F(AtomicFileTest, SymlinkIsFollowedAndKept) {
  const fs::path target = dir_ / "target.json";
  const fs::path link = dir_ / "link.json";
  { std::ofstream(target) << "old"; }
  fs::create_symlink("target.json", link);
  ASSERT_TRUE(WriteOne(link, "new").ok());
  EXPECT_TRUE(fs::is_symlink(link)) << "the link itself must not be replaced";
  EXPECT_EQ(Read(target), "new");
}

TEST_F(AtomicFileTest, DanglingSymlinkCreatesItsTarget) {
  fs::create_directory(dir_ / "sub");
  const fs::path link = dir_ / "link.json";
  fs::create_symlink("sub/created.json", link);
  ASSERT_TRUE(WriteOne(link, "made").ok());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_EQ(Read(dir_ / "sub" / "created.json"), "made");
}

TEST_F(AtomicFileTest, SymlinkToDevNullWritesTheDevice) {
  const fs::path link = dir_ / "null.json";
  fs::create_symlink("/dev/null", link);
  if (!fs::is_character_file("/dev/null")) GTEST_SKIP() << "/dev/null is not the device here";
  ASSERT_TRUE(WriteOne(link, "discarded").ok());
  EXPECT_TRUE(fs::is_symlink(link));
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
  ASSERT_TRUE(WriteOne("/dev/null", "discarded").ok());
  EXPECT_TRUE(fs::is_character_file("/dev/null"));
}

TEST_F(AtomicFileTest, FifoIsWrittenDirectly) {
  const fs::path fifo = dir_ / "pipe";
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  std::string received;
  std::thread reader([&] { received = Read(fifo); });
  const Status s = WriteOne(fifo, "through the pipe");
  reader.join();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(received, "through the pipe");
  EXPECT_TRUE(fs::is_fifo(fifo));
}

TEST_F(AtomicFileTest, AnInvalidSecondPathWritesNothing) {
  const fs::path fresh = dir_ / "fresh.json";
  const fs::path existing = dir_ / "existing.json";
  { std::ofstream(existing) << "keep me"; }
  OutputSet set;
  set.Add("--json", fresh.string());
  set.Add("--junit", existing.string());
  set.Add("--html", (dir_ / "missing-dir" / "x.html").string());
  set.SetText("--json", "{}");
  set.SetText("--junit", "<x/>");
  set.SetText("--html", "<html>");
  const Status checked = set.Check();
  EXPECT_EQ(checked.code(), StatusCode::kIoError);
  const Status s = set.Commit();
  EXPECT_EQ(s.code(), StatusCode::kIoError);
  EXPECT_NE(s.message().find("--html"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("missing-dir"), std::string::npos) << s.message();
  EXPECT_FALSE(fs::exists(fresh));
  EXPECT_EQ(Read(existing), "keep me");
  EXPECT_EQ(std::distance(fs::directory_iterator(dir_), {}), 1) << "no temporary left";
}

TEST_F(AtomicFileTest, TwoOutputsToOnePlaceAreRefused) {
  const fs::path p = dir_ / "same.json";
  fs::create_symlink("same.json", dir_ / "alias.json");
  OutputSet files;
  files.Add("--json", p.string());
  files.Add("--html", (dir_ / "alias.json").string());
  EXPECT_EQ(files.Check().code(), StatusCode::kInvalidArgument);
  OutputSet streams;
  streams.Add("--json", "-");
  streams.Add("--html", "/dev/stdout");
  EXPECT_TRUE(streams.WritesStdout());
  const Status s = streams.Check();
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("same place"), std::string::npos) << s.message();
}

TEST_F(AtomicFileTest, DevStdoutIsStandardOutput) {
  ::testing::internal::CaptureStdout();
  const Status s = WriteOne("/dev/stdout", "to stdout\n");
  const std::string out = ::testing::internal::GetCapturedStdout();
  ASSERT_TRUE(s.ok()) << s.ToString();
  EXPECT_EQ(out, "to stdout\n");
}

TEST_F(AtomicFileTest, UnrequestedOutputsAreIgnored) {
  OutputSet set;
  set.Add("--html", "");
  EXPECT_FALSE(set.Wants("--html"));
  EXPECT_TRUE(set.Commit().ok());
}

}  // namespace
}  // namespace airm
