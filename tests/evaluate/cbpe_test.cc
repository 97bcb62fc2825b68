// CBPE (airm/cbpe.h) against the numpy / scikit-learn reference
// (scripts/fixtures/make_cbpe_fixtures.py -> tests/fixtures/evaluate/
// cbpe_cases.json), and on a calibrated seeded model: the estimate made
// without labels lands within its band of the metric the labels realize.
#include "airm/cbpe.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <vector>

#include "airm/stats/roc_auc.h"

namespace airm {
namespace {

using ::testing::HasSubstr;

std::vector<uint8_t> Labels(const nlohmann::json& values) {
  std::vector<uint8_t> labels;
  for (int v : values.get<std::vector<int>>()) labels.push_back(static_cast<uint8_t>(v));
  return labels;
}

TEST(CbpeTest, MatchesTheScikitLearnReference) {
  std::ifstream in(std::string(AIRM_EVALUATE_FIXTURE_DIR) + "/cbpe_cases.json");
  ASSERT_TRUE(in) << "missing fixture cbpe_cases.json";
  const nlohmann::json fixture = nlohmann::json::parse(in);
  ASSERT_EQ(fixture["cases"].size(), 3u);
  for (const auto& c : fixture["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const auto ref_scores = c["reference_scores"].get<std::vector<double>>();
    const auto window = c["window_scores"].get<std::vector<double>>();
    auto calibrator = FitCbpe(ref_scores, Labels(c["reference_labels"]), c["threshold"]);
    ASSERT_TRUE(calibrator.ok()) << calibrator.status().ToString();
    // Isotonic calibration as sklearn's: the same fitted means and the same
    // linear interpolation, to rounding.
    const auto calibrated = c["calibrated"].get<std::vector<double>>();
    for (size_t i = 0; i < window.size(); ++i) {
      EXPECT_NEAR(stats::PredictIsotonic(calibrator->calibration, window[i]), calibrated[i], 1e-12)
          << "window row " << i;
    }
    auto estimate = EstimateCbpe(*calibrator, window);
    ASSERT_TRUE(estimate.ok()) << estimate.status().ToString();
    EXPECT_EQ(estimate->rows, window.size());
    // Sums of up to 300 probabilities: agreement to 1e-9 absolute.
    EXPECT_NEAR(estimate->true_positives, c["confusion"]["tp"].get<double>(), 1e-9);
    EXPECT_NEAR(estimate->false_positives, c["confusion"]["fp"].get<double>(), 1e-9);
    EXPECT_NEAR(estimate->false_negatives, c["confusion"]["fn"].get<double>(), 1e-9);
    EXPECT_NEAR(estimate->true_negatives, c["confusion"]["tn"].get<double>(), 1e-9);
    ASSERT_EQ(estimate->metrics.size(), 5u);
    for (const CbpeMetric& m : estimate->metrics) {
      SCOPED_TRACE(m.name);
      const auto& expected = c["metrics"][m.name];
      ASSERT_TRUE(m.value.has_value());
      ASSERT_TRUE(m.sampling_error.has_value());
      EXPECT_NEAR(*m.value, expected["value"].get<double>(), 1e-12);
      EXPECT_NEAR(*m.sampling_error, expected["sampling_error"].get<double>(), 1e-12);
      EXPECT_NEAR(*m.lower, expected["lower"].get<double>(), 1e-12);
      EXPECT_NEAR(*m.upper, expected["upper"].get<double>(), 1e-12);
    }
  }
}

// A calibrated model (score = P(y = 1 | x)) under covariate shift: the
// window's labels are drawn, then hidden from the estimator. Each estimate
// must fall within its 3-sampling-error band of the realized metric; a
// wrong confusion cell or AUC weighting moves it by far more (the model's
// accuracy is ~0.75, a band ~±0.03).
TEST(CbpeTest, EstimateOnACalibratedModelIsCloseToTheRealizedMetric) {
  std::mt19937_64 rng(20261207);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  auto draw = [&](double shift, size_t n, std::vector<double>* scores,
                  std::vector<uint8_t>* labels) {
    for (size_t i = 0; i < n; ++i) {
      const double p = 1.0 / (1.0 + std::exp(-(1.5 * (normal(rng) + shift) - 0.5)));
      scores->push_back(p);
      labels->push_back(unit(rng) < p ? 1 : 0);
    }
  };
  std::vector<double> ref_scores, window;
  std::vector<uint8_t> ref_labels, window_labels;
  draw(0.0, 4000, &ref_scores, &ref_labels);
  draw(0.6, 2000, &window, &window_labels);
  auto calibrator = FitCbpe(ref_scores, ref_labels, 0.5);
  ASSERT_TRUE(calibrator.ok()) << calibrator.status().ToString();
  auto estimate = EstimateCbpe(*calibrator, window);
  ASSERT_TRUE(estimate.ok());

  double tp = 0, fp = 0, fn = 0, tn = 0;
  for (size_t i = 0; i < window.size(); ++i) {
    const bool predicted = window[i] >= 0.5, actual = window_labels[i] == 1;
    (predicted ? (actual ? tp : fp) : (actual ? fn : tn)) += 1;
  }
  const double realized[] = {(tp + tn) / window.size(), tp / (tp + fp), tp / (tp + fn),
                             2 * tp / (2 * tp + fp + fn), *stats::RocAuc(window, window_labels)};
  for (int m = 0; m < kCbpeMetricCount; ++m) {
    const CbpeMetric& metric = estimate->metrics[m];
    SCOPED_TRACE(metric.name);
    ASSERT_TRUE(metric.value && metric.sampling_error);
    EXPECT_LT(*metric.sampling_error, 0.03);
    EXPECT_NEAR(*metric.value, realized[m], kCbpeBandSigmas * *metric.sampling_error);
    EXPECT_LE(*metric.lower, realized[m]);
    EXPECT_GE(*metric.upper, realized[m]);
  }
}

TEST(CbpeTest, ReferenceWithOneClassOrBadScoresIsRefusedByName) {
  const std::vector<double> scores = {0.2, 0.7, 0.9};
  const std::vector<uint8_t> ones = {1, 1, 1}, mixed = {0, 1, 1};
  auto one_class = FitCbpe(scores, ones, 0.5);
  ASSERT_FALSE(one_class.ok());
  EXPECT_THAT(one_class.status().message(), HasSubstr("both classes"));
  const std::vector<double> outside = {0.2, 1.5, 0.9};
  auto bad = FitCbpe(outside, mixed, 0.5);
  ASSERT_FALSE(bad.ok());
  EXPECT_THAT(bad.status().message(), HasSubstr("row 1 is outside [0, 1]"));
  auto calibrator = FitCbpe(scores, mixed, 0.5);
  ASSERT_TRUE(calibrator.ok());
  const std::vector<double> nan_window = {0.5, std::nan("")};
  auto window = EstimateCbpe(*calibrator, nan_window);
  ASSERT_FALSE(window.ok());
  EXPECT_THAT(window.status().message(), HasSubstr("CBPE window score at row 1 is NaN"));
}

TEST(CbpeTest, UndefinedMetricsAreNulloptNotZero) {
  const std::vector<double> scores = {0.1, 0.2, 0.8, 0.9};
  const std::vector<uint8_t> labels = {0, 1, 0, 1};
  auto calibrator = FitCbpe(scores, labels, 0.5);
  ASSERT_TRUE(calibrator.ok());
  // Every window row predicted negative: precision has no denominator.
  const std::vector<double> low = {0.1, 0.15};
  auto estimate = EstimateCbpe(*calibrator, low);
  ASSERT_TRUE(estimate.ok());
  EXPECT_FALSE(estimate->metrics[1].value.has_value());  // precision
  EXPECT_FALSE(estimate->metrics[1].lower.has_value());
  EXPECT_TRUE(estimate->metrics[0].value.has_value());  // accuracy
  auto empty = EstimateCbpe(*calibrator, std::span<const double>());
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->rows, 0u);
  for (const CbpeMetric& m : empty->metrics) EXPECT_FALSE(m.value.has_value()) << m.name;
}

}  // namespace
}  // namespace airm
