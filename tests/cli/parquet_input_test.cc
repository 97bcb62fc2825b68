// Issue 15 section 2: every command that reads CSV reads Parquet, detected
// by its magic bytes; the numbers equal those of the CSV of the same rows
// (tests/data/parquet, written by DuckDB), and a corrupt file is exit 2 with
// a message naming it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/cli_fixture.h"
#include "io/parquet_test_writer.h"

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
  // The first `rows` data rows of mixed.csv, as a CSV in the test's folder.
  std::string FirstRowsOfMixed(const std::string& csv, std::size_t rows) const {
    std::string out;
    std::size_t pos = 0;
    for (std::size_t line = 0; line <= rows && pos < csv.size(); ++line) {
      const std::size_t end = csv.find('\n', pos);
      out += csv.substr(pos, end - pos + 1);
      pos = end + 1;
    }
    return Write("first_rows.csv", out);
  }

  // A Parquet file whose column `bad` has a corrupt page (not SNAPPY data):
  // the whole-file read fails naming it.
  std::string WriteOneCorruptColumn(const std::string& name,
                                    const std::vector<std::string>& good) const {
    std::vector<io_test::TestColumn> columns;
    for (const std::string& g : good) columns.push_back(io_test::IntColumn(g));
    io_test::TestColumn bad = io_test::IntColumn("bad");
    bad.codec = 1;
    bad.pages[0].body = std::string("\x40\xff\xff\xff\xff\xff", 6);
    bad.pages[0].uncompressed_size = 64;
    columns.insert(columns.begin() + 1, bad);
    return Write(name, io_test::WriteParquet(columns, 3));
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

// The drift entry of column `name` (inputs or outputs), or null.
Json DriftColumn(const Json& report, const std::string& name) {
  for (const char* family : {"columns", "outputs"}) {
    if (!report.contains(family)) continue;
    for (const Json& c : report[family]) {
      if (c["name"] == name) return c;
    }
  }
  return Json();
}

// drift --columns reads only those columns (and the roles'), from either
// side: the report is the same for Parquet as for CSV, and each column's
// numbers equal those the full comparison gives it (only the adjusted
// p-values, corrected over fewer columns, and what follows from them may
// differ).
TEST_F(ParquetInputTest, DriftColumnsGiveTheCsvsResultAndTheFullRunsNumbers) {
  const std::string half = FirstRowsOfMixed(Slurp(Data("mixed.csv")), 1500);
  const std::string columns = " --columns f64,category --columns text,dec64 --segment flag";
  for (const char* parquet : {"mixed_zstd_v2.parquet", "mixed_snappy_v1.parquet"}) {
    SCOPED_TRACE(parquet);
    // Parquet current, then Parquet reference.
    const Json cur_parquet =
        Result("drift --reference " + half + " --current " + Data(parquet) + columns);
    const Json cur_csv =
        Result("drift --reference " + half + " --current " + Data("mixed.csv") + columns);
    EXPECT_EQ(cur_parquet, cur_csv);
    const Json ref_parquet =
        Result("drift --reference " + Data(parquet) + " --current " + half + columns);
    const Json ref_csv =
        Result("drift --reference " + Data("mixed.csv") + " --current " + half + columns);
    EXPECT_EQ(ref_parquet, ref_csv);
    const Json full =
        Result("drift --reference " + half + " --current " + Data(parquet) + " --segment flag");
    ASSERT_TRUE(cur_parquet.contains("columns"));
    EXPECT_EQ(cur_parquet["columns"].size(), 4u);
    for (const char* name : {"f64", "category", "text", "dec64"}) {
      Json narrowed = DriftColumn(cur_parquet, name);
      Json whole = DriftColumn(full, name);
      ASSERT_FALSE(narrowed.is_null()) << name;
      ASSERT_FALSE(whole.is_null()) << name;
      for (Json* c : {&narrowed, &whole}) {
        for (const char* adjusted : {"p_value_adjusted", "drifted", "threshold", "reason"}) {
          c->erase(adjusted);
        }
      }
      EXPECT_EQ(narrowed, whole) << name;
    }
  }
}

// Only the asked columns' chunks are read: a corrupt chunk in a column drift
// is not asked about goes unnoticed (whole and --sketch); asked for, or with
// no --columns, it is exit 2 naming the column.
TEST_F(ParquetInputTest, DriftNeverReadsTheChunksOfColumnsNotAskedFor) {
  const std::string file = WriteOneCorruptColumn("one_bad.parquet", {"x", "z"});
  const std::string both = "drift --reference " + file + " --current " + file;
  for (const char* mode : {"", " --sketch"}) {
    SCOPED_TRACE(mode);
    RunResult ok = Run(both + mode + " --columns z,x --json " + Path("drift.json"));
    EXPECT_EQ(ok.exit_code, 0) << ok.err;
    const Json report = Json::parse(Slurp(Path("drift.json")), nullptr, false);
    ASSERT_TRUE(report.contains("columns")) << report;
    ASSERT_EQ(report["columns"].size(), 2u);
    EXPECT_EQ(report["columns"][0]["name"], "z");
    EXPECT_EQ(report["columns"][1]["name"], "x");
    for (const std::string columns : {" --columns x,bad", ""}) {
      RunResult bad = Run(both + mode + columns);
      EXPECT_EQ(bad.exit_code, 2) << columns;
      EXPECT_NE(bad.err.find("('bad')"), std::string::npos) << columns << "\n" << bad.err;
    }
  }
}

// A column asked for that the current batch lacks is a finding, not a read
// error (for Parquet and CSV alike); one the reference lacks is a usage
// error naming the flag.
TEST_F(ParquetInputTest, DriftColumnsMissingFromCurrentAreAFindingFromReferenceAUsageError) {
  const std::string reference = WriteOneCorruptColumn("ref.parquet", {"x", "z"});
  const std::string parquet = Write(
      "cur.parquet", io_test::WriteParquet({io_test::IntColumn("x"), io_test::IntColumn("y")}, 3));
  const std::string csv = Write("cur.csv", "x,y\n1,1\n2,2\n3,3\n");
  for (const std::string& current : {parquet, csv}) {
    SCOPED_TRACE(current);
    RunResult r = Run("drift --reference " + reference + " --current " + current +
                      " --columns x,z --json " + Path("drift.json"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const Json report = Json::parse(Slurp(Path("drift.json")), nullptr, false);
    EXPECT_EQ(DriftColumn(report, "z")["status"], "missing_in_current") << report;
    // x is read and compared (three rows are too few for a verdict).
    EXPECT_EQ(DriftColumn(report, "x")["status"], "insufficient_data") << report;
    EXPECT_EQ(DriftColumn(report, "x")["current_count"], 3) << report;
    bool missing_check = false;
    for (const Json& q : report["quality"]) {
      if (q["check"] == "missing_column" && q["column"] == "z")
        missing_check = q["status"] == "fail";
    }
    EXPECT_TRUE(missing_check) << report["quality"];
    // Columns outside --columns are not looked at: y is no "new column".
    EXPECT_TRUE(DriftColumn(report, "y").is_null());

    RunResult usage =
        Run("drift --reference " + current + " --current " + reference + " --columns x,z");
    EXPECT_EQ(usage.exit_code, 2) << usage.err;
    EXPECT_NE(usage.err.find("--columns names column 'z', which the reference does not have"),
              std::string::npos)
        << usage.err;
  }
  RunResult twice = Run("drift --reference " + csv + " --current " + csv + " --columns x,x");
  EXPECT_EQ(twice.exit_code, 2);
  EXPECT_NE(twice.err.find("--columns: 'x' is listed twice"), std::string::npos) << twice.err;
}

// evaluate reads every column but the schema's ignore: ones: an ignored
// column's corrupt chunk is never read, and the result is the same as for the
// file without that column.
TEST_F(ParquetInputTest, EvaluateNeverReadsTheSchemasIgnoredColumns) {
  const std::string file = WriteOneCorruptColumn("scored.parquet", {"y", "p", "f"});
  const std::string clean =
      Write("clean.parquet",
            io_test::WriteParquet(
                {io_test::IntColumn("y"), io_test::IntColumn("p"), io_test::IntColumn("f")}, 3));
  const std::string schema = Write("schema.yaml", "ignore: [bad]\n");
  const std::string args = " --target y --prediction p --task regression --bootstrap 20";
  const Json ignored = Result("evaluate --data " + file + args + " --schema " + schema);
  ASSERT_TRUE(ignored.is_object());
  EXPECT_EQ(ignored, Result("evaluate --data " + clean + args + " --schema " + schema));
  RunResult read = Run("evaluate --data " + file + args);
  EXPECT_EQ(read.exit_code, 2);
  EXPECT_NE(read.err.find("('bad')"), std::string::npos) << read.err;
}

}  // namespace
}  // namespace airm::testing
