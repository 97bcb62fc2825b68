// The paired bootstrap against scripts/fixtures/make_chaos_fixtures.py
// (numpy + scikit-learn with the same SplitMix64 draws), and the weighted
// kernels against airm's own metric code.
#include "paired_bootstrap.h"

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>

#include "airm/eval_data.h"
#include "airm/metrics.h"
#include "suite_test_data.h"

namespace airm::chaos::internal {
namespace {

using nlohmann::json;

json LoadFixture() {
  std::ifstream in(testing::SourcePath("tests/fixtures/chaos/paired_bootstrap.json"));
  EXPECT_TRUE(in.good());
  return json::parse(in);
}

MetricKind KindOf(const std::string& name) {
  if (name == "roc_auc") return MetricKind::kRocAuc;
  if (name == "accuracy") return MetricKind::kAccuracy;
  if (name == "log_loss") return MetricKind::kLogLoss;
  return MetricKind::kRmse;
}

// The same draws give the same resamples, so only summation order differs
// between numpy and C++: a relative error of a few ulps per sum.
constexpr double kTolerance = 1e-9;

TEST(PairedBootstrapTest, MatchesNumpyAndScikitLearnFixture) {
  const json fixture = LoadFixture();
  ASSERT_GE(fixture["cases"].size(), 4u);
  for (const json& c : fixture["cases"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const bool binary = c["task"] == "binary";
    std::vector<uint8_t> labels;
    std::vector<double> values;
    if (binary) {
      for (int v : c["labels"]) labels.push_back(static_cast<uint8_t>(v));
    } else {
      values = c["values"].get<std::vector<double>>();
    }
    const std::vector<double> base = c["baseline"].get<std::vector<double>>();
    const std::vector<double> pert = c["perturbed"].get<std::vector<double>>();
    MetricRows rows{.binary = binary,
                    .labels = labels,
                    .values = values,
                    .threshold = c["threshold"].get<double>()};
    std::vector<MetricKind> kinds;
    std::vector<std::string> names;
    for (const auto& [name, expected] : c["expected"].items()) {
      kinds.push_back(KindOf(name));
      names.push_back(name);
    }
    PairedBootstrap bootstrap(rows, base, kinds,
                              {.replicates = c["replicates"].get<int>(),
                               .seed = c["seed"].get<uint64_t>(),
                               .confidence = c["confidence"].get<double>()});
    const std::vector<DeltaInterval> intervals = bootstrap.Intervals(pert);
    for (size_t k = 0; k < kinds.size(); ++k) {
      SCOPED_TRACE(names[k]);
      const json& expected = c["expected"][names[k]];
      const double delta =
          *WeightedMetric(kinds[k], rows, pert, {}) - *WeightedMetric(kinds[k], rows, base, {});
      EXPECT_NEAR(delta, expected["delta"].get<double>(), kTolerance);
      EXPECT_EQ(intervals[k].replicates_used, expected["replicates_used"].get<int>());
      ASSERT_TRUE(intervals[k].low.has_value()) << intervals[k].note;
      EXPECT_NEAR(*intervals[k].low, expected["ci_low"].get<double>(), kTolerance);
      EXPECT_NEAR(*intervals[k].high, expected["ci_high"].get<double>(), kTolerance);
    }
  }
}

// With unit weights the kernels are airm's ComputePointMetrics.
TEST(PairedBootstrapTest, UnitWeightKernelsEqualAirmMetrics) {
  const json fixture = LoadFixture();
  for (const json& c : fixture["cases"]) {
    if (c["task"] != "binary") continue;
    std::vector<uint8_t> labels;
    for (int v : c["labels"]) labels.push_back(static_cast<uint8_t>(v));
    const std::vector<double> scores = c["perturbed"].get<std::vector<double>>();
    const double threshold = c["threshold"].get<double>();
    EvalData data;
    data.task = TaskType::kBinary;
    data.classes = {"no", "yes"};
    data.threshold = threshold;
    for (size_t i = 0; i < scores.size(); ++i) {
      data.y_true.push_back(labels[i]);
      data.y_pred.push_back(scores[i] >= threshold);
      data.score.push_back(scores[i]);
      data.source_rows.push_back(static_cast<uint32_t>(i));
    }
    const MetricMap airm = ComputePointMetrics(data, {});
    MetricRows rows{.binary = true, .labels = labels, .values = {}, .threshold = threshold};
    EXPECT_NEAR(*WeightedMetric(MetricKind::kRocAuc, rows, scores, {}), *airm.at("roc_auc").value,
                1e-12);
    EXPECT_NEAR(*WeightedMetric(MetricKind::kAccuracy, rows, scores, {}),
                *airm.at("accuracy").value, 1e-12);
    EXPECT_NEAR(*WeightedMetric(MetricKind::kLogLoss, rows, scores, {}), *airm.at("log_loss").value,
                1e-12);
  }
}

TEST(PairedBootstrapTest, WeightsActAsRepeatedRows) {
  const std::vector<uint8_t> labels = {0, 1, 0, 1, 1};
  const std::vector<double> scores = {0.1, 0.4, 0.4, 0.8, 0.3};
  const std::vector<uint16_t> weights = {2, 0, 1, 3, 1};
  // The same rows written out: 0,0,2,3,3,3,4.
  const std::vector<uint8_t> rep_labels = {0, 0, 0, 1, 1, 1, 1};
  const std::vector<double> rep_scores = {0.1, 0.1, 0.4, 0.8, 0.8, 0.8, 0.3};
  MetricRows rows{.binary = true, .labels = labels, .values = {}, .threshold = 0.35};
  MetricRows rep{.binary = true, .labels = rep_labels, .values = {}, .threshold = 0.35};
  for (MetricKind kind : {MetricKind::kRocAuc, MetricKind::kAccuracy, MetricKind::kLogLoss}) {
    EXPECT_NEAR(*WeightedMetric(kind, rows, scores, weights),
                *WeightedMetric(kind, rep, rep_scores, {}), 1e-15)
        << MetricName(kind);
  }
}

TEST(PairedBootstrapTest, UndefinedIsNotZero) {
  const std::vector<uint8_t> one_class = {1, 1, 1};
  const std::vector<double> scores = {0.2, 0.5, 0.9};
  MetricRows rows{.binary = true, .labels = one_class, .values = {}, .threshold = 0.5};
  EXPECT_FALSE(WeightedMetric(MetricKind::kRocAuc, rows, scores, {}));
  const std::vector<uint16_t> none = {0, 0, 0};
  EXPECT_FALSE(WeightedMetric(MetricKind::kAccuracy, rows, scores, none));
  PairedBootstrap bootstrap(rows, scores, {MetricKind::kRocAuc},
                            {.replicates = 50, .seed = 1, .confidence = 0.95});
  const std::vector<DeltaInterval> d = bootstrap.Intervals(std::vector<double>{0.3, 0.3, 0.3});
  EXPECT_FALSE(d[0].low.has_value());
  EXPECT_NE(d[0].note.find("insufficient evidence"), std::string::npos);
}

TEST(PairedBootstrapTest, SplitMixIsTheReferenceGenerator) {
  // First outputs of SplitMix64 seeded with 0 (Vigna's reference code).
  SplitMix64 rng(0);
  EXPECT_EQ(rng.Next(), 0xE220A8397B1DCDAFULL);
  EXPECT_EQ(rng.Next(), 0x6E789E6AA1B965F4ULL);
}

}  // namespace
}  // namespace airm::chaos::internal
