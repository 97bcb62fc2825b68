// Workspaces: init, idempotent re-init, discovery upwards, --store forms.
#include "airm/store/workspace.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "migrations.h"
#include "postgres_server.h"
#include "store_test_util.h"

namespace airm::store {
namespace {

using ::testing::HasSubstr;

TEST(Workspace, InitCreatesYamlAndStoreAndIsIdempotent) {
  auto dir = testing::FreshDir() / "ws";
  auto first = InitWorkspace(dir.string(), "");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->workspace.name, "ws");
  EXPECT_TRUE(std::filesystem::exists(dir / "airm.yaml"));
  EXPECT_TRUE(std::filesystem::exists(dir / ".airm" / "airm.db"));
  EXPECT_GE(first->schema_version, 1);
  auto second = InitWorkspace(dir.string(), "other-name");
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->created);
  EXPECT_EQ(second->workspace.name, "ws");  // left as it was
}

TEST(Workspace, FoundFromASubdirectory) {
  auto dir = testing::FreshDir();
  ASSERT_TRUE(InitWorkspace(dir.string(), "mine").ok());
  std::filesystem::create_directories(dir / "a" / "b");
  auto ws = LocateWorkspace({.start_dir = (dir / "a" / "b").string()});
  ASSERT_TRUE(ws.ok()) << ws.status().ToString();
  EXPECT_EQ(ws->name, "mine");
  EXPECT_EQ(ws->db_path, (dir / ".airm" / "airm.db").string());
  auto db = OpenWorkspaceStore(*ws);
  EXPECT_TRUE(db.ok());
}

TEST(Workspace, MissingWorkspaceSaysWhereItLooked) {
  auto dir = testing::FreshDir();
  auto ws = LocateWorkspace({.start_dir = dir.string()});
  ASSERT_EQ(ws.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(ws.status().message(), HasSubstr("no airm workspace found in " + dir.string() +
                                               " or its parents; run `airm init` or pass --store"));
}

TEST(Workspace, StoreFlagTakesADirectoryOrAFileAndBeatsTheEnvironment) {
  auto dir = testing::FreshDir();
  ASSERT_TRUE(InitWorkspace((dir / "w").string(), "").ok());
  auto by_dir = LocateWorkspace({.store_flag = (dir / "w").string(), .store_env = "/nonexistent"});
  ASSERT_TRUE(by_dir.ok());
  EXPECT_EQ(by_dir->name, "w");
  auto by_file = LocateWorkspace({.store_flag = (dir / "w" / ".airm" / "airm.db").string()});
  ASSERT_TRUE(by_file.ok());
  EXPECT_EQ(by_file->db_path, (dir / "w" / ".airm" / "airm.db").string());
  auto by_env = LocateWorkspace({.store_env = (dir / "w").string()});
  ASSERT_TRUE(by_env.ok());
  auto missing = LocateWorkspace({.store_flag = (dir / "nope").string()});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("--store"));
}

TEST(Workspace, MalformedYamlNamesFileAndLine) {
  auto dir = testing::FreshDir();
  std::ofstream(dir / "airm.yaml") << "name: x\nstore: [unclosed\n";
  auto ws = LocateWorkspace({.start_dir = dir.string()});
  ASSERT_EQ(ws.status().code(), StatusCode::kParseError);
  EXPECT_THAT(ws.status().message(), HasSubstr("airm.yaml:"));
}

// A workspace whose airm.yaml names a PostgreSQL URL opens that database
// (and migrates it on first use); so does AIRM_STORE=postgresql://….
TEST(Workspace, PostgresUrlInYamlOrEnvironmentOpensThatDatabase) {
  std::string why;
  airm::testing::PostgresServer* server = airm::testing::PostgresServer::Shared(&why);
  if (server == nullptr) GTEST_SKIP() << why;
  auto url = server->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
  ASSERT_TRUE(url.ok()) << url.status().ToString();
  auto dir = testing::FreshDir();
  std::ofstream(dir / "airm.yaml") << "name: team\nstore: " << *url << "\n";
  auto ws = LocateWorkspace({.start_dir = dir.string()});
  ASSERT_TRUE(ws.ok()) << ws.status().ToString();
  EXPECT_EQ(ws->db_path, *url);
  EXPECT_EQ(LocalStateDir(*ws), (dir / ".airm").string());
  auto db = OpenWorkspaceStore(*ws);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ((*db)->dialect(), SqlDialect::kPostgresql);
  EXPECT_EQ(*(*db)->SchemaVersion(), KnownSchemaVersion());
  auto by_env = LocateWorkspace({.store_env = *url});
  ASSERT_TRUE(by_env.ok());
  EXPECT_EQ(by_env->db_path, *url);
  EXPECT_TRUE(by_env->root.empty());
  // init on that workspace brings the database up to date and keeps the URL.
  auto init = InitWorkspace(dir.string(), "");
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  EXPECT_FALSE(init->created);
  EXPECT_EQ(init->workspace.db_path, *url);
}

TEST(Workspace, PasswordsAreRedactedFromUrls) {
  EXPECT_EQ(RedactPostgresUrl("postgresql://ana:s3cr@t@db:5432/airm"),
            "postgresql://ana:***@db:5432/airm");
  EXPECT_EQ(RedactPostgresUrl("postgres://ana@db/airm?password=x&sslmode=require"),
            "postgres://ana@db/airm?password=***&sslmode=require");
  EXPECT_EQ(RedactPostgresUrl("postgresql://db/airm"), "postgresql://db/airm");
  EXPECT_TRUE(IsPostgresUrl("postgres://x"));
  EXPECT_FALSE(IsPostgresUrl(".airm/airm.db"));
}

}  // namespace
}  // namespace airm::store
