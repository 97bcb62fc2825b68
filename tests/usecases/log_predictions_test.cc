// LogPredictions on a real workspace: ids, times, duplicates, the model or
// deployment that made them, and nothing written on a bad row.
#include "airm/usecases/log_predictions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "airm/reader.h"
#include "airm/store/deployments.h"
#include "airm/store/models.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class LogPredictionsTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    const int64_t model = RegisterModel("credit", "1");
    auto db = Open();
    auto deployed = store::Deploy(*db, model, "prod", "2026-01-01T00:00:00Z", "test");
    ASSERT_TRUE(deployed.ok()) << deployed.status().ToString();
  }
};

TEST_F(LogPredictionsTest, LogsEveryRowWithGeneratedIds) {
  const std::string file = WriteFile("p.csv", "age,city,score\n30,a,0.2\n40,b,0.7\n");
  auto logged = LogPredictions({.store = Where(), .file = file, .model = "credit@1"});
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->rows, 2u);
  EXPECT_EQ(logged->model.Ref(), "credit@1");
  EXPECT_EQ(logged->dataset.Ref(), "predictions/credit@1");
  EXPECT_EQ(logged->output_column, "score");
  EXPECT_EQ(logged->feature_columns, (std::vector<std::string>{"age", "city"}));
  ASSERT_EQ(logged->generated_id_prefix.size(), 12u);
  EXPECT_EQ(logged->first_prediction_id, logged->generated_id_prefix + ":1");
  EXPECT_EQ(logged->dataset.digest.substr(7, 12), logged->generated_id_prefix);
  EXPECT_TRUE(logged->findings.empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions WHERE output IS NOT NULL"), 2);

  // The same file again: the generated ids are duplicates, nothing is added.
  auto again = LogPredictions({.store = Where(), .file = file, .model = "credit@1"});
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 2);
}

// Issue 12 §3: the schema's ignore: key works wherever --exclude-column does.
TEST_F(LogPredictionsTest, TheSchemasIgnoredColumnsAreNotStoredAsFeatures) {
  const std::string file = WriteFile("p.csv", "age,city,note,score\n30,a,x,0.2\n40,b,y,0.7\n");
  const std::string schema = WriteFile("roles.yaml", "ignore: [note]\n");
  auto logged =
      LogPredictions({.store = Where(), .file = file, .model = "credit@1", .schema_file = schema});
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->feature_columns, (std::vector<std::string>{"age", "city"}));
}

TEST_F(LogPredictionsTest, TheDeploymentGivesTheModelAtTheFirstPredictionsTime) {
  const std::string file =
      WriteFile("p.csv", "id,at,x\nr1,2026-02-01T10:00:00+01:00,1\nr2,2026-02-02T00:00:00Z,2\n");
  auto logged = LogPredictions({.store = Where(),
                                .file = file,
                                .deployment_env = "prod",
                                .id_column = "id",
                                .time_column = "at"});
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->model.Ref(), "credit@1");
  ASSERT_TRUE(logged->deployment.has_value());
  EXPECT_EQ(logged->deployment->environment, "prod");
  EXPECT_EQ(logged->first_prediction_id, "r1");
  EXPECT_TRUE(logged->generated_id_prefix.empty());
  ASSERT_EQ(logged->findings.size(), 1u);
  EXPECT_EQ(logged->findings[0].code, "predictions.no_output_column");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions WHERE prediction_id = 'r1' AND "
                     "predicted_at = '2026-02-01T09:00:00Z'"),
            1);
}

