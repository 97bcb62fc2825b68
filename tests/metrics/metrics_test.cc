// Metric behaviour on hand-built EvalData: undefined cases, per-row losses,
// row subsets with repeats, bootstrap seeding.
#include "airm/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

#include "airm/eval_counts.h"
#include "airm/eval_data.h"

namespace airm {
namespace {

using ::testing::HasSubstr;

EvalData Binary(std::vector<int32_t> y, std::vector<int32_t> pred, std::vector<double> score) {
  EvalData d;
  d.task = TaskType::kBinary;
  d.classes = {"neg", "pos"};
  d.y_true = std::move(y);
  d.y_pred = std::move(pred);
  d.score = std::move(score);
  d.source_rows.resize(d.y_true.size());
  std::iota(d.source_rows.begin(), d.source_rows.end(), 0u);
  d.rows_total = d.y_true.size();
  return d;
}

EvalData Regression(std::vector<double> y, std::vector<double> y_hat) {
  EvalData d;
  d.task = TaskType::kRegression;
  d.y_value = std::move(y);
  d.y_hat = std::move(y_hat);
  d.source_rows.resize(d.y_value.size());
  std::iota(d.source_rows.begin(), d.source_rows.end(), 0u);
  return d;
}

TEST(Metrics, ZeroDenominatorsAreUndefinedWithAReasonNeverZero) {
  // All actual negatives, nothing predicted positive.
  const EvalData d = Binary({0, 0, 0}, {0, 0, 0}, {0.1, 0.2, 0.3});
  const MetricMap m = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 20});
  for (const char* metric : {"recall", "fnr"}) {
    EXPECT_FALSE(m.at(metric).value.has_value()) << metric;
    EXPECT_EQ(m.at(metric).note, "undefined: no actual positives") << metric;
    EXPECT_FALSE(m.at(metric).ci_low.has_value()) << metric;
  }
  EXPECT_EQ(m.at("precision").note, "undefined: no predicted positives");
  EXPECT_EQ(m.at("f1").note, "undefined: no actual and no predicted positives");
  EXPECT_EQ(m.at("roc_auc").note, "undefined: no actual positives");
  EXPECT_EQ(m.at("average_precision").note, "undefined: no actual positives");
  EXPECT_FALSE(m.at("balanced_accuracy").value.has_value());
  EXPECT_DOUBLE_EQ(*m.at("specificity").value, 1.0);
  EXPECT_EQ(m.at("specificity").ci_method, "wilson");
  EXPECT_DOUBLE_EQ(*m.at("accuracy").value, 1.0);
}

TEST(Metrics, RowsSelectASubsetAndRepeatsCount) {
  const EvalData d = Binary({1, 0, 1, 0}, {1, 1, 0, 0}, {0.9, 0.6, 0.4, 0.1});
  const std::vector<uint32_t> rows = {0, 0, 0, 1};  // 3 TP + 1 FP
  const MetricMap m = ComputePointMetrics(d, rows);
  EXPECT_DOUBLE_EQ(*m.at("precision").value, 0.75);
  EXPECT_DOUBLE_EQ(*m.at("accuracy").value, 0.75);
  EXPECT_DOUBLE_EQ(*m.at("roc_auc").value, 1.0);
  EXPECT_FALSE(m.at("fnr").value.has_value() && *m.at("fnr").value != 0.0);
  EXPECT_DOUBLE_EQ(*m.at("fnr").value, 0.0);
  // The point path leaves intervals empty.
  EXPECT_FALSE(m.at("precision").ci_low.has_value());
  EXPECT_EQ(m.at("precision").ci_method, "");
}

TEST(Metrics, LabelOnlyBinaryHasNoScoreMetrics) {
  const EvalData d = Binary({1, 0, 1, 0}, {1, 1, 0, 0}, {});
  const MetricMap m = ComputePointMetrics(d, {});
  EXPECT_EQ(m.count("roc_auc"), 0u);
  EXPECT_EQ(m.count("log_loss"), 0u);
  EXPECT_EQ(m.size(), 10u);
}

TEST(Metrics, BootstrapDependsOnTheSeedOnly) {
  std::vector<int32_t> y, pred;
  std::vector<double> score;
  for (int i = 0; i < 400; ++i) {
    const double s = std::fmod(i * 0.6180339887, 1.0);
    score.push_back(s);
    y.push_back(std::fmod(i * 0.7548776662, 1.0) < s ? 1 : 0);
    pred.push_back(s >= 0.5);
  }
  const EvalData d = Binary(y, pred, score);
  const MetricMap a = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 50, .seed = 1});
  const MetricMap b = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 50, .seed = 1});
  const MetricMap c = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 50, .seed = 2});
  EXPECT_EQ(a.at("f1").ci_low, b.at("f1").ci_low);
  EXPECT_EQ(a.at("log_loss").ci_high, b.at("log_loss").ci_high);
  EXPECT_NE(a.at("log_loss").ci_high, c.at("log_loss").ci_high);
  // Wilson and DeLong do not depend on the seed.
  EXPECT_EQ(a.at("accuracy").ci_low, c.at("accuracy").ci_low);
  EXPECT_EQ(a.at("roc_auc").ci_low, c.at("roc_auc").ci_low);
  // A wider confidence gives a wider interval.
  const MetricMap wide =
      ComputeMetrics(d, {}, MetricOptions{.bootstrap = 50, .seed = 1, .confidence = 0.99});
  EXPECT_LT(*wide.at("accuracy").ci_low, *a.at("accuracy").ci_low);
  EXPECT_LE(*wide.at("f1").ci_low, *a.at("f1").ci_low);
}

