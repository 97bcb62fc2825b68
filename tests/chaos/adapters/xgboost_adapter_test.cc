// xgboost: adapter against Python XGBoost's scores on the same rows
// (scripts/fixtures/chaos_xgboost_scores.py).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>
#include <thread>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"

namespace airm::chaos {
namespace {

using testing::CreditModelPath;
using testing::LoadCreditBatch;
using testing::LoadScores;
using testing::SourcePath;
using testing::XgboostSpec;

// Python and the C API run the same libxgboost on the same float32 matrix,
// so scores agree to float32 rounding; 1e-6 is the brief's tolerance.
constexpr double kTolerance = 1e-6;

std::unique_ptr<ModelAdapter> MakeXgboost(const AdapterOptions& options = {}) {
  auto adapter = MakeModelAdapter(XgboostSpec(), options);
  EXPECT_TRUE(adapter.ok()) << adapter.status().ToString();
  return adapter.ok() ? std::move(*adapter) : nullptr;
}

std::vector<double> FixtureScores() {
  auto scores = LoadScores(SourcePath("tests/fixtures/chaos/xgboost_scores.csv"));
  EXPECT_TRUE(scores.ok()) << scores.status().ToString();
  return scores.ok() ? *scores : std::vector<double>{};
}

void ExpectScores(const PredictOutcome& outcome, const std::vector<double>& expected) {
  ASSERT_TRUE(outcome.ok()) << FailureKindName(outcome.failure) << ": " << outcome.detail;
  ASSERT_EQ(outcome.scores.size(), expected.size());
  for (size_t row = 0; row < expected.size(); ++row) {
    ASSERT_NEAR(outcome.scores[row], expected[row], kTolerance) << "row " << row;
  }
}

TEST(XgboostAdapter, MatchesPythonXgboostOnTheCreditRows) {
  const auto batch = LoadCreditBatch();
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  ASSERT_EQ(batch->rows.size(), 1068u);
  const auto adapter = MakeXgboost({.max_batch_rows = 500});
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(*batch);
  ExpectScores(outcome, FixtureScores());
  EXPECT_EQ(outcome.attempts, 3);  // 500 + 500 + 68 rows
}

TEST(XgboostAdapter, DefaultMetaIsFoundNextToTheModel) {
  // examples/credit/model.json -> examples/credit/model_meta.json.
  const auto adapter = MakeModelAdapter("xgboost:" + CreditModelPath(), {});
  ASSERT_TRUE(adapter.ok()) << adapter.status().ToString();
  EXPECT_NE((*adapter)->Describe().find("model_meta.json"), std::string::npos);
  // The columns a caller sends come first, so a report's header agrees with
  // "features sent" (issue 16 §4): 13 columns, one-hot into 26 model inputs.
  EXPECT_NE((*adapter)->Describe().find("13 input columns encoded into 26 model features per "),
            std::string::npos)
      << (*adapter)->Describe();
  const auto batch = LoadCreditBatch();
  ASSERT_TRUE(batch.ok());
  ExpectScores((*adapter)->Predict(*batch), FixtureScores());
}

Cell CellFromJson(const nlohmann::json& value) {
  if (value.is_null()) return std::monostate{};
  if (value.is_string()) return value.get<std::string>();
  return value.get<double>();
}

TEST(XgboostAdapter, EdgeCasesMatchPythonEncoding) {
  std::ifstream file(SourcePath("tests/fixtures/chaos/xgboost_edge_cases.json"));
  const nlohmann::json fixture = nlohmann::json::parse(file);
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  ASSERT_EQ(fixture["cases"].size(), 5u);
  for (const nlohmann::json& test_case : fixture["cases"]) {
    SCOPED_TRACE(test_case["name"].get<std::string>());
    Batch batch;
    batch.columns = test_case["columns"].get<std::vector<std::string>>();
    for (const nlohmann::json& row : test_case["rows"]) {
      batch.rows.emplace_back();
      for (const nlohmann::json& value : row) batch.rows.back().push_back(CellFromJson(value));
    }
    ExpectScores(adapter->Predict(batch), test_case["scores"].get<std::vector<double>>());
  }
}

TEST(XgboostAdapter, NanIsMissingLikeNull) {
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  Batch with_null{{"Income", "Home"}, {{std::monostate{}, std::monostate{}}}};
  Batch with_nan{{"Income", "Home"}, {{std::nan(""), std::string("")}}};
  const PredictOutcome a = adapter->Predict(with_null);
  const PredictOutcome b = adapter->Predict(with_nan);
  ASSERT_TRUE(a.ok() && b.ok()) << a.detail << b.detail;
  EXPECT_EQ(a.scores, b.scores);
}

TEST(XgboostAdapter, StringInNumericFeatureIsRejectedInput) {
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  Batch batch{{"Seniority", "Income"}, {{1.0, 100.0}, {2.0, std::string("lots")}}};
  const PredictOutcome outcome = adapter->Predict(batch);
  EXPECT_EQ(outcome.failure, FailureKind::kRejectedInput);
  EXPECT_EQ(outcome.detail,
            "row 1, column 'Income': 'lots' is not a number (numeric model feature)");
  EXPECT_TRUE(outcome.scores.empty());
  EXPECT_EQ(outcome.attempts, 1);  // rejected input is never retried
}

TEST(XgboostAdapter, InfinityIsRejectedByXgboostItself) {
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  Batch batch{{"Income"}, {{std::numeric_limits<double>::infinity()}}};
  const PredictOutcome outcome = adapter->Predict(batch);
  EXPECT_EQ(outcome.failure, FailureKind::kRejectedInput);
  EXPECT_NE(outcome.detail.find("xgboost cannot build the feature matrix"), std::string::npos)
      << outcome.detail;
}

TEST(XgboostAdapter, RaggedRowIsRejectedInput) {
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  Batch batch{{"Seniority", "Income"}, {{1.0, 2.0}, {1.0}}};
  const PredictOutcome outcome = adapter->Predict(batch);
  EXPECT_EQ(outcome.failure, FailureKind::kRejectedInput);
  EXPECT_EQ(outcome.detail, "row 1 has 1 cells for 2 columns");
}

TEST(XgboostAdapter, EmptyBatchScoresNothing) {
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  const PredictOutcome outcome = adapter->Predict(Batch{{"Income"}, {}});
  EXPECT_TRUE(outcome.ok()) << outcome.detail;
  EXPECT_TRUE(outcome.scores.empty());
}

TEST(XgboostAdapter, ConcurrentCallersGetTheirOwnScores) {
  const auto batch = LoadCreditBatch();
  ASSERT_TRUE(batch.ok());
  const std::vector<double> expected = FixtureScores();
  const auto adapter = MakeXgboost();
  ASSERT_NE(adapter, nullptr);
  // Each thread scores a different slice so that mixed-up buffers would show.
  constexpr int kThreads = 8;
  std::vector<PredictOutcome> outcomes(kThreads);
  std::vector<std::thread> threads;
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    threads.emplace_back([&, thread_idx] {
      Batch slice{batch->columns, {}};
      for (size_t row = thread_idx; row < batch->rows.size(); row += kThreads) {
        slice.rows.push_back(batch->rows[row]);
      }
      for (int repeat = 0; repeat < 5; ++repeat) outcomes[thread_idx] = adapter->Predict(slice);
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int thread_idx = 0; thread_idx < kThreads; ++thread_idx) {
    std::vector<double> slice_expected;
    for (size_t row = thread_idx; row < expected.size(); row += kThreads) {
      slice_expected.push_back(expected[row]);
    }
    ExpectScores(outcomes[thread_idx], slice_expected);
  }
}

}  // namespace
}  // namespace airm::chaos
