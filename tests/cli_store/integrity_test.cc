// The store under stress: two airm processes writing at once, and writers
// killed with SIGKILL at random points. After each: PRAGMA integrity_check is
// "ok", every acknowledged (exit 0) write is present, no batch is partial.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <thread>

#include "cli_store_harness.h"

extern char** environ;

namespace airm::cli_store_test {
namespace {

class IntegrityTest : public StoreCliTest {
 protected:
  std::string IntegrityCheck() const {
    // Opened read-write, as the next airm would: a hot WAL is recovered first.
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open(DbPath().c_str(), &db), SQLITE_OK);
    sqlite3_stmt* stmt = nullptr;
    sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &stmt, nullptr);
    std::string result = "<none>";
    if (sqlite3_step(stmt) == SQLITE_ROW) {
      result = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
    }
    sqlite3_finalize(stmt);
    sqlite3_close(db);
    return result;
  }
};

TEST_F(IntegrityTest, TwoAirmProcessesRegisteringAtOnceLoseNothing) {
  Init();
  Write("d.csv", "a,b\n1,x\n2,y\n");
  // Two shells, each registering 60 datasets as fast as it can, at once. (The
  // 2 x 200 version runs in-process in tests/store; a process start of airm
  // costs tens of milliseconds, so this keeps the suite fast.)
  const std::string loop = "for i in $(seq 1 60); do " + std::string(AIRM_BINARY) +
                           " dataset register d.csv --name P_$i --store ws >/dev/null 2>>P.err ||"
                           " echo $i >> P.failed; done";
  auto for_process = [&](const std::string& p) {
    std::string s = loop;
    for (size_t pos; (pos = s.find("P")) != std::string::npos;) s.replace(pos, 1, p);
    return s;
  };
  const std::string script = "cd " + Quote(dir_.string()) + " && (" + for_process("one") +
                             ") & (cd " + Quote(dir_.string()) + " && " + for_process("two") +
                             ") & wait";
  ASSERT_EQ(std::system(("bash -c " + Quote(script)).c_str()), 0);
  EXPECT_FALSE(fs::exists(Path("one.failed"))) << Slurp(Path("one.err"));
  EXPECT_FALSE(fs::exists(Path("two.failed"))) << Slurp(Path("two.err"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM datasets WHERE name LIKE 'one_%'"), 60);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM datasets WHERE name LIKE 'two_%'"), 60);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 120);
  EXPECT_EQ(IntegrityCheck(), "ok");
}

// 200,000 predictions per file; trial t's file differs in one value, so its
// generated ids (from the file digest) differ from every other trial's.
std::string PredictionsCsv(int trial) {
  std::string csv = "x,y,prediction\n";
  csv.reserve(200000 * 20);
  for (int row = 0; row < 200000; ++row) {
    csv += std::to_string(row % 977) + "," + std::to_string(row == 0 ? trial : row % 13) + "," +
           (row % 2 ? "yes" : "no") + "\n";
  }
  return csv;
}

pid_t SpawnLog(const std::string& workspace, const std::string& file) {
  std::vector<std::string> args = {AIRM_BINARY, "predictions", "log",     file,
                                   "--model",   "m",           "--store", workspace};
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0);
  pid_t pid = -1;
  EXPECT_EQ(posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ), 0);
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

TEST_F(IntegrityTest, KilledWritersLeaveNoPartialBatchAndLoseNoAcknowledgedOne) {
  Init();
  ASSERT_EQ(Run("model register --name m --version 1 --artifact " + Example("model.json") +
                " --training-data m-train")
                .exit_code,
            2);
  ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name m-train").exit_code, 0);
  ASSERT_EQ(Run("model register --name m --version 1 --artifact " + Example("model.json") +
                " --training-data m-train")
                .exit_code,
            0);
  // Trial 0 runs to completion and times a whole write.
  std::vector<std::string> acknowledged;
  const std::string first = Write("p0.csv", PredictionsCsv(0));
  const auto start = std::chrono::steady_clock::now();
  pid_t pid = SpawnLog(Workspace(), first);
  int status = 0;
  waitpid(pid, &status, 0);
  const auto full = std::chrono::steady_clock::now() - start;
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  acknowledged.push_back(first);

  std::mt19937 rng(20261127);
  const int64_t full_ms = std::chrono::duration_cast<std::chrono::milliseconds>(full).count();
  std::uniform_int_distribution<int64_t> delay_ms(1, full_ms + full_ms / 5);
  int killed = 0;
  for (int trial = 1; trial <= 10; ++trial) {
    const std::string file = Write("p" + std::to_string(trial) + ".csv", PredictionsCsv(trial));
    pid = SpawnLog(Workspace(), file);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    if (waitpid(pid, &status, WNOHANG) == 0) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
    }
    if (WIFEXITED(status) && WEXITSTATUS(status) == 0) {
      acknowledged.push_back(file);
    } else {
      ++killed;
    }
    ASSERT_EQ(IntegrityCheck(), "ok") << "after trial " << trial;
    for (const std::string& done : acknowledged) {
      EXPECT_EQ(
          QueryInt("SELECT COUNT(*) FROM prediction_batches WHERE source_path = '" + done + "'"), 1)
          << done << " was acknowledged but is missing after trial " << trial;
    }
    // Every batch is whole: its rows all arrived or the batch does not exist.
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches b WHERE b.row_count <>"
                       " (SELECT COUNT(*) FROM predictions p WHERE p.batch_id = b.id)"),
              0);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions WHERE batch_id NOT IN"
                       " (SELECT id FROM prediction_batches)"),
              0);
  }
  // A writer killed between its commit and its exit may have landed unacknowledged.
  const int64_t batches = QueryInt("SELECT COUNT(*) FROM prediction_batches");
  EXPECT_GE(batches, static_cast<int64_t>(acknowledged.size()));
  EXPECT_LE(batches, static_cast<int64_t>(acknowledged.size()) + killed);
  // The kills must have landed mid-command for this test to mean anything.
  EXPECT_GE(killed, 3) << "full run took " << full_ms << " ms";
  // And the store still takes writes.
  EXPECT_EQ(Run("dataset register " + first + " --name after-kills").exit_code, 0);
}

}  // namespace
}  // namespace airm::cli_store_test
