// `airm init` and `airm dataset ...` end to end, plus the store-level errors
// every command shares: missing workspace, corrupt or newer store, unknown
// names, ambiguous digest prefixes.
#include <algorithm>
#include <set>

#include "airm/sha256.h"
#include "cli_store_harness.h"

namespace airm::cli_store_test {
namespace {

class WorkspaceDatasetTest : public StoreCliTest {};

TEST_F(WorkspaceDatasetTest, InitCreatesWorkspaceAndIsIdempotent) {
  RunResult first = Run("init --json -");
  ASSERT_EQ(first.exit_code, 0) << first.err;
  json doc = first.Json();
  EXPECT_EQ(doc["kind"], "workspace");
  EXPECT_TRUE(doc["created"].get<bool>());
  EXPECT_EQ(doc["store_schema_version"], KnownSchemaVersion());
  EXPECT_TRUE(fs::exists(DbPath()));
  std::string yaml = Slurp(Workspace() + "/airm.yaml");
  EXPECT_NE(yaml.find("store: .airm/airm.db"), std::string::npos) << yaml;
  EXPECT_NE(yaml.find("schema_version: " + std::to_string(KnownSchemaVersion())), std::string::npos)
      << yaml;
  RunResult again = Run("init");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already an airm workspace"), std::string::npos) << again.out;
}

TEST_F(WorkspaceDatasetTest, MissingWorkspaceExitsTwoAndSaysWhereItLooked) {
  RunResult r = Run("dataset list", Path(""));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("no airm workspace found in"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("run `airm init` or pass --store"), std::string::npos) << r.err;
  RunResult flag = Run("dataset list --store " + Path("nowhere"), Path(""));
  EXPECT_EQ(flag.exit_code, 2);
  EXPECT_NE(flag.err.find("nowhere"), std::string::npos) << flag.err;
}

TEST_F(WorkspaceDatasetTest, StoreFlagAndSubdirectoriesFindTheWorkspace) {
  Init();
  fs::create_directories(Workspace() + "/deep/er");
  EXPECT_EQ(Run("dataset list", Workspace() + "/deep/er").exit_code, 0);
  EXPECT_EQ(Run("dataset list --store " + Workspace(), Path("")).exit_code, 0);
  EXPECT_EQ(Run("dataset list --store " + DbPath(), Path("")).exit_code, 0);
}

TEST_F(WorkspaceDatasetTest, RegisterIsIdempotentAndProfilesTables) {
  Init();
  RunResult r = Run("dataset register " + Example("reference.csv") +
                    " --name credit --source s3://bucket/ref.csv --tag team=risk --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_TRUE(doc["created"].get<bool>());
  const json& v = doc["dataset_version"];
  EXPECT_EQ(v["ref"], "credit@1");
  EXPECT_EQ(v["rows"], 3386);
  EXPECT_EQ(v["digest"], "sha256:" + Sha256Hex(Slurp(Example("reference.csv"))));
  EXPECT_EQ(v["tags"]["team"], "risk");
  EXPECT_EQ(v["schema"].size(), 16u);
  EXPECT_EQ(QueryInt("SELECT json_extract(profile_json, '$.num_rows') FROM dataset_versions"),
            3386);

  RunResult again = Run("dataset register " + Example("reference.csv") + " --name credit");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.out.find("already registered as credit@1"), std::string::npos) << again.out;
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 1);

  RunResult second = Run("dataset register " + Example("current.csv") + " --name credit --json -");
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(second.Json()["dataset_version"]["ref"], "credit@2");
}

// A Parquet file is a table like its CSV: same rows, same schema (issue 15).
TEST_F(WorkspaceDatasetTest, ParquetFileIsRegisteredAsATable) {
  Init();
  const std::string data = std::string(AIRM_SOURCE_DIR) + "/tests/data/parquet/";
  RunResult csv = Run("dataset register " + data + "mixed.csv --name mixed-csv --json -");
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  RunResult parquet =
      Run("dataset register " + data + "mixed_snappy_v1.parquet --name mixed-parquet --json -");
  ASSERT_EQ(parquet.exit_code, 0) << parquet.err;
  const json csv_doc = csv.Json(), parquet_doc = parquet.Json();
  const json& from_csv = csv_doc["dataset_version"];
  const json& from_parquet = parquet_doc["dataset_version"];
  ASSERT_TRUE(from_parquet["rows"].is_number()) << parquet.out;
  EXPECT_EQ(from_parquet["rows"], from_csv["rows"]);
  EXPECT_EQ(from_parquet["schema"].size(), from_csv["schema"].size());
}

TEST_F(WorkspaceDatasetTest, NonTabularFileIsRegisteredWithoutRows) {
  Init();
  RunResult r = Run("dataset register " + Example("model.json") + " --name model-file");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("not a table"), std::string::npos) << r.out;
  EXPECT_EQ(QueryText("SELECT COALESCE(row_count, 'null') FROM dataset_versions"), "null");
}