TEST(Metrics, BootstrapDisabledAndBadConfidence) {
  const EvalData d = Binary({1, 0, 1, 0}, {1, 1, 0, 0}, {0.9, 0.6, 0.4, 0.1});
  const MetricMap none = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 0});
  EXPECT_FALSE(none.at("f1").ci_low.has_value());
  EXPECT_EQ(none.at("accuracy").ci_method, "wilson");
  const MetricMap bad = ComputeMetrics(d, {}, MetricOptions{.confidence = 1.5});
  EXPECT_FALSE(bad.at("accuracy").ci_low.has_value());
  EXPECT_THAT(bad.at("accuracy").note, HasSubstr("confidence must be in (0, 1)"));
  EXPECT_DOUBLE_EQ(*bad.at("accuracy").value, 0.5);
}

TEST(Metrics, BootstrapSaysWhenSomeResamplesAreUndefined) {
  // No actual positives and one false positive among 50 rows: F1 = 0 / 1 is
  // defined, but a resample that misses that row (about 36% of them) has
  // 2TP + FP + FN = 0, so F1 is undefined there.
  std::vector<int32_t> y(50, 0), pred(50, 0);
  pred[0] = 1;
  const EvalData d = Binary(y, pred, {});
  const MetricMap m = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 200});
  ASSERT_TRUE(m.at("f1").value.has_value());
  EXPECT_DOUBLE_EQ(*m.at("f1").value, 0.0);
  ASSERT_TRUE(m.at("f1").ci_low.has_value());
  EXPECT_THAT(m.at("f1").note, HasSubstr("resamples where the metric is defined"));
}

TEST(Metrics, RegressionUndefinedCases) {
  const EvalData d = Regression({0, 0, 2, 2}, {1, -1, 2.5, 1});
  const MetricMap all_zero = ComputePointMetrics(d, std::vector<uint32_t>{0, 1});
  EXPECT_FALSE(all_zero.at("mape").value.has_value());
  EXPECT_EQ(all_zero.at("mape").note, "undefined: every actual value is 0");
  EXPECT_FALSE(all_zero.at("r2").value.has_value());
  EXPECT_EQ(all_zero.at("r2").note, "undefined: the actual values do not vary");
  EXPECT_DOUBLE_EQ(*all_zero.at("mae").value, 1.0);

  const MetricMap m = ComputePointMetrics(d, {});
  // MAPE over the two rows with y != 0: (0.25 + 0.5) / 2.
  EXPECT_DOUBLE_EQ(*m.at("mape").value, 0.375);
  EXPECT_EQ(m.at("mape").note, "2 rows with an actual value of 0 excluded");
  // R^2 = 1 - (1 + 1 + 0.25 + 1) / 4.
  EXPECT_DOUBLE_EQ(*m.at("r2").value, 1 - 3.25 / 4);
}

TEST(Metrics, RegressionBootstrapQuantilesStayInsideTheData) {
  std::vector<double> y, y_hat;
  for (int i = 0; i < 300; ++i) {
    y.push_back(i);
    y_hat.push_back(i + std::sin(i) * 10);
  }
  const MetricMap m = ComputeMetrics(Regression(y, y_hat), {}, MetricOptions{.bootstrap = 60});
  for (const char* metric : {"abs_error_p50", "abs_error_p90", "abs_error_p99", "mae", "r2"}) {
    ASSERT_TRUE(m.at(metric).ci_low.has_value()) << metric;
    EXPECT_EQ(m.at(metric).ci_method, "bootstrap");
    EXPECT_LE(*m.at(metric).ci_low, *m.at(metric).value) << metric;
    EXPECT_GE(*m.at(metric).ci_high, *m.at(metric).value) << metric;
  }
  EXPECT_LE(*m.at("abs_error_p99").ci_high, 10.0);
}

