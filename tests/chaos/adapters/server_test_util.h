// Shared by the server-backed adapter tests: the credit rows with Python's
// reference scores, and small batch reshaping helpers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "model_server.h"

namespace airm::chaos {

// Python XGBoost vs this adapter on the same float32 features: the brief's
// 1e-6 (observed differences are 0: the same libxgboost does the work).
inline constexpr double kTolerance = 1e-6;

struct CreditData {
  Batch batch;                 // examples/credit/current.csv, the 13 feature columns
  std::vector<double> scores;  // tests/fixtures/chaos/xgboost_scores.csv
};

inline CreditData LoadCredit() {
  CreditData data;
  auto batch = testing::LoadCreditBatch();
  auto scores = testing::LoadScores(testing::SourcePath("tests/fixtures/chaos/xgboost_scores.csv"));
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(scores.ok()) << scores.status().ToString();
  if (batch.ok()) data.batch = std::move(*batch);
  if (scores.ok()) data.scores = std::move(*scores);
  return data;
}

// The rows without any null (a fragile server crashes on nulls).
inline CreditData WithoutNulls(const CreditData& data) {
  CreditData complete{{data.batch.columns, {}}, {}};
  for (size_t row = 0; row < data.batch.rows.size(); ++row) {
    bool has_null = false;
    for (const Cell& cell : data.batch.rows[row]) {
      has_null = has_null || std::holds_alternative<std::monostate>(cell);
    }
    if (has_null) continue;
    complete.batch.rows.push_back(data.batch.rows[row]);
    complete.scores.push_back(data.scores[row]);
  }
  return complete;
}

template <typename T>
std::vector<T> Repeat(const std::vector<T>& values, size_t count) {
  std::vector<T> out;
  for (size_t idx = 0; idx < count; ++idx) out.push_back(values[idx % values.size()]);
  return out;
}
inline Batch Repeat(const Batch& batch, size_t count) {
  return Batch{batch.columns, Repeat(batch.rows, count)};
}

template <typename T>
std::vector<T> EveryNth(const std::vector<T>& values, size_t step, size_t offset) {
  std::vector<T> out;
  for (size_t idx = offset; idx < values.size(); idx += step) out.push_back(values[idx]);
  return out;
}
inline Batch EveryNth(const Batch& batch, size_t step, size_t offset) {
  return Batch{batch.columns, EveryNth(batch.rows, step, offset)};
}

inline std::unique_ptr<ModelAdapter> MakeAdapter(const std::string& spec,
                                                 const AdapterOptions& options) {
  auto adapter = MakeModelAdapter(spec, options);
  EXPECT_TRUE(adapter.ok()) << adapter.status().ToString();
  return adapter.ok() ? std::move(*adapter) : nullptr;
}

inline void ExpectScores(const PredictOutcome& outcome, const std::vector<double>& expected) {
  ASSERT_TRUE(outcome.ok()) << FailureKindName(outcome.failure) << ": " << outcome.detail;
  ASSERT_EQ(outcome.scores.size(), expected.size());
  for (size_t row = 0; row < expected.size(); ++row) {
    ASSERT_NEAR(outcome.scores[row], expected[row], kTolerance) << "row " << row;
  }
}

}  // namespace airm::chaos
