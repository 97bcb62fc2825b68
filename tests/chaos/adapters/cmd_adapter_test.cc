// cmd: adapter with small shell models: what the process receives, and the
// exact outcome of each way a process can fail.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <cerrno>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <thread>

#include "airm/chaos/model_adapter.h"

namespace airm::chaos {
namespace {

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/airm_cmd_test_XXXXXX";
    path_ = mkdtemp(name);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

std::string ReadFile(const std::string& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

std::unique_ptr<ModelAdapter> MakeCmd(const std::string& command, const AdapterOptions& options) {
  auto adapter = MakeModelAdapter("cmd:" + command, options);
  EXPECT_TRUE(adapter.ok()) << adapter.status().ToString();
  return adapter.ok() ? std::move(*adapter) : nullptr;
}

Batch TwoRows() {
  return Batch{{"x", "label"}, {{1.5, std::string("a,b")}, {std::monostate{}, std::string("c")}}};
}

// Alive and not a zombie (a zombie is dead but not yet reaped by its parent).
bool IsAlive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const size_t close = line.rfind(')');
  return close != std::string::npos && close + 2 < line.size() && line[close + 2] != 'Z';
}

// Zombie children of this process (children it failed to reap).
int ZombieChildren() {
  int zombies = 0;
  for (const auto& entry : std::filesystem::directory_iterator("/proc")) {
    std::ifstream stat(entry.path() / "stat");
    std::string line;
    if (!std::getline(stat, line)) continue;
    const size_t close = line.rfind(')');
    if (close == std::string::npos) continue;
    std::istringstream rest(line.substr(close + 2));
    char state = 0;
    pid_t parent = 0;
    rest >> state >> parent;
    if (parent == getpid() && state == 'Z') ++zombies;
  }
  return zombies;
}

TEST(CmdAdapter, SendsCsvAndReadsOneScorePerLine) {
  TempDir dir;
  const auto adapter = MakeCmd("cat > " + dir.File("in.csv") + "; printf '0.25\\n  nan \\n'", {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  ASSERT_EQ(outcome.scores.size(), 2u);
  EXPECT_EQ(outcome.scores[0], 0.25);
  EXPECT_TRUE(std::isnan(outcome.scores[1]));
  EXPECT_EQ(ReadFile(dir.File("in.csv")), "x,label\n1.5,\"a,b\"\n,c\n");
}

TEST(CmdAdapter, SplitsBatchesIntoOneProcessPerChunk) {
  // Each process prints 1..n for its n rows, so chunking shows in the scores.
  const auto adapter = MakeCmd("awk 'NR > 1 { print NR - 1 }'", {.max_batch_rows = 2});
  ASSERT_NE(adapter, nullptr);
  Batch batch{{"x"}, {{1.0}, {2.0}, {3.0}, {4.0}, {5.0}}};
  const PredictOutcome outcome = adapter->Predict(batch);
  ASSERT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_EQ(outcome.scores, (std::vector<double>{1, 2, 1, 2, 1}));
  EXPECT_EQ(outcome.attempts, 3);
}

TEST(CmdAdapter, EmptyBatchSendsTheHeaderOnly) {
  TempDir dir;
  const auto adapter = MakeCmd("cat > " + dir.File("in.csv"), {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(Batch{{"x", "y"}, {}});
  EXPECT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_TRUE(outcome.scores.empty());
  EXPECT_EQ(ReadFile(dir.File("in.csv")), "x,y\n");
}

TEST(CmdAdapter, NonZeroExitIsACrashWithStderrAndIsNotRetried) {
  const auto adapter =
      MakeCmd("cat > /dev/null; echo 0.5; echo 'model blew up' >&2; exit 3", {.retries = 2});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kCrash);
  EXPECT_EQ(outcome.detail, "the model process exited with status 3; stderr: model blew up");
  EXPECT_EQ(outcome.attempts, 1);
  EXPECT_TRUE(outcome.scores.empty());
}

TEST(CmdAdapter, DeathBySignalIsACrash) {
  const auto adapter = MakeCmd("kill -SEGV $$", {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kCrash);
  EXPECT_EQ(outcome.detail, "the model process was killed by signal 11 (SIGSEGV)");
}

TEST(CmdAdapter, HangIsATimeoutAndLeavesNoProcessBehind) {
  TempDir dir;
  // The shell starts a background sleeper (a grandchild holding stdout open)
  // and then hangs itself: both must be killed, the shell reaped.
  const auto adapter = MakeCmd("sleep 30 & echo $! > " + dir.File("grandchild") + "; echo $$ > " +
                                   dir.File("child") + "; wait",
                               {.timeout_seconds = 1, .retries = 0});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kTimeout);
  EXPECT_EQ(outcome.detail, "no complete answer within 1 s; the process group was killed");
  EXPECT_EQ(outcome.attempts, 1);
  const std::string child_text = ReadFile(dir.File("child"));
  const std::string grandchild_text = ReadFile(dir.File("grandchild"));
  ASSERT_FALSE(child_text.empty() || grandchild_text.empty()) << "the shell wrote no pid files";
  const pid_t child = std::stoi(child_text);
  const pid_t grandchild = std::stoi(grandchild_text);
  EXPECT_FALSE(IsAlive(child));
  EXPECT_EQ(::kill(child, 0), -1);  // reaped, not a zombie
  EXPECT_EQ(errno, ESRCH);
  // The grandchild is re-parented; whoever reaps it, it must be dead.
  for (int wait = 0; wait < 100 && IsAlive(grandchild); ++wait) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  EXPECT_FALSE(IsAlive(grandchild));
  EXPECT_EQ(ZombieChildren(), 0);
}

TEST(CmdAdapter, TimeoutIsRetriedWithBackoff) {
  const auto adapter =
      MakeCmd("sleep 30", {.timeout_seconds = 0.2, .retries = 2, .backoff_seconds = 0.01});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kTimeout);
  EXPECT_EQ(outcome.attempts, 3);
  EXPECT_EQ(ZombieChildren(), 0);
}

TEST(CmdAdapter, UnparseableLineIsMalformed) {
  const auto adapter = MakeCmd("cat > /dev/null; echo 0.5; echo 'bad, 0.7'", {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
  EXPECT_EQ(outcome.detail, "stdout line 2: 'bad, 0.7' is not a number");
}

TEST(CmdAdapter, BlankLineIsMalformed) {
  const auto adapter = MakeCmd("cat > /dev/null; printf '0.5\\n\\n'", {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kMalformed);
  EXPECT_EQ(outcome.detail, "stdout line 2: '' is not a number");
}

TEST(CmdAdapter, WrongLineCountIsWrongCount) {
  const auto adapter = MakeCmd("cat > /dev/null; echo 0.5", {});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kWrongCount);
  EXPECT_EQ(outcome.detail, "expected 2 lines on stdout, got 1");
}

TEST(CmdAdapter, MissingCommandIsConnectionRefusedAndRetried) {
  const auto adapter =
      MakeCmd("/nonexistent/model --score", {.retries = 1, .backoff_seconds = 0.01});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(TwoRows());
  EXPECT_EQ(outcome.failure, FailureKind::kConnectionRefused);
  EXPECT_EQ(outcome.detail.rfind("the command could not start (sh exit status 127); stderr: ", 0),
            0u)
      << outcome.detail;
  EXPECT_EQ(outcome.attempts, 2);
}

TEST(CmdAdapter, ModelThatIgnoresStdinCannotKillAirmWithSigpipe) {
  // Far more than a pipe buffer (64 KiB) of CSV to a process that exits at
  // once: the writes fail with EPIPE, and SIGPIPE must not end this test.
  Batch batch{{"x", "text"}, {}};
  for (int row = 0; row < 50000; ++row) {
    batch.rows.push_back({static_cast<double>(row), std::string("padding padding padding")});
  }
  const auto adapter = MakeCmd("exit 0", {.max_batch_rows = 50000});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(batch);
  EXPECT_EQ(outcome.failure, FailureKind::kWrongCount);
  EXPECT_EQ(outcome.detail, "expected 50000 lines on stdout, got 0");
}

TEST(CmdAdapter, PoolSizeBoundsConcurrentProcesses) {
  TempDir dir;
  // mkdir is atomic: a second process running at the same time would fail it
  // and print 0 instead of 1.
  const std::string lock = dir.File("lock");
  const auto adapter = MakeCmd("cat > /dev/null; if mkdir " + lock + " 2>/dev/null; then " +
                                   "sleep 0.05; rmdir " + lock + "; echo 1; else echo 0; fi",
                               {.pool_size = 1});
  ASSERT_NE(adapter, nullptr);
  std::vector<PredictOutcome> outcomes(4);
  std::vector<std::thread> threads;
  for (int idx = 0; idx < 4; ++idx) {
    threads.emplace_back([&, idx] { outcomes[idx] = adapter->Predict(Batch{{"x"}, {{1.0}}}); });
  }
  for (std::thread& thread : threads) thread.join();
  for (const PredictOutcome& outcome : outcomes) {
    ASSERT_TRUE(outcome.ok()) << outcome.detail;
    EXPECT_EQ(outcome.scores, std::vector<double>{1.0});
  }
}

}  // namespace
}  // namespace airm::chaos
