// `airm run exec`, `airm model register` and `airm deploy` end to end.
#include "cli_store_harness.h"

namespace airm::cli_store_test {
namespace {

class RunModelTest : public StoreCliTest {
 protected:
  void SetUp() override {
    StoreCliTest::SetUp();
    Init();
    raw_ = Write("raw.csv", "id,debt,income\n1,10,100\n2,30,60\n3,5,50\n");
  }
  std::string raw_;
};

TEST_F(RunModelTest, SuccessfulRunRegistersInputsOutputsAndColumnLineage) {
  const std::string out = Path("features.csv");
  RunResult r =
      Run("run exec --job prep --kind preprocessing --input " + raw_ + "=raw:train" + " --output " +
          out + " --param scale=2" +
          " --derive 'ratio=debt,income:debt / income' --derive id=id --json - -- sh -c " +
          Quote("echo id,ratio > " + out + "; echo 1,0.1 >> " + out));
  ASSERT_EQ(r.exit_code, 0) << r.err << r.out;
  json doc = r.Json();
  EXPECT_EQ(doc["run"]["status"], "completed");
  EXPECT_EQ(doc["run"]["exit_code"], 0);
  EXPECT_EQ(doc["run"]["parameters"]["scale"], "2");
  EXPECT_EQ(doc["run"]["job"]["kind"], "preprocessing");
  EXPECT_EQ(doc["inputs"][0]["ref"], "raw@1");
  EXPECT_EQ(doc["inputs"][0]["role"], "train");
  EXPECT_EQ(doc["outputs"][0]["ref"], "features.csv@1");
  EXPECT_FALSE(doc["run"]["environment"].contains("PATH"));  // no environment variables
  EXPECT_EQ(doc["run"]["environment"]["airm_version"], "0.1.0");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM column_lineage WHERE output_column = 'ratio'"
                     " AND transformation = 'INDIRECT' AND description = 'debt / income'"),
            2);
  EXPECT_EQ(QueryText("SELECT transformation FROM column_lineage WHERE output_column = 'id'"),
            "DIRECT");
  RunResult show = Run("dataset show features.csv --json -");
  ASSERT_EQ(show.exit_code, 0);
  EXPECT_EQ(show.Json()["producing_runs"][0]["inputs"][0]["ref"], "raw@1");
}

TEST_F(RunModelTest, FailingCommandIsRecordedFailedWithNoOutputs) {
  const std::string out = Path("half.csv");
  RunResult r = Run("run exec --job prep --input " + raw_ + " --output " + out + " -- sh -c " +
                    Quote("echo a > " + out + "; exit 3"));
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(QueryText("SELECT status || ':' || exit_code FROM runs"), "failed:3");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM run_outputs"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM datasets WHERE name = 'half.csv'"), 0);
  // The input is still recorded: the failed run used it.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM run_inputs"), 1);
}

TEST_F(RunModelTest, InputChangedByTheCommandFailsTheRun) {
  RunResult r = Run("run exec --job prep --input " + raw_ + " --output " + Path("o.csv") +
                    " -- sh -c " + Quote("echo 4,1,1 >> " + raw_ + "; echo x > " + Path("o.csv")));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("input changed while the command ran"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("a file changed between hash and use"), std::string::npos) << r.err;
  EXPECT_EQ(QueryText("SELECT status FROM runs"), "failed");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM run_outputs"), 0);
}

TEST_F(RunModelTest, MissingOutputAndUnstartableCommand) {
  RunResult missing = Run("run exec --job j --output " + Path("never.csv") + " -- true");
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("never.csv was not produced"), std::string::npos) << missing.err;
  RunResult absent = Run("run exec --job j -- /no/such/program");
  EXPECT_EQ(absent.exit_code, 2);
  EXPECT_NE(absent.err.find("cannot start"), std::string::npos) << absent.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM runs WHERE status = 'failed'"), 2);
  EXPECT_EQ(Run("run exec --job j --input " + raw_ + ":bogus -- true").exit_code, 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM runs"), 2);  // usage errors record nothing
}

TEST_F(RunModelTest, ModelFromTrainingRunMetricsCardAndDeploy) {
  RunResult train =
      Run("run exec --job train --kind training --input " + raw_ + "=raw:train" + " --output " +
          Path("model.bin") + " --json - -- sh -c " + Quote("echo weights > " + Path("model.bin")));
  ASSERT_EQ(train.exit_code, 0) << train.err;
  const std::string run_id = train.Json()["run"]["run_id"];
  std::string card = Write("card.yaml", "overview: test model\nlimitations: [small]\n");
  std::string metrics = Write("m.json", R"({"accuracy": 0.75, "auc": null})");
  RunResult reg = Run("model register --name credit --version 1.0 --artifact " + Path("model.bin") +
                      " --trained-by " + run_id.substr(0, 8) + " --card " + card + " --metrics " +
                      metrics + " --json -");
  ASSERT_EQ(reg.exit_code, 0) << reg.err;
  EXPECT_EQ(reg.Json()["model_version"]["card"]["considerations"]["limitations"][0]["description"],
            "small");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM model_version_data WHERE role = 'train'"), 1);
  EXPECT_EQ(QueryInt("SELECT training_run_id IS NOT NULL FROM model_versions"), 1);
  EXPECT_EQ(QueryText("SELECT COALESCE(value, 'null') FROM model_metrics WHERE name = 'auc'"),
            "null");
  EXPECT_EQ(Run("model register --name credit --version 1.0 --artifact " + Path("model.bin") +
                " --training-data raw@1")
                .exit_code,
            0);
  std::string other = Write("other.bin", "different");
  RunResult conflict = Run("model register --name credit --version 1.0 --artifact " + other +
                           " --training-data raw@1");
  EXPECT_EQ(conflict.exit_code, 2);
  EXPECT_NE(conflict.err.find("already registered with artifact"), std::string::npos)
      << conflict.err;
  EXPECT_EQ(Run("model register --name credit --version 2.0 --artifact " + other).exit_code, 2);

  EXPECT_EQ(Run("deploy credit@1.0 --env prod --at 2026-01-01T00:00:00Z").exit_code, 0);
  ASSERT_EQ(
      Run("model register --name credit --version 2.0 --artifact " + other + " --training-data raw")
          .exit_code,
      0);
  RunResult d2 = Run("deploy credit@latest --env prod --at 2026-02-01T00:00:00+01:00 --json -");
  ASSERT_EQ(d2.exit_code, 0) << d2.err;
  EXPECT_EQ(d2.Json()["closed"]["model_version"], "credit@1.0");
  EXPECT_EQ(d2.Json()["closed"]["valid_to"], "2026-01-31T23:00:00Z");
  EXPECT_EQ(Run("deploy credit@1.0 --env prod --at yesterday").exit_code, 2);
  EXPECT_EQ(Run("deploy credit@9.9 --env prod").exit_code, 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM deployments WHERE valid_to IS NULL"), 1);
}

}  // namespace
}  // namespace airm::cli_store_test
