// RunChaos (the use case): the credit XGBoost model in-process, its meta
// filling what the options leave unset, digests of every input; flag values
// checked first.
#include "airm/usecases/run_chaos.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "airm/reader.h"
#include "airm/sha256.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::Contains;
using ::testing::HasSubstr;
using ::testing::Not;
using testing::WorkspaceTest;

using RunChaosTest = WorkspaceTest;

std::string Source(const std::string& relative) {
  return std::string(AIRM_TEST_SOURCE_DIR) + "/" + relative;
}

TEST_F(RunChaosTest, MetaFillsUnsetOptionsAndInputsAreDigested) {
  const std::string model = Source("examples/credit/model.json");
  const std::string data = Source("examples/credit/current.csv");
  const std::string constraints = WriteFile("c.yaml", "features:\n  Age: {immutable: true}\n");
  const std::string schema = WriteFile("s.yaml", "target: Status\nscore: score\n");
  auto result = RunChaos({.model = "xgboost:" + model,
                          .data = data,
                          .target = "Status",
                          .constraints_file = constraints,
                          .schema_file = schema,
                          .suite = "missing",
                          .bootstrap = 0});
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  // examples/credit/model_meta.json, found beside model.json.
  EXPECT_DOUBLE_EQ(result->threshold, 0.30419373892498525);
  EXPECT_EQ(result->positive_label, "bad");
  EXPECT_THAT(result->notes, Contains(HasSubstr("model_meta.json")));
  EXPECT_EQ(result->model_sha256, *Sha256File(model));
  EXPECT_EQ(result->data.sha256, *Sha256File(data));
  EXPECT_EQ(result->data.rows, 1068u);
  EXPECT_EQ(result->constraints_path, constraints);
  EXPECT_EQ(result->constraints_sha256, Sha256Hex("features:\n  Age: {immutable: true}\n"));
  // The meta's features: the model's columns, not the data's prediction and score.
  EXPECT_EQ(result->features.size(), 13u);
  EXPECT_THAT(result->features, Contains("Income"));
  EXPECT_THAT(result->features, Not(Contains("score")));
  EXPECT_FALSE(result->cases.empty());

  // An explicit option wins over the meta.
  auto explicit_threshold = RunChaos({.model = "xgboost:" + model,
                                      .data = data,
                                      .target = "Status",
                                      .threshold = 0.7,
                                      .suite = "determinism",
                                      .bootstrap = 0});
  ASSERT_TRUE(explicit_threshold.ok()) << explicit_threshold.status().ToString();
  EXPECT_DOUBLE_EQ(explicit_threshold->threshold, 0.7);
}

TEST_F(RunChaosTest, OutOfRangeValuesNameTheFlagBeforeAnyFileIsRead) {
  const RunChaosOptions base{
      .model = "xgboost:/no/model.json", .data = "/no/data.csv", .target = "y"};
  RunChaosOptions o = base;
  o.timeout_seconds = 0;
  EXPECT_THAT(RunChaos(o).status().message(), HasSubstr("--timeout"));
  o = base;
  o.load_rate = 2e6;
  EXPECT_THAT(RunChaos(o).status().message(), HasSubstr("--load-rate"));
  o = base;
  o.model_limits.max_depth = 0;
  EXPECT_THAT(RunChaos(o).status().message(), HasSubstr("--max-model-depth"));
  o = base;
  o.suite = "missing,nonsense";
  EXPECT_THAT(RunChaos(o).status().message(), HasSubstr("nonsense"));
  o = base;
  o.target = "";
  EXPECT_THAT(RunChaos(o).status().message(), HasSubstr("--target"));
}

// A model the face adapts itself (the Python package's callable) and data
// it holds: used in place of a spec and a file; the report names them as
// given, and the upstream family does not apply.
class ConstantAdapter final : public chaos::ModelAdapter {
 public:
  chaos::PredictOutcome Predict(const chaos::Batch& batch) override {
    ++calls;
    chaos::PredictOutcome out;
    out.scores.assign(batch.rows.size(), 0.25);
    return out;
  }
  std::string Describe() const override { return "constant"; }
  bool IsLocal() const override { return true; }
  int calls = 0;
};

TEST_F(RunChaosTest, AnAdapterAndATableStandForTheSpecAndTheFile) {
  Table table = *ReadTable(Source("examples/credit/current.csv"));
  ConstantAdapter adapter;
  RunChaosOptions options{
      .model = "python:constant", .model_adapter = &adapter, .target = "Status"};
  options.data_in_memory.table = &table;
  options.data_in_memory.info.path = "<DataFrame>";
  options.suite = "determinism,upstream";
  options.bootstrap = 0;
  auto result = RunChaos(options);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_GT(adapter.calls, 0);
  EXPECT_EQ(result->model_spec, "python:constant");
  EXPECT_EQ(result->model_sha256, "");
  EXPECT_EQ(result->data.path, "<DataFrame>");
  EXPECT_EQ(result->data.rows, 1068u);
  ASSERT_EQ(result->skipped.size(), 1u);
  EXPECT_EQ(result->skipped[0].family, chaos::Family::kUpstream);

  RunChaosOptions no_data{
      .model = "python:constant", .model_adapter = &adapter, .target = "Status"};
  EXPECT_THAT(RunChaos(no_data).status().message(), HasSubstr("--data"));
}

}  // namespace
}  // namespace airm::usecases
