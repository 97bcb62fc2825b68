// MigrateStore from a real SQLite workspace to a real PostgreSQL database
// and back: every table copied and verified, keys continue after the copy,
// a non-empty target refused unless replaced, bad URLs and unreachable
// servers are input errors that never hang.
#include "airm/usecases/migrate_store.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/store/datasets.h"
#include "airm/store/deployments.h"
#include "airm/usecases/log_predictions.h"
#include "postgres_server.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class MigrateStoreTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    std::string why;
    server_ = airm::testing::PostgresServer::Shared(&why);
    if (server_ == nullptr) GTEST_SKIP() << why;
    auto url = server_->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
    // A little of everything: datasets, a model, a deployment, predictions
    // (with NULLs, reals and text with quotes).
    const int64_t model = RegisterModel("credit", "1");
    auto db = Open();
    ASSERT_TRUE(store::Deploy(*db, model, "prod", "2026-01-01T00:00:00Z", "test").ok());
    const std::string file =
        WriteFile("p.csv", "age,city,score\n30,\"O'Hare, IL\",0.2\n40,,0.7\n41,b,\n");
    auto logged = LogPredictions({.store = Where(), .file = file, .model = "credit@1"});
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  }

  airm::testing::PostgresServer* server_ = nullptr;
  std::string url_;
};

TEST_F(MigrateStoreTest, CopiesEveryTableAndVerifiesIt) {
  auto migrated = MigrateStore({.from = dir_.string(), .to = url_});
  ASSERT_TRUE(migrated.ok()) << migrated.status().ToString();
  EXPECT_EQ(migrated->tables.size(), store::StoreTables().size());
  EXPECT_EQ(migrated->TotalRows(), QueryInt("SELECT (SELECT COUNT(*) FROM datasets) +"
                                            " (SELECT COUNT(*) FROM dataset_versions) +"
                                            " (SELECT COUNT(*) FROM models) +"
                                            " (SELECT COUNT(*) FROM model_versions) +"
                                            " (SELECT COUNT(*) FROM deployments) +"
                                            " (SELECT COUNT(*) FROM prediction_batches) +"
                                            " (SELECT COUNT(*) FROM predictions) +"
                                            // predictions log is audited: an entry and its head
                                            " (SELECT COUNT(*) FROM audit_entries) +"
                                            " (SELECT COUNT(*) FROM audit_tree_heads)"));
  EXPECT_THAT(migrated->to, HasSubstr(":***@127.0.0.1"));
  auto target = store::OpenPostgresStore(url_);
  ASSERT_TRUE(target.ok()) << target.status().ToString();
  auto rows = (*target)->Query("SELECT COUNT(*) FROM predictions WHERE output IS NULL");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ((*rows)[0].Int(0), 1);
  // New rows get keys after the copied ones (the identity sequences moved).
  store::NewDatasetVersion v;
  v.name = "after";
  v.content.digest = "sha256:" + std::string(64, 'f');
  v.registered_by = "t";
  auto registered = store::RegisterDatasetVersion(**target, v);
  ASSERT_TRUE(registered.ok()) << registered.status().ToString();
  EXPECT_GT(registered->version.id, QueryInt("SELECT MAX(id) FROM dataset_versions"));

  // And back into a fresh SQLite file: the same content digests.
  const std::string back = (dir_ / "back.db").string();
  auto returned = MigrateStore({.from = url_, .to = back});
  ASSERT_TRUE(returned.ok()) << returned.status().ToString();
  for (size_t i = 0; i < migrated->tables.size(); ++i) {
    if (migrated->tables[i].table == "dataset_versions" ||
        migrated->tables[i].table == "datasets") {
      continue;  // "after" was added in between
    }
    EXPECT_EQ(returned->tables[i].digest, migrated->tables[i].digest) << migrated->tables[i].table;
  }
}

TEST_F(MigrateStoreTest, NonEmptyTargetIsRefusedUnlessReplaced) {
  ASSERT_TRUE(MigrateStore({.from = dir_.string(), .to = url_}).ok());
  auto again = MigrateStore({.from = dir_.string(), .to = url_});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(again.status().message(), HasSubstr("the target store is not empty"));
  EXPECT_THAT(again.status().message(), HasSubstr("--replace"));
  EXPECT_EQ(ExitCodeFor(again.status()), 2);
  auto replaced = MigrateStore({.from = dir_.string(), .to = url_, .replace = true});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->replaced_rows, replaced->TotalRows());
}

TEST_F(MigrateStoreTest, BadUrlsMissingSourcesAndUnreachableServersExitTwo) {
  struct Case {
    std::string from, to, expected;
  };
  for (const Case& c :
       {Case{dir_.string(), "postgresql://u:pw@host/db?nosuch=1", "not a valid PostgreSQL URL"},
        Case{dir_.string(), "postgresql://u:pw@127.0.0.1:1/db",
             "cannot connect to the PostgreSQL store"},
        Case{(dir_ / "missing.db").string(), url_, "no such file or directory"},
        Case{dir_.string(), dir_.string(), "the same store"}}) {
    auto r = MigrateStore({.from = c.from, .to = c.to});
    ASSERT_FALSE(r.ok()) << c.to;
    EXPECT_EQ(ExitCodeFor(r.status()), 2) << r.status().ToString();
    EXPECT_THAT(r.status().message(), HasSubstr(c.expected));
    EXPECT_THAT(r.status().message(), ::testing::Not(HasSubstr(":pw@")));
  }
}

}  // namespace
}  // namespace airm::usecases