TEST_F(LogPredictionsTest, ADuplicateIdNamesBothLinesAndWritesNothing) {
  const std::string file = WriteFile("p.csv", "id,x\nr1,1\nr2,2\nr1,3\n");
  auto logged =
      LogPredictions({.store = Where(), .file = file, .model = "credit@1", .id_column = "id"});
  ASSERT_FALSE(logged.ok());
  EXPECT_EQ(logged.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(logged.status().message(), HasSubstr("p.csv:4: column 'id'"));
  EXPECT_THAT(logged.status().message(), HasSubstr("also on line 2"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches"), 0);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 0);
}

TEST_F(LogPredictionsTest, BadTimesColumnsAndOptionsAreErrorsNamingThem) {
  const std::string file = WriteFile("p.csv", "at,x\nyesterday,1\n");
  auto time =
      LogPredictions({.store = Where(), .file = file, .model = "credit@1", .time_column = "at"});
  EXPECT_EQ(time.status().code(), StatusCode::kParseError);
  EXPECT_THAT(time.status().message(), HasSubstr("p.csv:2: column 'at': 'yesterday'"));
  auto column =
      LogPredictions({.store = Where(), .file = file, .model = "credit@1", .id_column = "nope"});
  EXPECT_THAT(column.status().message(), HasSubstr("--id-column 'nope'"));
  auto neither = LogPredictions({.store = Where(), .file = file});
  EXPECT_THAT(neither.status().message(), HasSubstr("--model NAME@VERSION or --deployment-env"));
  auto not_table = LogPredictions(
      {.store = Where(), .file = WriteFile("p.bin", "a,b\n1,2\n"), .model = "credit@1"});
  EXPECT_EQ(not_table.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(not_table.status().message(), HasSubstr("p.bin: not a table by its name"));
  auto unknown = LogPredictions({.store = Where(), .file = file, .model = "other@1"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 0);
}

// Issue 13: the file is streamed in chunks. Rows many chunks apart are
// still checked against each other, a bad row in the last chunk still
// leaves nothing written, and every row's digest is the one the whole-file
// read gives.
class StreamedLogTest : public LogPredictionsTest {
 protected:
  // `rows` rows "<prefix><i>,<time>,<x>"; the caller may then edit lines.
  static std::vector<std::string> Lines(const std::string& prefix, int rows) {
    std::vector<std::string> lines = {"id,at,x,city"};
    for (int i = 1; i <= rows; ++i) {
      lines.push_back(prefix + std::to_string(i) + ",2026-02-0" + std::to_string(1 + i % 9) +
                      "T00:00:00Z," + std::to_string(i * 0.5) + "," + (i % 3 ? "a" : "b"));
    }
    return lines;
  }
  std::string Write(const std::string& name, const std::vector<std::string>& lines) {
    std::string text;
    for (const std::string& line : lines) text += line + "\n";
    return WriteFile(name, text);
  }
  Result<LoggedPredictions> Log(const std::string& file, size_t chunk_rows) {
    LogPredictionsOptions options{.store = Where(),
                                  .file = file,
                                  .model = "credit@1",
                                  .id_column = "id",
                                  .time_column = "at"};
    options.read.chunk_rows = chunk_rows;
    return LogPredictions(options);
  }
  void ExpectNothingWritten() {
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 0);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches"), 0);
    EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions"), 0);
  }
};

TEST_F(StreamedLogTest, ChunksGiveTheDigestsRowCountsAndProfileOfTheWholeFile) {
  auto chunked = Log(Write("a.csv", Lines("a", 10)), 3);
  ASSERT_TRUE(chunked.ok()) << chunked.status().ToString();
  EXPECT_EQ(chunked->rows, 10u);
  EXPECT_EQ(chunked->first_prediction_id, "a1");
  EXPECT_EQ(chunked->feature_columns, (std::vector<std::string>{"city", "x"}));
  auto whole = Log(Write("b.csv", Lines("b", 10)), 65536);
  ASSERT_TRUE(whole.ok()) << whole.status().ToString();
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions a JOIN predictions b"
                     " ON substr(a.prediction_id, 2) = substr(b.prediction_id, 2)"
                     " AND a.input_digest = b.input_digest AND a.predicted_at = b.predicted_at"
                     " WHERE a.prediction_id LIKE 'a%' AND b.prediction_id LIKE 'b%'"),
            10);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_batches b JOIN dataset_versions v"
                     " ON v.id = b.input_dataset_version_id"
                     " WHERE b.row_count = 10 AND v.row_count = 10"),
            2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions WHERE schema_json ="
                     " '[{\"name\":\"id\",\"type\":\"categorical\"},{\"name\":\"at\",\"type\":"
                     "\"timestamp\"},{\"name\":\"x\",\"type\":\"float64\"},{\"name\":\"city\","
                     "\"type\":\"categorical\"}]'"),
            2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM dataset_versions WHERE profile_json LIKE"
                     " '%\"num_rows\":10%'"),
            2);
}