TEST_F(WorkspaceDatasetTest, ListShowAndUnknownNames) {
  Init();
  ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name credit").exit_code, 0);
  RunResult list = Run("dataset list --json -");
  ASSERT_EQ(list.exit_code, 0);
  EXPECT_EQ(list.Json()["versions"].size(), 1u);
  RunResult show = Run("dataset show credit@1 --json -");
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_EQ(show.Json()["dataset_version"]["profile"]["kind"], "profile");
  EXPECT_TRUE(show.Json()["producing_runs"].empty());
  RunResult text = Run("dataset show credit");
  EXPECT_NE(text.out.find("no recorded run (a source)"), std::string::npos) << text.out;

  RunResult bad_version = Run("dataset show credit@9");
  EXPECT_EQ(bad_version.exit_code, 2);
  EXPECT_NE(bad_version.err.find("dataset 'credit' has version 1"), std::string::npos)
      << bad_version.err;
  RunResult bad_name = Run("dataset show credt");
  EXPECT_EQ(bad_name.exit_code, 2);
  EXPECT_NE(bad_name.err.find("no dataset named 'credt' (datasets: credit)"), std::string::npos)
      << bad_name.err;
}

TEST_F(WorkspaceDatasetTest, AmbiguousDigestPrefixListsCandidates) {
  Init();
  // Two contents whose SHA-256 share the first 4 hex digits (a birthday
  // search over 16 bits: a few hundred candidates).
  std::map<std::string, std::string> by_prefix;
  std::string a, b;
  for (int i = 0; a.empty(); ++i) {
    std::string content = "x\n" + std::to_string(i) + "\n";
    std::string prefix = Sha256Hex(content).substr(0, 4);
    auto [it, fresh] = by_prefix.emplace(prefix, content);
    if (!fresh) {
      a = it->second;
      b = content;
    }
  }
  ASSERT_EQ(Run("dataset register " + Write("a.csv", a) + " --name d").exit_code, 0);
  ASSERT_EQ(Run("dataset register " + Write("b.csv", b) + " --name d").exit_code, 0);
  const std::string prefix = Sha256Hex(a).substr(0, 4);
  RunResult r = Run("dataset show d@" + prefix);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ambiguous"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("d@1"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("d@2"), std::string::npos) << r.err;
  EXPECT_EQ(Run("dataset show d@" + Sha256Hex(b).substr(0, 12)).exit_code, 0);
}

TEST_F(WorkspaceDatasetTest, VerifyReportsChangedAndMissingFiles) {
  Init();
  std::string file = Write("data.csv", "a,b\n1,2\n3,4\n");
  std::string gone = Write("gone.csv", "a\n1\n");
  ASSERT_EQ(Run("dataset register " + file + " --name data").exit_code, 0);
  ASSERT_EQ(Run("dataset register " + gone + " --name gone").exit_code, 0);
  RunResult ok = Run("dataset verify");
  EXPECT_EQ(ok.exit_code, 0) << ok.out << ok.err;
  Write("data.csv", "a,b\n1,2\n3,5\n");
  fs::remove(gone);
  RunResult bad = Run("dataset verify --json -");
  EXPECT_EQ(bad.exit_code, 1);
  json doc = bad.Json();
  EXPECT_FALSE(doc["ok"].get<bool>());
  std::set<std::string> statuses;
  for (const json& result : doc["results"]) statuses.insert(result["status"].get<std::string>());
  EXPECT_EQ(statuses, (std::set<std::string>{"changed", "missing"}));
  // Registering the new content makes the old version "superseded", not a failure.
  ASSERT_EQ(Run("dataset register " + file + " --name data").exit_code, 0);
  RunResult after = Run("dataset verify data@1 data@2");
  EXPECT_EQ(after.exit_code, 0) << after.out;
  EXPECT_NE(after.out.find("superseded"), std::string::npos) << after.out;
}

