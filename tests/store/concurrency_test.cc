// Several processes writing one store at once, and writers (or the server)
// killed mid-write: nothing acknowledged is lost, nothing is duplicated.
// Writers are real processes (store_writer), each with its own connection.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <fstream>
#include <set>
#include <thread>

#include "child_process.h"
#include "postgres_server.h"
#include "store_backends.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

// The digests a writer acknowledged: complete lines of its log only.
std::vector<std::string> Acknowledged(const std::string& log) {
  std::ifstream in(log);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  size_t start = 0;
  for (size_t end = text.find('\n'); end != std::string::npos; end = text.find('\n', start)) {
    std::string line = text.substr(start, end - start);
    if (line.starts_with("sha256:")) out.push_back(line);
    start = end + 1;
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

pid_t SpawnWriter(const std::string& location, const std::string& prefix, int count,
                  const std::string& log) {
  return airm::testing::SpawnInProcessGroup(
      {AIRM_STORE_WRITER, location, prefix, std::to_string(count)}, log);
}

int WaitForExit(pid_t pid) {
  int status = 0;
  while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// Waits until the writer acknowledged `n` writes; false if it exited first
// (or after a minute, so a broken writer cannot hang the suite).
bool WaitForAcknowledged(pid_t* pid, const std::string& log, size_t n) {
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::minutes(1);
  while (Acknowledged(log).size() < n) {
    if (!airm::testing::ChildIsRunning(pid) || std::chrono::steady_clock::now() > give_up) {
      return false;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

struct Tally {
  int64_t rows = 0, distinct_versions = 0, min_version = 0, max_version = 0, distinct_digests = 0;
};

Tally TallyShared(Database& db) {
  auto rows = db.Query(
      "SELECT COUNT(*), COUNT(DISTINCT v.version), MIN(v.version), MAX(v.version),"
      " COUNT(DISTINCT v.digest) FROM dataset_versions v JOIN datasets d ON d.id = v.dataset_id"
      " WHERE d.name = 'shared'");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (!rows.ok() || (*rows)[0].IsNull(2)) return {};
  const Row& r = (*rows)[0];
  return {r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4)};
}

std::set<std::string> StoredDigests(Database& db) {
  std::set<std::string> out;
  auto rows = db.Query("SELECT digest FROM dataset_versions");
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (rows.ok()) {
    for (const Row& row : *rows) out.insert(row.Text(0));
  }
  return out;
}

class ConcurrencyTest : public ::testing::TestWithParam<airm::testing::StoreBackend> {
 protected:
  void SetUp() override {
    dir_ = testing::FreshDir();
    airm::testing::FreshStore fresh = airm::testing::OpenFreshStore(GetParam(), dir_);
    AIRM_SKIP_IF_NO_STORE(fresh);
    ASSERT_NE(fresh.db, nullptr);
    location_ = fresh.location;
  }
  std::string Log(const std::string& name) const { return (dir_ / (name + ".log")).string(); }

  std::filesystem::path dir_;
  std::string location_;
};

// Four processes register 40 versions each of one dataset at once: every
// version number 1…160 exactly once, every digest stored, none twice. Each
// registration reads MAX(version) and writes MAX + 1, so a lost update or a
// duplicate would show here.
TEST_P(ConcurrencyTest, FourWritersLoseAndDuplicateNothing) {
  constexpr int kWriters = 4;
  constexpr int kEach = 40;
  std::vector<pid_t> pids;
  for (int w = 0; w < kWriters; ++w) {
    pids.push_back(
        SpawnWriter(location_, "w" + std::to_string(w) + "-", kEach, Log("w" + std::to_string(w))));
    ASSERT_GT(pids.back(), 0);
  }
  std::set<std::string> acknowledged;
  for (int w = 0; w < kWriters; ++w) {
    const std::string log = Log("w" + std::to_string(w));
    EXPECT_EQ(WaitForExit(pids[w]), 0) << ReadAll(log);
    for (const std::string& digest : Acknowledged(log)) acknowledged.insert(digest);
  }
  EXPECT_EQ(acknowledged.size(), static_cast<size_t>(kWriters * kEach));
  auto db = airm::testing::OpenStoreLocation(location_);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const Tally t = TallyShared(**db);
  EXPECT_EQ(t.rows, kWriters * kEach);
  EXPECT_EQ(t.distinct_versions, kWriters * kEach);
  EXPECT_EQ(t.min_version, 1);
  EXPECT_EQ(t.max_version, kWriters * kEach);
  EXPECT_EQ(t.distinct_digests, kWriters * kEach);
  const std::set<std::string> stored = StoredDigests(**db);
  for (const std::string& digest : acknowledged) EXPECT_EQ(stored.count(digest), 1u) << digest;
}

// A writer killed with SIGKILL while writing (it is inside a transaction
// nearly all the time) loses none of the writes it acknowledged; its
// unfinished transaction leaves nothing half-written and blocks no one: a
// second writer running alongside finishes all of its writes.
TEST_P(ConcurrencyTest, KilledWriterLosesNothingAcknowledged) {
  pid_t victim = SpawnWriter(location_, "victim-", 0, Log("victim"));
  ASSERT_GT(victim, 0);
  pid_t steady = SpawnWriter(location_, "steady-", 60, Log("steady"));
  ASSERT_GT(steady, 0);
  ASSERT_TRUE(WaitForAcknowledged(&victim, Log("victim"), 20)) << ReadAll(Log("victim"));
  ::kill(-victim, SIGKILL);
  airm::testing::KillChildGroup(&victim);
  const std::vector<std::string> acknowledged = Acknowledged(Log("victim"));
  EXPECT_EQ(WaitForExit(steady), 0) << ReadAll(Log("steady"));

  auto db = airm::testing::OpenStoreLocation(location_);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const std::set<std::string> stored = StoredDigests(**db);
  for (const std::string& digest : acknowledged) EXPECT_EQ(stored.count(digest), 1u) << digest;
  // At most the one in flight when it died committed without its
  // acknowledgement being printed.
  auto victims = (*db)->Query("SELECT COUNT(*) FROM dataset_versions WHERE registered_by = ?",
                              {std::string("victim-")});
  ASSERT_TRUE(victims.ok());
  EXPECT_GE((*victims)[0].Int(0), static_cast<int64_t>(acknowledged.size()));
  EXPECT_LE((*victims)[0].Int(0), static_cast<int64_t>(acknowledged.size()) + 1);
  const Tally t = TallyShared(**db);
  EXPECT_EQ(t.rows, t.distinct_versions);
  EXPECT_EQ(t.max_version, t.rows);
  EXPECT_EQ(Acknowledged(Log("steady")).size(), 60u);
}

AIRM_INSTANTIATE_STORE_BACKENDS(ConcurrencyTest);

// The PostgreSQL server itself crashes (immediate shutdown: no checkpoint,
// recovery from the write-ahead log on restart) while a writer is
// mid-transaction: every write acknowledged before the crash is there after
// the restart. Its own server, since the crash would disturb other tests.
TEST(PostgresCrash, ServerKilledMidWriteLosesNothingAcknowledged) {
  auto server = airm::testing::PostgresServer::Start();
  if (!server.ok() && server.status().code() == StatusCode::kNotFound) {
    GTEST_SKIP() << server.status().ToString();
  }
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto url = (*server)->FreshSchemaUrl("crash");
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  ASSERT_TRUE(airm::testing::OpenStoreLocation(*url).ok());
  const std::string log = (testing::FreshDir() / "writer.log").string();
  pid_t writer = SpawnWriter(*url, "crash-", 0, log);
  ASSERT_GT(writer, 0);
  ASSERT_TRUE(WaitForAcknowledged(&writer, log, 20)) << ReadAll(log);
  ASSERT_TRUE((*server)->CrashAndRestart().ok());
  // Its connection is gone: the writer fails on its next statement.
  EXPECT_EQ(WaitForExit(writer), 1) << ReadAll(log);
  const std::vector<std::string> acknowledged = Acknowledged(log);
  ASSERT_GE(acknowledged.size(), 20u);
  auto db = airm::testing::OpenStoreLocation(*url);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  const std::set<std::string> stored = StoredDigests(**db);
  for (const std::string& digest : acknowledged) EXPECT_EQ(stored.count(digest), 1u) << digest;
  const Tally t = TallyShared(**db);
  EXPECT_LE(t.rows, static_cast<int64_t>(acknowledged.size()) + 1);
  EXPECT_EQ(t.rows, t.distinct_versions);
}

}  // namespace
}  // namespace airm::store