TEST_F(StreamedLogTest, ADuplicateChunksApartNamesBothLinesAndWritesNothing) {
  std::vector<std::string> lines = Lines("r", 10);
  lines[9] = "r2,2026-02-01T00:00:00Z,1,a";  // line 10 repeats line 3's id
  auto logged = Log(Write("p.csv", lines), 3);
  ASSERT_FALSE(logged.ok());
  EXPECT_EQ(logged.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(logged.status().message(),
              HasSubstr("p.csv:10: column 'id': duplicate prediction id 'r2' (also on line 3)"));
  ExpectNothingWritten();
}

TEST_F(StreamedLogTest, ABadTimeInTheLastChunkWritesNothing) {
  std::vector<std::string> lines = Lines("r", 10);
  lines[10] = "r10,soon,1,a";
  auto logged = Log(Write("p.csv", lines), 3);
  ASSERT_FALSE(logged.ok());
  EXPECT_EQ(logged.status().code(), StatusCode::kParseError);
  EXPECT_THAT(logged.status().message(), HasSubstr("p.csv:11: column 'at': 'soon'"));
  ExpectNothingWritten();
}

TEST_F(StreamedLogTest, TheDeploymentIsChosenByTheEarliestTimeInAnyChunk) {
  std::vector<std::string> lines = Lines("r", 10);
  lines[10] = "r10,2025-12-31T00:00:00Z,1,a";  // before the deployment, in the last chunk
  LogPredictionsOptions options{.store = Where(),
                                .file = Write("p.csv", lines),
                                .deployment_env = "prod",
                                .id_column = "id",
                                .time_column = "at"};
  options.read.chunk_rows = 3;
  auto logged = LogPredictions(options);
  EXPECT_EQ(logged.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(logged.status().message(),
              HasSubstr("no deployment in environment 'prod' at 2025-12-31T00:00:00Z"));
  ExpectNothingWritten();
}

// What a log stores, pinned: rows written by the code before the streamed,
// in-place encoding (commit c43317d), in chunks of 3 so rows cross chunk
// boundaries. Every type and awkward value (an offset time, "1.50", "1e3",
// "-0.0", the largest int64, missing cells) must keep its id, time, digest,
// features and output, byte for byte.
TEST_F(StreamedLogTest, StoredRowsAreByteForByteThoseOfEarlierVersions) {
  const std::string file =
      Write("golden.csv",
            {"id,ts,age,income,flag,city,note,prediction",
             "r1,2026-02-01T10:00:00+01:00,30,1.50,true,a,x,good",
             "r2,2026-02-01T00:00:01Z,-4,1e3,false,b,,bad",
             "r3,2026-02-01T00:00:02Z,,-0.0,true,,y z,good", "r4,2026-02-01T00:00:03Z,7,0.1,,a,w,",
             "r5,2026-02-01T00:00:04Z,9223372036854775807,123456.75,false,c,v,bad",
             "r6,2026-02-01T00:00:05Z,0,,true,b,u,good",
             "r7,2026-02-01T00:00:06Z,12,2.5e-7,false,a,t,good"});
  LogPredictionsOptions options{.store = Where(),
                                .file = file,
                                .model = "credit@1",
                                .id_column = "id",
                                .time_column = "ts",
                                .store_features = true};
  options.read.chunk_rows = 3;
  auto logged = LogPredictions(options);
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  auto db = Open();
  auto stored = db->Query(
      "SELECT prediction_id || '|' || predicted_at || '|' || input_digest || '|' ||"
      " coalesce(features_json, '') || '|' || coalesce(output, '') FROM predictions"
      " ORDER BY prediction_id",
      {});
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  std::string text;
  for (const store::Row& row : *stored) text += row.Text(0) + "\n";
  EXPECT_EQ(
      text,
      "r1|2026-02-01T09:00:00Z|sha256:"
      "26dc71206dbf01c2e2ed03eea0baae74dece255a2a7b39c1a45c0e319bb4823d|{\"age\":30,\"city\":\"a\","
      "\"flag\":true,\"income\":1.5,\"note\":\"x\"}|good\n"
      "r2|2026-02-01T00:00:01Z|sha256:"
      "aafb787b2c1f4b23c6037b203043cf3094a3c47f56530f7c638ec4ceeea67a2d|{\"age\":-4,\"city\":\"b\","
      "\"flag\":false,\"income\":1000.0,\"note\":null}|bad\n"
      "r3|2026-02-01T00:00:02Z|sha256:"
      "7ca48a1d48bc54231bd9c363ef890af61774991640c3476ed34aaa844971bd66|{\"age\":null,\"city\":"
      "null,\"flag\":true,\"income\":-0.0,\"note\":\"y z\"}|good\n"
      "r4|2026-02-01T00:00:03Z|sha256:"
      "e502ba457415d4dfbfbdf9bb0b78402a6e1856e32ef91b69f3a670b51c6b05b6|{\"age\":7,\"city\":\"a\","
      "\"flag\":null,\"income\":0.1,\"note\":\"w\"}|\n"
      "r5|2026-02-01T00:00:04Z|sha256:"
      "81e351e18eba0cd170fe3da7b42756ee558e5875c473ff84d0c273e9968063ed|{\"age\":"
      "9223372036854775807,\"city\":\"c\",\"flag\":false,\"income\":123456.75,\"note\":\"v\"}|bad\n"
      "r6|2026-02-01T00:00:05Z|sha256:"
      "7d41d9dcc9a3d953a584a132d5f22c6bc8fb6a067d65c9b572eaf2a10aefbc15|{\"age\":0,\"city\":\"b\","
      "\"flag\":true,\"income\":null,\"note\":\"u\"}|good\n"
      "r7|2026-02-01T00:00:06Z|sha256:"
      "c2e2047a761b6d5c41ba3754012989170f1d31c51b809afdc73e7484f1b5dcd8|{\"age\":12,\"city\":\"a\","
      "\"flag\":false,\"income\":2.5e-07,\"note\":\"t\"}|good\n");
}

}  // namespace
}  // namespace airm::usecases

