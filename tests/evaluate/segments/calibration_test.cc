// AnalyzeCalibration: against sklearn's calibration_curve and numpy on real
// scored data, and the undefined cases.
#include "airm/calibration.h"

#include <cmath>

#include "test_util.h"

namespace airm {
namespace {

using groups_testing::BinaryData;
using groups_testing::LoadFixture;
using groups_testing::Near;

EvalData FromFixture(const nlohmann::json& d) {
  const auto y = d["y"].get<std::vector<int32_t>>();
  const auto score = d["score"].get<std::vector<double>>();
  std::vector<int32_t> pred;
  for (double s : score) pred.push_back(s >= 0.5);
  return BinaryData(y, pred, score);
}

void ExpectMatches(const CalibrationResult& c, const nlohmann::json& e) {
  ASSERT_TRUE(c.available) << c.note;
  ASSERT_EQ(c.bins.size(), e["counts"].size());
  size_t k = 0;  // index into sklearn's prob_true / prob_pred (empty bins dropped)
  for (size_t b = 0; b < c.bins.size(); ++b) {
    SCOPED_TRACE("bin " + std::to_string(b));
    EXPECT_EQ(c.bins[b].count, e["counts"][b].get<uint64_t>());
    if (c.bins[b].count == 0) {
      EXPECT_FALSE(c.bins[b].mean_predicted.has_value());
      continue;
    }
    ASSERT_LT(k, e["prob_true"].size());
    EXPECT_TRUE(Near(c.bins[b].fraction_positive, e["prob_true"][k]));
    EXPECT_TRUE(Near(c.bins[b].mean_predicted, e["prob_pred"][k]));
    ++k;
  }
  EXPECT_EQ(k, e["prob_true"].size());
  for (const char* name :
       {"ece", "mce", "ece_equal_mass", "overconfidence_rate", "underconfidence_rate"}) {
    const std::optional<double>* v = nullptr;
    const std::string n = name;
    if (n == "ece") v = &c.ece;
    if (n == "mce") v = &c.mce;
    if (n == "ece_equal_mass") v = &c.ece_equal_mass;
    if (n == "overconfidence_rate") v = &c.overconfidence_rate;
    if (n == "underconfidence_rate") v = &c.underconfidence_rate;
    EXPECT_TRUE(Near(*v, e[name])) << name;
  }
}

TEST(Calibration, MatchesSklearnCalibrationCurve) {
  const nlohmann::json fx = LoadFixture("calibration.json");
  for (const nlohmann::json& cs : fx["cases"]) {
    SCOPED_TRACE(cs["name"].get<std::string>());
    const EvalData data = FromFixture(fx["data"][cs["data"].get<std::string>()]);
    const auto rows = cs["rows"].get<std::vector<uint32_t>>();
    const nlohmann::json& e = cs["expected"];
    const CalibrationResult c = AnalyzeCalibration(data, rows, e["n_bins"].get<int>());
    ExpectMatches(c, e);
    EXPECT_TRUE(Near(c.brier, e["brier"]));
    EXPECT_TRUE(Near(c.reliability, e["reliability"]));
    EXPECT_TRUE(Near(c.resolution, e["resolution"]));
    EXPECT_TRUE(Near(c.uncertainty, e["uncertainty"]));
    EXPECT_FALSE(c.classwise_ece.has_value());
  }
}

TEST(Calibration, MulticlassTopLabelAndClasswise) {
  const nlohmann::json fx = LoadFixture("calibration.json");
  const nlohmann::json& m = fx["multiclass"];
  EvalData d;
  d.task = TaskType::kMulticlass;
  d.classes = m["classes"].get<std::vector<std::string>>();
  d.y_true = m["y_true"].get<std::vector<int32_t>>();
  d.proba = m["proba"].get<std::vector<std::vector<double>>>();
  for (uint32_t i = 0; i < d.y_true.size(); ++i) {
    d.source_rows.push_back(i);
    d.y_pred.push_back(0);  // not used: top label is the argmax of proba
  }
  const CalibrationResult c = AnalyzeCalibration(d, {}, 10);
  ExpectMatches(c, m["expected"]);
  EXPECT_TRUE(Near(c.classwise_ece, m["expected"]["classwise_ece"]));
  EXPECT_FALSE(c.brier.has_value());
}

TEST(Calibration, ConstantWithinBinsMakesTheDecompositionExact) {
  // Two distinct scores, each alone in its bin: BS = REL - RES + UNC exactly.
  const EvalData d = BinaryData({1, 0, 0, 0, 1, 1, 1, 0}, {0, 0, 0, 0, 1, 1, 1, 1},
                                {0.2, 0.2, 0.2, 0.2, 0.9, 0.9, 0.9, 0.9});
  const CalibrationResult c = AnalyzeCalibration(d, {}, 10);
  ASSERT_TRUE(c.available);
  EXPECT_NEAR(*c.brier, *c.reliability - *c.resolution + *c.uncertainty, 1e-15);
  // Bin (0.1, 0.2] has fraction 0.25 vs 0.2; bin (0.8, 0.9] 0.75 vs 0.9.
  EXPECT_NEAR(*c.ece, 0.5 * 0.05 + 0.5 * 0.15, 1e-15);
  EXPECT_NEAR(*c.mce, 0.15, 1e-15);
}

TEST(Calibration, AllScoresEqual) {
  const EvalData d = BinaryData({1, 0, 0, 1}, {1, 1, 1, 1}, {0.5, 0.5, 0.5, 0.5});
  const CalibrationResult c = AnalyzeCalibration(d, {}, 10);
  ASSERT_TRUE(c.available);
  EXPECT_NEAR(*c.ece, 0.0, 1e-15);
  EXPECT_NEAR(*c.ece_equal_mass, 0.0, 1e-15);
  EXPECT_EQ(c.bins[4].count, 4u);  // 0.5 is in (0.4, 0.5]
  EXPECT_DOUBLE_EQ(*c.overconfidence_rate, 0.0);
}

TEST(Calibration, UndefinedCasesSayWhy) {
  EvalData labels_only = BinaryData({0, 1}, {0, 1});
  CalibrationResult c = AnalyzeCalibration(labels_only, {}, 10);
  EXPECT_FALSE(c.available);
  EXPECT_NE(c.note.find("--score"), std::string::npos);

  EvalData regression;
  regression.task = TaskType::kRegression;
  regression.y_value = {1, 2};
  regression.y_hat = {1, 2};
  regression.source_rows = {0, 1};
  EXPECT_FALSE(AnalyzeCalibration(regression, {}, 10).available);

  EvalData outside = BinaryData({0, 1}, {0, 1}, {-0.5, 2.0});
  c = AnalyzeCalibration(outside, {}, 10);
  EXPECT_FALSE(c.available);
  EXPECT_NE(c.note.find("outside [0, 1]"), std::string::npos);

  EXPECT_FALSE(AnalyzeCalibration(BinaryData({0, 1}, {0, 1}, {0.1, 0.9}), {}, 0).available);
}

TEST(Calibration, NanScoresSkippedAndCounted) {
  EvalData d = BinaryData({0, 1, 1}, {0, 1, 1}, {0.1, NAN, 0.9});
  const CalibrationResult c = AnalyzeCalibration(d, {}, 10);
  ASSERT_TRUE(c.available);
  uint64_t total = 0;
  for (const CalibrationBin& b : c.bins) total += b.count;
  EXPECT_EQ(total, 2u);
  EXPECT_NE(c.note.find("1 row with a NaN probability skipped"), std::string::npos) << c.note;
}

TEST(Calibration, RowSubsetOnlyUsesThoseRows) {
  EvalData d = BinaryData({0, 1, 1, 0}, {0, 1, 1, 0}, {0.05, 0.95, 0.15, 0.85});
  const std::vector<uint32_t> rows = {1, 3};
  const CalibrationResult c = AnalyzeCalibration(d, rows, 10);
  ASSERT_TRUE(c.available);
  EXPECT_EQ(c.bins[0].count, 0u);
  EXPECT_EQ(c.bins[9].count, 1u);
  EXPECT_EQ(c.bins[8].count, 1u);
  EXPECT_NEAR(*c.brier, (0.05 * 0.05 + 0.85 * 0.85) / 2, 1e-15);
}

}  // namespace
}  // namespace airm
