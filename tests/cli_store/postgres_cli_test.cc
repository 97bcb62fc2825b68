// The real `airm` binary on a PostgreSQL store: four `airm predictions log`
// processes writing at once lose and duplicate nothing, `airm store
// migrate` moves a workspace and reports exit 2 on a bad target, and the
// chaos and drift verdicts of a model version reach its card.
#include <gmock/gmock.h>

#include <nlohmann/json.hpp>

#include "airm/store/database.h"
#include "cli_store_harness.h"
#include "postgres_server.h"

namespace airm::cli_store_test {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class PostgresCliTest : public StoreCliTest {
 protected:
  void SetUp() override {
    StoreCliTest::SetUp();
    std::string why;
    airm::testing::PostgresServer* server = airm::testing::PostgresServer::Shared(&why);
    if (server == nullptr) GTEST_SKIP() << why;
    auto url = server->FreshSchemaUrl(airm::testing::SchemaNameForCurrentTest());
    ASSERT_TRUE(url.ok()) << url.status().ToString();
    url_ = *url;
  }
  int64_t PgInt(const std::string& sql) const {
    auto db = store::OpenPostgresStore(url_);
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return -1;
    auto rows = (*db)->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    return rows.ok() ? (*rows)[0].Int(0) : -1;
  }
  // Model m@1, trained on dataset train@1, in the PostgreSQL store.
  void RegisterModelM1() {
    Write("train.csv", "a,b\n1,x\n2,y\n");
    Write("model.bin", "weights");
    const std::string store = " --store " + Quote(url_);
    ASSERT_EQ(
        Run("dataset register " + Quote(Path("train.csv")) + " --name train" + store).exit_code, 0);
    ASSERT_EQ(Run("model register --name m --version 1 --artifact " + Quote(Path("model.bin")) +
                  " --training-data train@1" + store)
                  .exit_code,
              0);
  }
  std::string url_;
};

TEST_F(PostgresCliTest, FourPredictionsLogProcessesAtOnceLoseAndDuplicateNothing) {
  const std::string store = " --store " + Quote(url_);
  ASSERT_NO_FATAL_FAILURE(RegisterModelM1());
  constexpr int kProcesses = 4, kRows = 5000;
  std::string script = "cd " + Quote(dir_.string());
  for (int p = 0; p < kProcesses; ++p) {
    std::string csv = "id,x,score\n";
    for (int r = 0; r < kRows; ++r) {
      csv += "p" + std::to_string(p) + "-" + std::to_string(r) + "," + std::to_string(r) + "," +
             std::to_string(r % 7 / 7.0) + "\n";
    }
    const std::string file = Write("p" + std::to_string(p) + ".csv", csv);
    script += " & (" + std::string(AIRM_BINARY) + " predictions log " + Quote(file) +
              " --model m@1 --id-column id" + store + " > " +
              Quote(Path("log" + std::to_string(p))) + " 2>&1; echo $? > " +
              Quote(Path("rc" + std::to_string(p))) + ")";
  }
  script.replace(script.find(" & ("), 4, " && (");
  ASSERT_EQ(std::system(("bash -c " + Quote(script + " & wait")).c_str()), 0);
  for (int p = 0; p < kProcesses; ++p) {
    EXPECT_EQ(Slurp(Path("rc" + std::to_string(p))), "0\n")
        << Slurp(Path("log" + std::to_string(p)));
  }
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM predictions"), kProcesses * kRows);
  EXPECT_EQ(PgInt("SELECT COUNT(DISTINCT prediction_id) FROM predictions"), kProcesses * kRows);
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM prediction_batches"), kProcesses);
  EXPECT_EQ(PgInt("SELECT SUM(row_count) FROM prediction_batches"), kProcesses * kRows);
  // Each batch registered its file as the next version of one dataset.
  EXPECT_EQ(PgInt("SELECT COUNT(DISTINCT v.version) FROM dataset_versions v JOIN datasets d"
                  " ON d.id = v.dataset_id WHERE d.name = 'predictions/m'"),
            kProcesses);
}

// Issue 13: rows go in many to an INSERT; a duplicate id hundreds of rows
// apart still names both lines, exits 2 and leaves nothing behind.
TEST_F(PostgresCliTest, ADuplicateManyRowsApartNamesBothLinesAndWritesNothing) {
  const std::string store = " --store " + Quote(url_);
  ASSERT_NO_FATAL_FAILURE(RegisterModelM1());
  std::string csv = "id,x\n";
  for (int r = 0; r < 1200; ++r) csv += "r" + std::to_string(r == 1100 ? 7 : r) + ",1\n";
  RunResult logged =
      Run("predictions log " + Quote(Write("p.csv", csv)) + " --model m@1 --id-column id" + store);
  EXPECT_EQ(logged.exit_code, 2);
  EXPECT_THAT(logged.err,
              HasSubstr("p.csv:1102: column 'id': duplicate prediction id 'r7' (also on line 9)"));
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM predictions"), 0);
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM prediction_batches"), 0);
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM dataset_versions"), 1);  // train.csv
}

TEST_F(PostgresCliTest, StoreMigrateMovesAWorkspaceAndRefusesASecondCopy) {
  Init();
  ASSERT_EQ(Run("dataset register " + Quote(Example("reference.csv")) + " --name ref").exit_code,
            0);
  RunResult moved = Run("store migrate --from . --to " + Quote(url_));
  ASSERT_EQ(moved.exit_code, 0) << moved.err;
  EXPECT_THAT(moved.out, HasSubstr("row counts and content digests match in both stores"));
  EXPECT_THAT(moved.out, Not(HasSubstr(url_)));  // the password is never shown
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM dataset_versions"), 1);
  RunResult again = Run("store migrate --from . --to " + Quote(url_));
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_THAT(again.err, HasSubstr("the target store is not empty"));
  RunResult unreachable = Run("store migrate --from . --to postgresql://x@127.0.0.1:1/db");
  EXPECT_EQ(unreachable.exit_code, 2);
  EXPECT_THAT(unreachable.err, HasSubstr("cannot connect to the PostgreSQL store"));
}

// Issue 16 on PostgreSQL: chaos records its verdict for the version it
// names only once its report is written, and the card reads it beside drift's.
TEST_F(PostgresCliTest, ChaosAndDriftVerdictsReachTheCard) {
  RegisterModelM1();
  const std::string store = " --store " + Quote(url_);
  const std::string chaos = "chaos --model " + Quote("xgboost:" + Example("model.json")) +
                            " --model-version m@1 --data " + Quote(Example("current.csv")) +
                            " --target Status --suite determinism --bootstrap 0" + store;
  RunResult r = Run(chaos + " --html /dev/full");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_THAT(r.err, HasSubstr("/dev/full"));
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM model_version_results"), 0);
  r = Run(chaos + " --json " + Quote(Path("chaos.json")));
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(PgInt("SELECT COUNT(*) FROM model_version_results WHERE kind = 'chaos'"), 1);
  r = Run("drift --reference " + Quote(Example("reference.csv")) + " --current " +
          Quote(Example("current.csv")) + " --no-multivariate --model m@1" + store);
  ASSERT_EQ(r.exit_code, 0) << r.err;

  r = Run("model card m@1 --json -" + store);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const nlohmann::json card = nlohmann::json::parse(r.out);
  ASSERT_EQ(card["latest_results"].size(), 2u);
  EXPECT_EQ(card["latest_results"][0]["kind"], "drift");
  const nlohmann::json& result = card["latest_results"][1];
  EXPECT_EQ(result["kind"], "chaos");
  EXPECT_EQ(result["status"], "pass");  // determinism: the same answers twice
  EXPECT_THAT(result["summary"].get<std::string>(), HasSubstr("0 failed, 0 degraded"));
  ASSERT_EQ(result["reports"].size(), 1u);
  EXPECT_EQ(result["reports"][0], Path("chaos.json"));
}

}  // namespace
}  // namespace airm::cli_store_test
