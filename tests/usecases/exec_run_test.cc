// ExecRun on a real workspace: real child processes, inputs re-hashed after
// the command, one transaction per run.
#include "airm/usecases/exec_run.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class ExecRunTest : public WorkspaceTest {
 protected:
  ExecRunOptions Options(const std::string& script) {
    return {.store = Where(),
            .job = "prep",
            .kind = "preprocessing",
            .inputs = {{.path = in_, .name = "", .role = "train"}},
            .outputs = {{.path = out_, .name = "features"}},
            .command = {"sh", "-c", script}};
  }
  void SetUp() override {
    WorkspaceTest::SetUp();
    in_ = WriteFile("in.csv", "a,b\n1,2\n3,4\n");
    out_ = (dir_ / "out.csv").string();
  }
  std::string in_, out_;
};

TEST_F(ExecRunTest, RecordsACompletedRunWithItsFilesAndColumnLineage) {
  ExecRunOptions options = Options("cp '" + in_ + "' '" + out_ + "'");
  options.parameters = {{"depth", "3"}};
  options.derivations = {*ParseColumnDerivation("a=a"), *ParseColumnDerivation("b=a,b:sum")};
  auto run = ExecRun(options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->outcome, RunOutcome::kCompleted);
  EXPECT_EQ(run->exit_code, 0);
  EXPECT_EQ(run->run.status, "completed");
  ASSERT_EQ(run->inputs.size(), 1u);
  EXPECT_EQ(run->inputs[0].role, "train");
  EXPECT_EQ(run->inputs[0].version.Ref(), "in.csv@1");
  ASSERT_EQ(run->outputs.size(), 1u);
  EXPECT_EQ(run->outputs[0].version.Ref(), "features@1");
  EXPECT_EQ(run->outputs[0].version.digest, run->inputs[0].version.digest);  // a copy
  EXPECT_TRUE(run->findings.empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM runs WHERE status = 'completed'"), 1);
  // a <- a (DIRECT), b <- a and b (INDIRECT with a description).
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM column_lineage"), 3);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM column_lineage WHERE output_column = 'b' AND "
                     "transformation = 'INDIRECT' AND description = 'sum'"),
            2);
}

TEST_F(ExecRunTest, AFailingCommandIsRecordedAsFailedWithoutOutputs) {
  auto run = ExecRun(Options("echo partial > '" + out_ + "'; exit 3"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->outcome, RunOutcome::kCommandFailed);
  EXPECT_EQ(run->exit_code, 3);
  EXPECT_EQ(run->run.status, "failed");
  EXPECT_TRUE(run->outputs.empty());
  ASSERT_EQ(run->findings.size(), 1u);
  EXPECT_EQ(run->findings[0].code, "run.command_failed");
  EXPECT_THAT(run->findings[0].message, HasSubstr("exited with status 3"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 1);  // the input only
}

TEST_F(ExecRunTest, AnInputChangedWhileTheCommandRanFailsTheRun) {
  auto run = ExecRun(Options("echo 5,6 >> '" + in_ + "'; cp '" + in_ + "' '" + out_ + "'"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->outcome, RunOutcome::kInputChanged);
  ASSERT_TRUE(run->run.error.has_value());
  EXPECT_THAT(*run->run.error, HasSubstr("a file changed between hash and use"));
  EXPECT_TRUE(run->outputs.empty());
}

TEST_F(ExecRunTest, AMissingOutputAndAnUnknownDerivedColumnFailTheRun) {
  auto missing = ExecRun(Options("true"));
  ASSERT_TRUE(missing.ok()) << missing.status().ToString();
  EXPECT_EQ(missing->outcome, RunOutcome::kOutputMissing);
  EXPECT_THAT(*missing->run.error, HasSubstr("was not produced"));

  ExecRunOptions options = Options("cp '" + in_ + "' '" + out_ + "'");
  options.derivations = {*ParseColumnDerivation("a=nope")};
  auto lineage = ExecRun(options);
  ASSERT_TRUE(lineage.ok()) << lineage.status().ToString();
  EXPECT_EQ(lineage->outcome, RunOutcome::kBadLineage);
  EXPECT_THAT(*lineage->run.error, HasSubstr("no input column 'nope'"));
}

TEST_F(ExecRunTest, ACommandThatCannotStartIsRecordedAsNotStarted) {
  ExecRunOptions options = Options("");
  options.command = {(dir_ / "no-such-program").string()};
  options.outputs.clear();
  auto run = ExecRun(options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->outcome, RunOutcome::kNotStarted);
  EXPECT_EQ(run->exit_code, 127);
  EXPECT_THAT(*run->run.error, HasSubstr("cannot start"));
}

TEST_F(ExecRunTest, InvalidOptionsWriteNothing) {
  ExecRunOptions no_command = Options("");
  no_command.command.clear();
  EXPECT_THAT(ExecRun(no_command).status().message(), HasSubstr("give the command"));
  ExecRunOptions bad_kind = Options("true");
  bad_kind.kind = "cooking";
  EXPECT_THAT(ExecRun(bad_kind).status().message(), HasSubstr("--kind 'cooking'"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM runs"), 0);
}

TEST(RunTextForms, ParseFileSpecsAndDerivations) {
  auto in = ParseRunInput("data/x.csv=credit:reference");
  ASSERT_TRUE(in.ok());
  EXPECT_EQ(in->path, "data/x.csv");
  EXPECT_EQ(in->name, "credit");
  EXPECT_EQ(in->role, "reference");
  auto bad_role = ParseRunInput("x.csv:cooking");
  EXPECT_THAT(bad_role.status().message(),
              HasSubstr("--input x.csv:cooking: role 'cooking' is not one of"));
  auto out = ParseRunOutput("s3:/x.csv");  // outputs have no role
  ASSERT_TRUE(out.ok());
  EXPECT_EQ(out->path, "s3:/x.csv");
  auto d = ParseColumnDerivation("ratio=debt,income:INDIRECT:debt / income");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->input_columns, (std::vector<std::string>{"debt", "income"}));
  EXPECT_EQ(d->transformation, "INDIRECT");
  EXPECT_EQ(d->description, "debt / income");
  EXPECT_THAT(ParseColumnDerivation("ratio").status().message(), HasSubstr("--derive ratio"));
}

}  // namespace
}  // namespace airm::usecases
