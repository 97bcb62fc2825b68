// InitWorkspace, ListDatasets, ShowDataset, VerifyDatasets and RegisterModel
// on real temporary workspaces (SQLite files), without the CLI.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "airm/usecases/exec_run.h"
#include "airm/usecases/init_workspace.h"
#include "airm/usecases/list_datasets.h"
#include "airm/usecases/register_dataset.h"
#include "airm/usecases/register_model.h"
#include "airm/usecases/verify_datasets.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class CatalogTest : public WorkspaceTest {
 protected:
  store::DatasetVersion Register(const std::string& file, const std::string& name) {
    auto r = RegisterDataset({.store = Where(), .file = file, .name = name});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->version : store::DatasetVersion{};
  }
};

TEST_F(CatalogTest, InitCreatesOnceThenSaysTheWorkspaceExists) {
  const std::string dir = (dir_ / "fresh" / "ws").string();
  auto first = InitWorkspace({.dir = dir, .name = "demo"});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->workspace.name, "demo");
  EXPECT_GE(first->schema_version, 1);
  EXPECT_TRUE(first->findings.empty());
  EXPECT_TRUE(std::filesystem::exists(first->workspace.db_path));

  auto again = InitWorkspace({.dir = dir, .name = "other"});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  EXPECT_EQ(again->workspace.name, "demo");  // left as it was
  ASSERT_EQ(again->findings.size(), 1u);
  EXPECT_EQ(again->findings[0].code, "workspace.exists");

  auto bad = InitWorkspace({.dir = dir, .name = "a\nb"});
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad.status().message(), HasSubstr("--name"));
  EXPECT_EQ(InitWorkspace({.dir = ""}).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CatalogTest, ListIsEmptyWithAFindingThenOrderedByNameAndVersion) {
  auto empty = ListDatasets({.store = Where()});
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->versions.empty());
  ASSERT_EQ(empty->findings.size(), 1u);
  EXPECT_EQ(empty->findings[0].code, "dataset.none_registered");

  Register(WriteFile("b1.csv", "x\n1\n"), "b");
  Register(WriteFile("a1.csv", "x\n1\n2\n"), "a");
  Register(WriteFile("a2.csv", "x\n3\n"), "a");
  auto all = ListDatasets({.store = Where()});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  ASSERT_EQ(all->versions.size(), 3u);
  EXPECT_EQ(all->versions[0].Ref(), "a@1");
  EXPECT_EQ(all->versions[1].Ref(), "a@2");
  EXPECT_EQ(all->versions[2].Ref(), "b@1");
  EXPECT_TRUE(all->findings.empty());

  auto only_b = ListDatasets({.store = Where(), .name = "b"});
  ASSERT_TRUE(only_b.ok());
  ASSERT_EQ(only_b->versions.size(), 1u);
  auto unknown = ListDatasets({.store = Where(), .name = "nope"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogTest, ShowGivesTheSchemaAndTheProducingRunWithInputRefs) {
  const std::string in = WriteFile("in.csv", "a,b\n1,x\n3,y\n");
  const std::string out = (dir_ / "out.csv").string();
  auto run = ExecRun({.store = Where(),
                      .job = "prep",
                      .kind = "preprocessing",
                      .inputs = {{.path = in, .name = "raw", .role = "train"}},
                      .outputs = {{.path = out, .name = "features"}},
                      .command = {"sh", "-c", "cp '" + in + "' '" + out + "'"}});
  ASSERT_TRUE(run.ok()) << run.status().ToString();

  auto shown = ShowDataset({.store = Where(), .reference = "features@latest"});
  ASSERT_TRUE(shown.ok()) << shown.status().ToString();
  EXPECT_EQ(shown->version.Ref(), "features@1");
  ASSERT_TRUE(shown->schema.has_value());
  ASSERT_EQ(shown->schema->size(), 2u);
  EXPECT_EQ((*shown->schema)[0].name, "a");
  EXPECT_EQ((*shown->schema)[1].name, "b");
  EXPECT_EQ((*shown->schema)[0].type, "int64");
  EXPECT_EQ((*shown->schema)[1].type, "categorical");
  ASSERT_EQ(shown->producers.size(), 1u);
  EXPECT_EQ(shown->producers[0].run.job_name, "prep");
  ASSERT_EQ(shown->producers[0].inputs.size(), 1u);
  EXPECT_EQ(shown->producers[0].inputs[0].ref, "raw@1");
  EXPECT_EQ(shown->producers[0].inputs[0].role, "train");

  auto source = ShowDataset({.store = Where(), .reference = "raw@1"});
  ASSERT_TRUE(source.ok());
  EXPECT_TRUE(source->producers.empty());

  EXPECT_EQ(ShowDataset({.store = Where(), .reference = ""}).status().code(),
            StatusCode::kInvalidArgument);
  auto unknown = ShowDataset({.store = Where(), .reference = "raw@7"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
}

TEST_F(CatalogTest, VerifyTellsOkChangedMissingAndSuperseded) {
  const std::string kept = WriteFile("kept.csv", "x\n1\n");
  const std::string edited = WriteFile("edited.csv", "x\n1\n");
  const std::string gone = WriteFile("gone.csv", "x\n1\n");
  const std::string moved_on = WriteFile("moved.csv", "x\n1\n");
  Register(kept, "kept");
  Register(edited, "edited");
  Register(gone, "gone");
  Register(moved_on, "moved");
  std::ofstream(edited, std::ios::app) << "2\n";
  std::filesystem::remove(gone);
  std::ofstream(moved_on, std::ios::app) << "3\n";
  Register(moved_on, "moved");  // moved@2 holds the new bytes: @1 is superseded

  std::vector<std::string> progress;
  auto all = VerifyDatasets(
      {.store = Where(), .progress = [&](std::string_view s) { progress.emplace_back(s); }});
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_FALSE(all->ok);
  std::map<std::string, FileVerdict> verdicts;
  for (const VersionVerification& r : all->results) verdicts[r.version.Ref()] = r.verdict;
  EXPECT_EQ(verdicts["kept@1"], FileVerdict::kOk);
  EXPECT_EQ(verdicts["edited@1"], FileVerdict::kChanged);
  EXPECT_EQ(verdicts["gone@1"], FileVerdict::kMissing);
  EXPECT_EQ(verdicts["moved@1"], FileVerdict::kSuperseded);
  EXPECT_EQ(verdicts["moved@2"], FileVerdict::kOk);
  ASSERT_EQ(all->findings.size(), 2u);
  EXPECT_EQ(all->findings[0].code, "dataset.file_changed");
  EXPECT_EQ(all->findings[0].subject, "edited@1");
  EXPECT_EQ(all->findings[1].code, "dataset.file_missing");
  EXPECT_EQ(progress.size(), 3u);  // kept, edited, moved: each file hashed once

  auto only_kept = VerifyDatasets({.store = Where(), .references = {"kept@1", "moved@2"}});
  ASSERT_TRUE(only_kept.ok());
  EXPECT_TRUE(only_kept->ok);
  EXPECT_EQ(only_kept->results.size(), 2u);
  EXPECT_STREQ(FileVerdictName(FileVerdict::kSuperseded), "superseded");
}

TEST_F(CatalogTest, RegisterModelLinksDataAndIsIdempotentPerArtifact) {
  Register(WriteFile("train.csv", "x\n1\n"), "train");
  Register(WriteFile("test.csv", "x\n2\n"), "test");
  const std::string artifact = WriteFile("model.bin", "weights");
  RegisterModelOptions options{.store = Where(),
                               .name = "m",
                               .version = "1.0",
                               .artifact = artifact,
                               .training_data = {"train@1"},
                               .test_data = {"test@1"},
                               .parameters = {{"depth", "3"}, {"eta", "0.1,0.2"}}};
  auto first = usecases::RegisterModel(options);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_TRUE(first->created);
  EXPECT_EQ(first->version.Ref(), "m@1.0");
  ASSERT_EQ(first->data.size(), 2u);
  std::set<std::string> roles;
  for (const store::ModelData& d : first->data) roles.insert(d.role);
  EXPECT_EQ(roles, (std::set<std::string>{"train", "test"}));
  ASSERT_TRUE(first->version.parameters_json.has_value());
  EXPECT_EQ(*first->version.parameters_json, R"({"depth":"3","eta":"0.1,0.2"})");
  EXPECT_TRUE(first->findings.empty());

  auto again = usecases::RegisterModel(options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_FALSE(again->created);
  ASSERT_EQ(again->findings.size(), 1u);
  EXPECT_EQ(again->findings[0].code, "model.unchanged");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM model_versions"), 1);

  std::ofstream(artifact, std::ios::app) << "more";
  auto other_bytes = usecases::RegisterModel(options);
  EXPECT_EQ(other_bytes.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(CatalogTest, RegisterModelErrorsNameTheFlag) {
  const std::string artifact = WriteFile("model.bin", "weights");
  auto no_data = usecases::RegisterModel(
      {.store = Where(), .name = "m", .version = "1", .artifact = artifact});
  EXPECT_EQ(no_data.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(no_data.status().message(), HasSubstr("--trained-by RUN or --training-data"));
  auto no_version = usecases::RegisterModel({.store = Where(), .name = "m", .artifact = artifact});
  EXPECT_THAT(no_version.status().message(), HasSubstr("--version"));
  auto unknown_run = usecases::RegisterModel({.store = Where(),
                                              .name = "m",
                                              .version = "1",
                                              .artifact = artifact,
                                              .trained_by = "0000dead"});
  EXPECT_EQ(unknown_run.status().code(), StatusCode::kNotFound);
  auto unknown_data = usecases::RegisterModel({.store = Where(),
                                               .name = "m",
                                               .version = "1",
                                               .artifact = artifact,
                                               .training_data = {"nope@1"}});
  EXPECT_EQ(unknown_data.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM model_versions"), 0);
}

}  // namespace
}  // namespace airm::usecases
