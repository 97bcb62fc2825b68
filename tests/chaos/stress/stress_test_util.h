// Shared by the stress tests: the credit example's rows and labels, the real
// in-process XGBoost adapter on the credit model, and result invariants.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>
#include <variant>
#include <vector>

#include "airm/chaos/load_test.h"
#include "airm/chaos/model_adapter.h"
#include "model_server.h"

namespace airm::chaos {

// examples/credit/model_meta.json "threshold" (the reference positive rate).
inline constexpr double kCreditThreshold = 0.30419373892498525;

struct CreditRows {
  Batch batch;                 // the 13 feature columns of examples/credit/current.csv
  std::vector<double> labels;  // Status: bad = 1, good = 0
};

inline CreditRows LoadCreditRows(size_t max_rows = 0) {
  CreditRows out;
  auto batch = testing::LoadCreditBatch();
  auto status =
      testing::LoadCsvBatch(testing::SourcePath("examples/credit/current.csv"), {"Status"});
  EXPECT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_TRUE(status.ok()) << status.status().ToString();
  if (!batch.ok() || !status.ok()) return out;
  out.batch = std::move(*batch);
  for (const std::vector<Cell>& row : status->rows) {
    const auto* s = std::get_if<std::string>(&row[0]);
    out.labels.push_back(s ? (*s == "bad" ? 1.0 : 0.0) : NAN);
  }
  if (max_rows > 0 && out.batch.rows.size() > max_rows) {
    out.batch.rows.resize(max_rows);
    out.labels.resize(max_rows);
  }
  return out;
}

// The rows without any null (a fragile server exits on the first null).
inline CreditRows WithoutNulls(const CreditRows& rows) {
  CreditRows out{{rows.batch.columns, {}}, {}};
  for (size_t i = 0; i < rows.batch.rows.size(); ++i) {
    bool has_null = false;
    for (const Cell& cell : rows.batch.rows[i]) {
      has_null = has_null || std::holds_alternative<std::monostate>(cell);
    }
    if (has_null) continue;
    out.batch.rows.push_back(rows.batch.rows[i]);
    out.labels.push_back(rows.labels[i]);
  }
  return out;
}

inline std::unique_ptr<ModelAdapter> MakeAdapter(const std::string& spec,
                                                 const AdapterOptions& options = {}) {
  auto adapter = MakeModelAdapter(spec, options);
  EXPECT_TRUE(adapter.ok()) << spec << ": " << adapter.status().ToString();
  return adapter.ok() ? std::move(*adapter) : nullptr;
}

inline std::unique_ptr<ModelAdapter> CreditXgboost() { return MakeAdapter(testing::XgboostSpec()); }

// Invariants every run of a load test must satisfy, whatever the timing.
inline void ExpectRunConsistent(const LoadRunResult& run, const LoadOptions& options) {
  SCOPED_TRACE(run.mode == LoadRunResult::Mode::kConcurrency
                   ? "concurrency " + std::to_string(run.concurrency)
                   : std::string("open loop"));
  ASSERT_GE(run.windows.size(), 1u);
  EXPECT_LE(run.windows.size(), static_cast<size_t>(options.max_windows));
  // Stable exactly when the last three windows agree; an unstable run used
  // every window it was allowed.
  EXPECT_EQ(run.stable, WindowsStable(run.windows, options.stability_pct));
  if (!run.stable) {
    EXPECT_EQ(run.windows.size(), static_cast<size_t>(options.max_windows));
  }
  if (run.stable) {
    for (size_t n = 3; n < run.windows.size(); ++n) {
      const std::vector<LoadWindow> prefix(run.windows.begin(), run.windows.begin() + n);
      EXPECT_FALSE(WindowsStable(prefix, options.stability_pct)) << "should have stopped at " << n;
    }
  }
  int64_t completed = 0, succeeded = 0;
  double duration = 0;
  for (const LoadWindow& w : run.windows) {
    completed += w.completed;
    succeeded += w.succeeded;
    duration += w.duration_seconds;
    EXPECT_LE(w.succeeded, w.completed);
    EXPECT_NEAR(w.throughput_rps * w.duration_seconds, static_cast<double>(w.succeeded), 1e-6);
  }
  EXPECT_EQ(completed, run.requests);
  EXPECT_EQ(succeeded, run.succeeded);
  EXPECT_NEAR(duration, run.duration_seconds, 1e-9);
  int64_t failed = 0;
  for (const auto& [kind, count] : run.failures) {
    EXPECT_GT(count, 0) << kind;
    failed += count;
  }
  EXPECT_EQ(run.succeeded + failed, run.requests);
  if (run.requests > 0) {
    ASSERT_TRUE(run.error_rate.has_value());
    EXPECT_DOUBLE_EQ(*run.error_rate, static_cast<double>(failed) / run.requests);
  }
  EXPECT_EQ(run.rows_served, run.succeeded * options.rows_per_request);
  if (run.succeeded > 0) {
    const LatencySummary& l = run.latency;
    ASSERT_TRUE(l.p50 && l.p90 && l.p95 && l.p99 && l.max && l.mean);
    EXPECT_GT(*l.p50, 0);
    EXPECT_LE(*l.p50, *l.p90);
    EXPECT_LE(*l.p90, *l.p95);
    EXPECT_LE(*l.p95, *l.p99);
    EXPECT_LE(*l.p99, *l.max);
    EXPECT_LE(*l.mean, *l.max);
    EXPECT_NEAR(run.throughput_rps * run.duration_seconds, static_cast<double>(run.succeeded),
                1e-6);
  } else {
    EXPECT_FALSE(run.latency.p50.has_value());
  }
}

}  // namespace airm::chaos
