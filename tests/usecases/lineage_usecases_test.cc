// TraceLineage, ImpactOfDataset, MakeModelCard and the OpenLineage exchange
// on a real workspace: a logged prediction traced back, and each error.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/store/models.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/model_card.h"
#include "airm/usecases/openlineage_exchange.h"
#include "airm/usecases/trace_lineage.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::WorkspaceTest;

class LineageUseCasesTest : public WorkspaceTest {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    RegisterModel("credit", "1");
    const std::string file = WriteFile("p.csv", "id,x\nr1,1\nr2,2\n");
    auto logged =
        LogPredictions({.store = Where(), .file = file, .model = "credit@1", .id_column = "id"});
    ASSERT_TRUE(logged.ok()) << logged.status().ToString();
  }
};

TEST_F(LineageUseCasesTest, TracesALoggedPredictionToItsModel) {
  auto trace = TraceLineage({.store = Where(), .prediction_id = "r2"});
  ASSERT_TRUE(trace.ok()) << trace.status().ToString();
  EXPECT_EQ(trace->prediction.id, "r2");
  EXPECT_TRUE(trace->files_verified);
  EXPECT_FALSE(trace->as_of_given);

  auto unknown = TraceLineage({.store = Where(), .prediction_id = "nope"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  auto bad_time = TraceLineage({.store = Where(), .prediction_id = "r2", .as_of = "yesterday"});
  EXPECT_EQ(bad_time.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(bad_time.status().message(), HasSubstr("--as-of 'yesterday'"));
}

TEST_F(LineageUseCasesTest, ImpactAndModelCardResolveTheirReferences) {
  auto impact = ImpactOfDataset({.store = Where(), .dataset = "predictions/credit@1"});
  ASSERT_TRUE(impact.ok()) << impact.status().ToString();
  auto unknown = ImpactOfDataset({.store = Where(), .dataset = "nope@1"});
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);

  auto card = MakeModelCard({.store = Where(), .model = "credit@latest"});
  ASSERT_TRUE(card.ok()) << card.status().ToString();
  EXPECT_EQ(card->name, "credit");
  EXPECT_EQ(card->version, "1");
  EXPECT_EQ(MakeModelCard({.store = Where(), .model = "credit@9"}).status().code(),
            StatusCode::kNotFound);
}

TEST_F(LineageUseCasesTest, OpenLineageExportAndImportErrors) {
  auto exported = ExportOpenLineage({.store = Where(), .airm_version = "test"});
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  EXPECT_EQ(exported->runs, 0);  // predictions are no runs
  auto bad_since = ExportOpenLineage({.store = Where(), .since = "soon"});
  EXPECT_THAT(bad_since.status().message(), HasSubstr("--since 'soon'"));
  auto missing = ImportOpenLineage({.store = Where(), .file = (dir_ / "none.jsonl").string()});
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(missing.status().message(), HasSubstr("none.jsonl"));
}

}  // namespace
}  // namespace airm::usecases
