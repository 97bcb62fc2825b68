// Issue 15 section 2: every command that reads CSV reads Parquet, detected
// by its magic bytes; the numbers equal those of the CSV of the same rows
// (tests/data/parquet, written by DuckDB), and a corrupt file is exit 2 with
// a message naming it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.h"

namespace airm::testing {
namespace {

using Json = nlohmann::json;

class ParquetInputTest : public CliTest {
 protected:
  static std::string Data(const std::string& name) {
    return std::string(AIRM_SOURCE_DIR) + "/tests/data/parquet/" + name;
  }
  // The JSON a command wrote, without what names its inputs and its run.
  Json Result(const std::string& args) const {
    RunResult r = Run(args + " --json " + Path("out.json"));
    EXPECT_EQ(r.exit_code, 0) << args << "\n" << r.err;
    Json j = Json::parse(Slurp(Path("out.json")), nullptr, false);
    if (!j.is_object()) return Json();
    for (const char* key : {"inputs", "command", "generated_at", "input"}) j.erase(key);
    return j;
  }
};

TEST_F(ParquetInputTest, ProfileEqualsTheCsvsForEveryCodec) {
  const Json csv = Result("profile " + Data("mixed.csv"));
  ASSERT_TRUE(csv.contains("columns"));
  for (const char* file :
       {"mixed_uncompressed_v1.parquet", "mixed_snappy_v1.parquet", "mixed_gzip_v1.parquet",
        "mixed_zstd_v1.parquet", "mixed_snappy_v2.parquet", "mixed_zstd_v2.parquet"}) {
    EXPECT_EQ(Result("profile " + Data(file))["columns"], csv["columns"]) << file;
    EXPECT_EQ(Result("profile --stream --chunk-rows 700 " + Data(file))["columns"],
              Result("profile --stream --chunk-rows 700 " + Data("mixed.csv"))["columns"])
        << file;
  }
}

TEST_F(ParquetInputTest, DriftAndEvaluateReadParquetLikeCsv) {
  const Json drift = Result("drift --reference " + Data("mixed.csv") + " --current " +
                            Data("mixed_zstd_v2.parquet"));
  EXPECT_EQ(drift,
            Result("drift --reference " + Data("mixed.csv") + " --current " + Data("mixed.csv")));
  const std::string eval = " --target f64 --prediction dec64 --task regression";
  EXPECT_EQ(Result("evaluate --data " + Data("mixed_gzip_v1.parquet") + eval),
            Result("evaluate --data " + Data("mixed.csv") + eval));
}

TEST_F(ParquetInputTest, TruncatedFileIsExitTwoNamingIt) {
  const std::string whole = Slurp(Data("mixed_snappy_v1.parquet"));
  const std::string path = Write("cut.parquet", whole.substr(0, whole.size() - 100));
  RunResult r = Run("profile " + path);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(path + ": starts with PAR1 but does not end with it"), std::string::npos)
      << r.err;
}

// --columns: the profile of the asked columns, in the asked order, equal to
// those columns of the full profile, for Parquet (which skips the others'
// pages) and CSV alike, whole and streamed.
TEST_F(ParquetInputTest, ProfileColumnsEqualsTheCsvsAndTheFullProfiles) {
  const std::string columns = " --columns text,id --columns dec64 ";
  for (const char* mode : {"", "--stream --chunk-rows 700 "}) {
    SCOPED_TRACE(mode);
    const Json full = Result(std::string("profile ") + mode + Data("mixed.csv"))["columns"];
    const Json csv =
        Result(std::string("profile ") + mode + columns + Data("mixed.csv"))["columns"];
    const Json parquet =
        Result(std::string("profile ") + mode + columns + Data("mixed_zstd_v2.parquet"))["columns"];
    ASSERT_TRUE(csv.is_array());
    ASSERT_EQ(csv.size(), 3u);
    EXPECT_EQ(parquet, csv);
    const std::vector<std::string> asked = {"text", "id", "dec64"};
    for (std::size_t i = 0; i < asked.size(); ++i) {
      EXPECT_EQ(csv[i]["name"], asked[i]);
      int found = 0;
      for (const Json& column : full) {
        if (column["name"] != asked[i]) continue;
        EXPECT_EQ(csv[i], column) << asked[i];
        ++found;
      }
      EXPECT_EQ(found, 1) << asked[i];
    }
  }
}

TEST_F(ParquetInputTest, ProfileUnknownColumnIsExitTwoNamingTheFileAndItsColumns) {
  for (const char* file : {"mixed_snappy_v1.parquet", "mixed.csv"}) {
    RunResult r = Run("profile --columns id,nope " + Data(file));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(Data(file) + ": no column 'nope'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the file's columns: id, small, tiny"), std::string::npos) << r.err;
  }
  RunResult twice = Run("profile --columns id,id " + Data("mixed.csv"));
  EXPECT_EQ(twice.exit_code, 2) << twice.err;
  EXPECT_NE(twice.err.find("--columns: 'id' is listed twice"), std::string::npos) << twice.err;
}

}  // namespace
}  // namespace airm::testing