TEST_F(WorkspaceDatasetTest, DiffComparesSchemasAndProfiles) {
  Init();
  std::string a = Write("a.csv", "x,y,z\n1,u,1\n2,u,2\n3,v,3\n");
  std::string b = Write("b.csv", "x,y,w\n10,v,1\n20,v,2\n,v,3\n");
  ASSERT_EQ(Run("dataset register " + a + " --name t").exit_code, 0);
  ASSERT_EQ(Run("dataset register " + b + " --name t").exit_code, 0);
  RunResult r = Run("dataset diff t@1 t@2 --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["schema"]["added"][0]["name"], "w");
  EXPECT_EQ(doc["schema"]["removed"][0]["name"], "z");
  const json& x = doc["columns"][0];
  EXPECT_EQ(x["name"], "x");
  EXPECT_DOUBLE_EQ(x["a"]["mean"].get<double>(), 2.0);
  EXPECT_DOUBLE_EQ(x["b"]["mean"].get<double>(), 15.0);
  EXPECT_DOUBLE_EQ(x["b"]["missing_share"].get<double>(), 1.0 / 3.0);
  const json& y = doc["columns"][1];
  EXPECT_EQ(y["a"]["top_values"][0]["value"], "u");
  EXPECT_DOUBLE_EQ(y["a"]["top_values"][0]["share"].get<double>(), 2.0 / 3.0);
  EXPECT_EQ(y["b"]["top_values"][0]["value"], "v");
  EXPECT_EQ(Run("dataset diff t@1 t@2").exit_code, 0);
}

TEST_F(WorkspaceDatasetTest, CheckRecordsQualityRunsAndGates) {
  Init();
  ASSERT_EQ(Run("dataset register " + Example("reference.csv") + " --name credit").exit_code, 0);
  ASSERT_EQ(Run("dataset register " + Example("current.csv") + " --name credit").exit_code, 0);
  RunResult r = Run("dataset check credit@2 --schema " + Example("schema.yaml") + " --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = r.Json();
  EXPECT_EQ(doc["reference"]["ref"], "credit@1");
  // Every current applicant is older than the reference's oldest (README).
  EXPECT_EQ(doc["status"], "fail");
  EXPECT_EQ(
      QueryInt("SELECT COUNT(*) FROM quality_check_runs WHERE check_name ="
               " 'out_of_range_share' AND status = 'fail' AND reference_dataset_version_id = 1"),
      1);
  EXPECT_EQ(QueryInt("SELECT COUNT(DISTINCT check_name) = COUNT(*) FROM quality_check_runs"), 1);
  EXPECT_EQ(Run("dataset check credit@2 --fail-on fail").exit_code, 1);
  EXPECT_EQ(Run("dataset check credit@1 --fail-on fail").exit_code, 0);
  EXPECT_EQ(Run("dataset check credit@1 --fail-on nonsense.path").exit_code, 2);
}

TEST_F(WorkspaceDatasetTest, CorruptStoreExitsTwoWithThePath) {
  Init();
  {
    std::ofstream junk(DbPath(), std::ios::binary | std::ios::trunc);
    junk << std::string(4096, '\x7f') << "definitely not sqlite";
  }
  fs::remove(DbPath() + "-wal");
  fs::remove(DbPath() + "-shm");
  RunResult r = Run("dataset list");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(DbPath()), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("not an airm store"), std::string::npos) << r.err;
}

TEST_F(WorkspaceDatasetTest, NewerSchemaExitsTwoNamingBothVersions) {
  Init();
  Exec("INSERT INTO schema_migrations VALUES (999, 'from-the-future', '2030-01-01T00:00:00Z')");
  RunResult r = Run("dataset list");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("store schema version 999 is newer than this airm (knows up to " +
                       std::to_string(KnownSchemaVersion()) + ")"),
            std::string::npos)
      << r.err;
}

}  // namespace
}  // namespace airm::cli_store_test
