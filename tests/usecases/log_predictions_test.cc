// LogPredictions on a real workspace: ids, times, duplicates, the model or
// deployment that made them, and nothing written on a bad row.
#include "airm/usecases/log_predictions.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
  auto unknown = LogPredictions({.store = Where(), .file = file, .model = "other@1"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM predictions"), 0);
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