TEST(PerRowLoss, MeanEqualsTheMetricAndNamesTheLoss) {
  const EvalData d = Binary({1, 0, 1, 0}, {1, 1, 0, 0}, {1.0, 0.6, 0.0, 0.1});
  std::string name;
  const std::vector<double> loss = PerRowLoss(d, &name);
  EXPECT_EQ(name, "log_loss");
  ASSERT_EQ(loss.size(), 4u);
  const double mean = (loss[0] + loss[1] + loss[2] + loss[3]) / 4;
  EXPECT_NEAR(mean, *ComputePointMetrics(d, {}).at("log_loss").value, 1e-12);
  EXPECT_TRUE(std::isfinite(loss[2]));  // score 0 for a positive: clipped, not inf
  EXPECT_NEAR(loss[2], -std::log(2.220446049250313e-16), 1e-9);

  const EvalData labels = Binary({1, 0, 1}, {1, 1, 1}, {});
  EXPECT_EQ(PerRowLoss(labels, &name), (std::vector<double>{0, 1, 0}));
  EXPECT_EQ(name, "zero_one");
  EXPECT_EQ(PerRowError(labels), (std::vector<uint8_t>{0, 1, 0}));

  const EvalData r = Regression({1, 2}, {1.5, 4});
  EXPECT_EQ(PerRowLoss(r, &name), (std::vector<double>{0.25, 4}));
  EXPECT_EQ(name, "squared_error");
  EXPECT_TRUE(PerRowError(r).empty());
}

TEST(PerRowLoss, MulticlassRenormalisesLikeTheMetric) {
  EvalData d;
  d.task = TaskType::kMulticlass;
  d.classes = {"a", "b", "c"};
  d.y_true = {0, 2, 1};
  d.y_pred = {0, 1, 1};
  d.proba = {{0.7, 0.1, 0.2}, {0.2, 0.5, 0.6}, {0.2, 0.3, 0.0}};  // rows sum to 1.1, 0.9, 0.8
  d.source_rows = {0, 1, 2};
  std::string name;
  const std::vector<double> loss = PerRowLoss(d, &name);
  EXPECT_EQ(name, "log_loss");
  EXPECT_NEAR(loss[0], -std::log(0.7 / 1.1), 1e-12);
  EXPECT_NEAR(loss[1], -std::log(0.3 / 0.9), 1e-12);
  EXPECT_NEAR((loss[0] + loss[1] + loss[2]) / 3, *ComputePointMetrics(d, {}).at("log_loss").value,
              1e-12);
}

TEST(Metrics, LargeInputStaysFast) {
  // 100k rows, 200 resamples: a regression guard for the O(n) resample path
  // (each resample re-sorting would take tens of seconds here in Debug).
  const size_t n = 100000;
  std::vector<int32_t> y(n), pred(n);
  std::vector<double> score(n);
  uint64_t state = 12345;
  for (size_t i = 0; i < n; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    score[i] = static_cast<double>(state >> 11) / 9007199254740992.0;
    y[i] = static_cast<double>((state >> 3) & 1023) / 1023.0 < score[i] ? 1 : 0;
    pred[i] = score[i] >= 0.5;
  }
  const EvalData d = Binary(y, pred, score);
  const MetricMap m = ComputeMetrics(d, {}, MetricOptions{});
  EXPECT_EQ(m.at("average_precision").ci_method, "bootstrap");
  EXPECT_EQ(m.at("roc_auc").ci_method, "delong");
}

}  // namespace
}  // namespace airm

namespace airm {
namespace {

// MetricsFromCounts gives ComputeMetrics's values and Wilson intervals for
// the metrics of the confusion counts, whatever rows made the counts.
TEST(MetricsFromCounts, EqualToComputeMetricsOnTheRows) {
  // 3 TP, 2 FN, 1 FP, 4 TN.
  const EvalData d = Binary({1, 1, 1, 1, 1, 0, 0, 0, 0, 0}, {1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
                            {0.9, 0.8, 0.7, 0.2, 0.1, 0.6, 0.3, 0.2, 0.1, 0.05});
  const MetricMap rows = ComputeMetrics(d, {}, MetricOptions{.bootstrap = 0});
  const MetricMap counts =
      MetricsFromCounts(ConfusionCounts{.tp = 3, .fp = 1, .tn = 4, .fn = 2}, 0.95);
  EXPECT_EQ(counts.size(), 10u);
  for (const auto& [name, m] : counts) {
    EXPECT_EQ(m.value, rows.at(name).value) << name;
    if (m.ci_method == "wilson") {
      EXPECT_EQ(m.ci_low, rows.at(name).ci_low) << name;
      EXPECT_EQ(m.ci_high, rows.at(name).ci_high) << name;
    }
  }
  EXPECT_EQ(counts.at("precision").ci_method, "wilson");
  EXPECT_DOUBLE_EQ(*counts.at("f1").value, 6.0 / 9.0);
  EXPECT_THAT(counts.at("f1").note, HasSubstr("bootstrap interval needs the rows"));
  const MetricMap points = MetricsFromCounts(ConfusionCounts{.fp = 1, .tn = 2}, std::nullopt);
  EXPECT_FALSE(points.at("precision").ci_low.has_value());
  EXPECT_EQ(points.at("recall").note, "undefined: no actual positives");
}

}  // namespace
}  // namespace airm
