// `airm predictions log` end to end: ids, times, the canonical input digest,
// duplicates and malformed values (nothing written on any error).
#include "airm/sha256.h"
#include "cli_store_harness.h"

namespace airm::cli_store_test {
namespace {

class PredictionsTest : public StoreCliTest {
 protected:
  void SetUp() override {
    StoreCliTest::SetUp();
    Init();
    ASSERT_EQ(Run("model register --name credit --version 1 --artifact " + Example("model.json") +
                  " --training-data ref")
                  .exit_code,
              2);  // no dataset 'ref' yet: refused
    ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name ref").exit_code, 0);
    ASSERT_EQ(Run("model register --name credit --version 1 --artifact " + Example("model.json") +
                  " --training-data ref")
                  .exit_code,
              0);
  }
};

TEST_F(PredictionsTest, LogsTheExampleWithGeneratedIds) {
  RunResult r = Run("predictions log " + Example("current.csv") + " --model credit@1 --schema " +
                    Example("schema.yaml") + " --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["rows"], 1068);
  EXPECT_EQ(doc["output_column"], "prediction");
  EXPECT_EQ(doc["dataset_version"]["ref"], "predictions/credit@1");
  // Target, prediction and score are not model inputs.
  EXPECT_EQ(doc["feature_columns"].size(), 13u);
  const std::string prefix = Sha256Hex(Slurp(Example("current.csv"))).substr(0, 12);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 1068);
  EXPECT_EQ(QueryText("SELECT output FROM predictions WHERE prediction_id = '" + prefix + ":1'"),
            "good");
  // Logging the same file again collides on every id: refused, nothing added.
  RunResult again = Run("predictions log " + Example("current.csv") + " --model credit@1");
  EXPECT_EQ(again.exit_code, 2);
  EXPECT_NE(
      again.err.find("current.csv:2: prediction id '" + prefix + ":1' is already in the store"),
      std::string::npos)
      << again.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 1068);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches"), 1);
}

TEST_F(PredictionsTest, InputDigestIsTheDocumentedCanonicalEncoding) {
  // Columns in any order, numbers in any spelling: the digest covers values.
  std::string a = Write("a.csv", "id,at,b,a,prediction\np1,2026-03-01T10:00:00+02:00,1.50,x,yes\n");
  std::string b = Write("b.csv", "a,prediction,b,id,at\nx,no,1.5,p2,2026-03-01T08:00:00Z\n");
  ASSERT_EQ(
      Run("predictions log " + a + " --model credit --id-column id --time-column at").exit_code, 0);
  ASSERT_EQ(
      Run("predictions log " + b + " --model credit --id-column id --time-column at").exit_code, 0);
  const std::string expected = "sha256:" + Sha256Hex(std::string("a=x\x1f"
                                                                 "b=1.5\x1f"));
  // The same bytes digested by Python's hashlib, an independent SHA-256.
  const std::string script = Write(
      "digest.py", "import hashlib\nprint(hashlib.sha256(b'a=x\\x1fb=1.5\\x1f').hexdigest())\n");
  ASSERT_EQ(std::system(("/usr/bin/python3 " + script + " > " + Path("py.txt")).c_str()), 0);
  EXPECT_EQ("sha256:" + Slurp(Path("py.txt")).substr(0, 64), expected);
  EXPECT_EQ(QueryText("SELECT input_digest FROM predictions WHERE prediction_id = 'p1'"), expected);
  EXPECT_EQ(QueryText("SELECT input_digest FROM predictions WHERE prediction_id = 'p2'"), expected);
  EXPECT_EQ(QueryText("SELECT predicted_at FROM predictions WHERE prediction_id = 'p1'"),
            "2026-03-01T08:00:00Z");
  EXPECT_EQ(QueryText("SELECT output FROM predictions WHERE prediction_id = 'p2'"), "no");
}

TEST_F(PredictionsTest, MalformedTimeNamesFileLineAndColumn) {
  std::string f = Write("p.csv", "id,at,x\n1,2026-01-01T00:00:00Z,1\n2,next tuesday,2\n");
  RunResult r = Run("predictions log " + f + " --model credit --id-column id --time-column at");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.csv:3: column 'at': 'next tuesday' is not an ISO 8601 date-time"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM datasets WHERE name LIKE 'predictions/%'"), 0);
}

TEST_F(PredictionsTest, DuplicateIdInTheFileNamesBothLines) {
  std::string f = Write("p.csv", "id,x\na,1\nb,2\na,3\n");
  RunResult r = Run("predictions log " + f + " --model credit --id-column id");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("p.csv:4: column 'id': duplicate prediction id 'a' (also on line 2)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 0);
}

TEST_F(PredictionsTest, DeploymentEnvironmentSuppliesTheModel) {
  ASSERT_EQ(Run("deploy credit@1 --env prod --at 2026-01-01T00:00:00Z").exit_code, 0);
  std::string f = Write("p.csv", "id,at,x\nq1,2026-02-01T00:00:00Z,1\n");
  RunResult r = Run("predictions log " + f +
                    " --deployment-env prod --id-column id --time-column at --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.Json()["model_version"], "credit@1");
  EXPECT_EQ(QueryInt("SELECT deployment_id IS NOT NULL FROM prediction_batches"), 1);
  std::string early = Write("e.csv", "id,at,x\nq2,2025-02-01T00:00:00Z,1\n");
  RunResult none =
      Run("predictions log " + early + " --deployment-env prod --id-column id --time-column at");
  EXPECT_EQ(none.exit_code, 2);
  EXPECT_NE(none.err.find("no deployment in environment 'prod' at 2025-02-01T00:00:00Z"),
            std::string::npos)
      << none.err;
  EXPECT_EQ(Run("predictions log " + f + " --model nope --id-column id").exit_code, 2);
}

}  // namespace
}  // namespace airm::cli_store_test
