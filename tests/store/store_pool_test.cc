// StorePool on both backends: connections are reused instead of reopened, a
// pooled connection sees writes made elsewhere, a failed transaction leaves
// it usable, and (SQLite workspace) a changed airm.yaml or Reload() locates
// the workspace again.
#include "airm/store/store_pool.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "scratch_dir.h"
#include "store_backends.h"

namespace airm::store {
namespace {

using airm::testing::StoreBackend;

class StorePoolTest : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    dir_ = airm::testing::FreshTestDir("pool");
    std::string skip;
    location_ = airm::testing::FreshStoreLocation(GetParam(), dir_, &skip);
    if (!skip.empty()) GTEST_SKIP() << skip;
    if (GetParam() == StoreBackend::kSqlite) {
      // A bare SQLite file is created by opening it with create.
      ASSERT_TRUE(OpenSqliteStore(location_, {.create = true}).ok());
    }
    auto pool = StorePool::Create({.store_flag = location_}, {.max_idle = 2});
    ASSERT_TRUE(pool.ok()) << pool.status().ToString();
    pool_ = std::move(*pool);
  }

  std::unique_ptr<Database> Open() {
    Workspace ws;
    auto db = pool_->Open(&ws);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(*db) : nullptr;
  }

  std::filesystem::path dir_;
  std::string location_;
  std::unique_ptr<StorePool> pool_;
};

TEST_P(StorePoolTest, ConnectionsAreReusedOneAfterAnotherAndOpenedWhenAllAreInUse) {
  EXPECT_EQ(pool_->connections_opened(), 1);  // Create's, kept for the first Open
  for (int i = 0; i < 5; ++i) {
    auto db = Open();
    ASSERT_NE(db, nullptr);
    EXPECT_TRUE(db->Query("SELECT 1").ok());
  }
  EXPECT_EQ(pool_->connections_opened(), 1);
  {
    auto a = Open();
    auto b = Open();
    auto c = Open();
    EXPECT_EQ(pool_->connections_opened(), 3);
  }
  // max_idle 2: one of the three was closed when it came back.
  auto a = Open();
  auto b = Open();
  EXPECT_EQ(pool_->connections_opened(), 3);
  auto c = Open();
  EXPECT_EQ(pool_->connections_opened(), 4);
}

TEST_P(StorePoolTest, APooledConnectionSeesWritesOfAnotherConnection) {
  auto reader = Open();
  ASSERT_NE(reader, nullptr);
  ASSERT_TRUE(reader->Query("SELECT COUNT(*) FROM users").ok());
  auto other = airm::testing::OpenStoreLocation(location_);
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  ASSERT_TRUE((*other)
                  ->Execute("INSERT INTO users (username, role, password_hash, created_at, "
                            "created_by, password_changed_at) VALUES ('eve', 'viewer', 'x', "
                            "'2026-01-01T00:00:00Z', 't', '2026-01-01T00:00:00Z')")
                  .ok());
  reader.reset();  // back to the pool, then out again
  auto again = Open();
  auto rows = again->Query("SELECT username FROM users");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), "eve");
  EXPECT_EQ(pool_->connections_opened(), 1);
}

TEST_P(StorePoolTest, AFailedTransactionIsRolledBackAndTheConnectionStaysUsable) {
  {
    auto db = Open();
    Status failed = db->WriteTransaction([](Database& tx) -> Status {
      AIRM_RETURN_IF_ERROR(
          tx.Execute("INSERT INTO users (username, role, password_hash, created_at, created_by, "
                     "password_changed_at) VALUES ('eve', 'viewer', 'x', 't', 't', 't')"));
      return Status::InvalidArgument("the body refuses");
    });
    EXPECT_EQ(failed.code(), StatusCode::kInvalidArgument);
  }
  auto db = Open();
  EXPECT_EQ(pool_->connections_opened(), 1);  // the same connection again
  Status ok = db->WriteTransaction([](Database& tx) {
    return tx.Execute(
        "INSERT INTO users (username, role, password_hash, created_at, created_by, "
        "password_changed_at) VALUES ('fay', 'viewer', 'x', 't', 't', 't')");
  });
  ASSERT_TRUE(ok.ok()) << ok.ToString();
  auto rows = db->Query("SELECT username FROM users ORDER BY username");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);  // eve was rolled back
  EXPECT_EQ((*rows)[0].Text(0), "fay");
}

TEST_P(StorePoolTest, ReloadOpensNewConnections) {
  { auto db = Open(); }
  pool_->Reload();
  auto db = Open();
  ASSERT_NE(db, nullptr);
  EXPECT_TRUE(db->Query("SELECT 1").ok());
  EXPECT_EQ(pool_->connections_opened(), 2);
}

TEST_P(StorePoolTest, AScopeLendsThePoolToItsThreadForTheSameStoreOnly) {
  const LocateOptions same{.store_flag = location_};
  EXPECT_EQ(StorePool::ForThread(same), nullptr);
  {
    StorePool::Scope scope(pool_.get());
    EXPECT_EQ(StorePool::ForThread(same), pool_.get());
    EXPECT_EQ(StorePool::ForThread({.store_flag = location_ + "-other"}), nullptr);
    StorePool* seen_elsewhere = pool_.get();
    std::thread([&] { seen_elsewhere = StorePool::ForThread(same); }).join();
    EXPECT_EQ(seen_elsewhere, nullptr);
    {
      StorePool::Scope hidden(nullptr);
      EXPECT_EQ(StorePool::ForThread(same), nullptr);
    }
    EXPECT_EQ(StorePool::ForThread(same), pool_.get());
  }
  EXPECT_EQ(StorePool::ForThread(same), nullptr);
}

AIRM_INSTANTIATE_STORE_BACKENDS(StorePoolTest);

TEST(StorePoolWorkspaceTest, AChangedAirmYamlIsReadAgainAndItsNewStoreUsed) {
  const std::filesystem::path dir = airm::testing::FreshTestDir("pool_ws");
  auto init = InitWorkspace((dir / "ws").string(), "first");
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  auto pool = StorePool::Create({.store_flag = init->workspace.root}, {});
  ASSERT_TRUE(pool.ok()) << pool.status().ToString();
  Workspace ws;
  {
    auto db = (*pool)->Open(&ws);
    ASSERT_TRUE(db.ok());
    EXPECT_EQ(ws.name, "first");
  }
  ASSERT_TRUE(OpenSqliteStore((dir / "other.db").string(), {.create = true}).ok());
  {
    // A different size, so the change shows even within the file system's
    // time resolution.
    std::ofstream yaml(dir / "ws" / kWorkspaceFile, std::ios::trunc);
    yaml << "name: second-name\nstore: " << (dir / "other.db").string() << "\n";
  }
  auto db = (*pool)->Open(&ws);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(ws.name, "second-name");
  EXPECT_EQ(ws.db_path, (dir / "other.db").string());
  EXPECT_EQ((*db)->Describe(), (dir / "other.db").string());
  EXPECT_EQ((*pool)->connections_opened(), 2);
}

}  // namespace
}  // namespace airm::store
