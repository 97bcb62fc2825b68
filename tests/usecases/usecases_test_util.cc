#include "usecases_test_util.h"

#include <fstream>

#include "airm/store/models.h"
#include "scratch_dir.h"

namespace airm::usecases::testing {

void WorkspaceTest::SetUp() {
  dir_ = airm::testing::FreshTestDir("airm_usecases");
  auto init = store::InitWorkspace(dir_.string(), "test");
  ASSERT_TRUE(init.ok()) << init.status().ToString();
  workspace_ = init->workspace;
}

std::string WorkspaceTest::WriteFile(const std::string& name, const std::string& text) const {
  const std::filesystem::path path = dir_ / name;
  std::ofstream(path, std::ios::binary | std::ios::trunc) << text;
  return path.string();
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
