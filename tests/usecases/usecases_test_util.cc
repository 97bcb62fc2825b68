#include "usecases_test_util.h"

#include <unistd.h>

#include <fstream>

#include "airm/store/models.h"
#include "scratch_dir.h"

namespace airm::usecases::testing {

void WorkspaceTest::SetUp() {
  // The pid keeps two runs of the suite at once (two worktrees on one
  // machine) out of each other's workspaces.
  dir_ = airm::testing::FreshTestDir("airm_usecases_" + std::to_string(::getpid()));
  auto init = store::InitWorkspace(dir_.string(), "test");
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  workspace_ = init->workspace;
  if (Backend() == airm::testing::StoreBackend::kSqlite) return;
  std::string skip_reason;
  const std::string url = airm::testing::FreshStoreLocation(Backend(), dir_, &skip_reason);
  if (!skip_reason.empty()) GTEST_SKIP() << skip_reason;
  ASSERT_FALSE(url.empty());
  // The workspace moves to the fresh schema: airm.yaml's store line names it.
  store_line_ = "store: " + url + "\n";
  std::ifstream in(dir_ / "airm.yaml");
  std::string yaml, line;
  while (std::getline(in, line)) yaml += line.rfind("store:", 0) == 0 ? store_line_ : line + "\n";
  in.close();
  WriteFile("airm.yaml", yaml);
  auto located = store::LocateWorkspace({.store_flag = dir_.string()});
  ASSERT_TRUE(located.ok()) << located.status().ToString();
  workspace_ = *located;
  ASSERT_EQ(workspace_.db_path, url);
  ASSERT_NE(Open(), nullptr);  // migrates the schema
}

std::string WorkspaceTest::WriteFile(const std::string& name, const std::string& text) const {
  const std::filesystem::path path = dir_ / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path.string();
}

void WorkspaceTest::TearDown() {
  if (HasFailure()) return;
  std::error_code ec;
  std::filesystem::remove_all(dir_, ec);
}

store::LocateOptions WorkspaceTest::Where() const { return {.store_flag = dir_.string()}; }

std::unique_ptr<store::Database> WorkspaceTest::Open() const {
  auto db = store::OpenWorkspaceStore(workspace_);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  return db.ok() ? std::move(db).value() : nullptr;
}

int64_t WorkspaceTest::QueryInt(const std::string& sql) const {
  auto db = Open();
  auto rows = db->Query(sql);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : -1;
}

int64_t WorkspaceTest::RegisterModel(const std::string& name, const std::string& version) const {
  store::NewModelVersion m;
  m.name = name;
  m.version = version;
  m.artifact_digest = "sha256:" + std::string(64, 'c');
  m.registered_by = "test";
  auto db = Open();
  auto model = store::RegisterModelVersion(*db, m);
  EXPECT_TRUE(model.ok()) << model.status().ToString();
  return model.ok() ? model->version.id : -1;
}

}  // namespace airm::usecases::testing