namespace airm::usecases {
namespace {

// Rows a face holds in memory (the Python package's DataFrame): logged as a
// file's, the dataset version by a digest of the values, errors by row.
TEST_F(LogPredictionsTest, RowsInMemoryAreLoggedByTheirValues) {
  const std::string file = WriteFile("p.csv", "age,city,score\n30,a,0.2\n40,b,0.7\n");
  const std::string swapped = WriteFile("q.csv", "city,score,age\na,0.2,30\nb,0.7,40\n");
  auto logged = LogPredictionTable({.store = Where(), .file = "", .model = "credit@1"},
                                   "<DataFrame>", *ReadTable(file));
  ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  EXPECT_EQ(logged->rows, 2u);
  EXPECT_FALSE(logged->dataset.path.has_value());
  EXPECT_EQ(logged->dataset.row_count, 2);
  EXPECT_EQ(logged->dataset.digest.substr(7, 12), logged->generated_id_prefix);
  // The same values in another column order: the same content, so the same ids.
  auto again = LogPredictionTable({.store = Where(), .file = "", .model = "credit@1"},
                                  "<DataFrame>", *ReadTable(swapped));
  ASSERT_FALSE(again.ok());
  EXPECT_THAT(again.status().message(), HasSubstr("<DataFrame> row 0: prediction id"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 2);

  const std::string ids = WriteFile("r.csv", "id,x\nr1,1\nr2,2\nr1,3\n");
  auto duplicate =
      LogPredictionTable({.store = Where(), .file = "", .model = "credit@1", .id_column = "id"},
                         "<DataFrame>", *ReadTable(ids));
  ASSERT_FALSE(duplicate.ok());
  EXPECT_THAT(
      duplicate.status().message(),
      HasSubstr("<DataFrame> row 2: column 'id': duplicate prediction id 'r1' (also row 0)"));
}

}  // namespace
}  // namespace airm::usecases
