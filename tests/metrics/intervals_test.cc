// Wilson and DeLong intervals against the closed form / O(m n) definition
// computed by scripts/fixtures/make_eval_fixtures.py.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "airm/eval_data.h"
#include "airm/metrics.h"
#include "airm/reader.h"

namespace airm {
namespace {

nlohmann::json LoadExpected() {
  std::ifstream in(std::string(AIRM_EVAL_FIXTURE_DIR) + "/expected.json");
  return nlohmann::json::parse(in);
}

// Both sides evaluate the same closed form in double precision; the only
// difference is the normal quantile (Boost vs scipy, both ~1 ulp).
constexpr double kRelTol = 1e-9;

void ExpectRelNear(double actual, double expected, const std::string& what) {
  EXPECT_NEAR(actual, expected, kRelTol * std::max(1.0, std::fabs(expected))) << what;
}

TEST(WilsonInterval, MatchesClosedForm) {
  const nlohmann::json expected = LoadExpected();
  ASSERT_FALSE(expected["wilson"].empty());
  for (const auto& c : expected["wilson"]) {
    const Interval ci = WilsonInterval(c["successes"].get<uint64_t>(), c["n"].get<uint64_t>(),
                                       c["confidence"].get<double>());
    const std::string what = c.dump();
    ExpectRelNear(ci.low, c["interval"][0].get<double>(), what);
    ExpectRelNear(ci.high, c["interval"][1].get<double>(), what);
  }
}

TEST(WilsonInterval, StaysInsideUnitIntervalAndContainsTheProportion) {
  for (uint64_t n : {1u, 2u, 5u, 100u}) {
    for (uint64_t s = 0; s <= n; ++s) {
      const Interval ci = WilsonInterval(s, n, 0.95);
      const double p = static_cast<double>(s) / static_cast<double>(n);
      EXPECT_GE(ci.low, 0.0);
      EXPECT_LE(ci.high, 1.0);
      EXPECT_LE(ci.low, p + 1e-15);
      EXPECT_GE(ci.high, p - 1e-15);
    }
  }
}

TEST(DeLongInterval, MatchesQuadraticDefinitionOnRealData) {
  const nlohmann::json expected = LoadExpected();
  ASSERT_GE(expected["delong"].size(), 3u);
  for (const auto& c : expected["delong"]) {
    auto table = ReadTable(std::string(AIRM_EVAL_FIXTURE_DIR) + "/" + c["file"].get<std::string>());
    ASSERT_TRUE(table.ok()) << table.status().ToString();
    EvalSpec spec;
    spec.target = c["spec"]["target"];
    spec.score = c["spec"]["score"];
    if (c["spec"].contains("positive_label")) spec.positive_label = c["spec"]["positive_label"];
    auto data = BuildEvalData(*table, spec);
    ASSERT_TRUE(data.ok()) << data.status().ToString();
    std::vector<uint8_t> labels(data->y_true.begin(), data->y_true.end());
    double auc = -1, variance = -1;
    auto ci = DeLongInterval(data->score, labels, 0.95, &auc, &variance);
    ASSERT_TRUE(ci.has_value()) << c["name"];
    const std::string what = c["name"];
    ExpectRelNear(auc, c["auc"].get<double>(), what);
    ExpectRelNear(variance, c["variance"].get<double>(), what);
    ExpectRelNear(ci->low, c["ci"][0].get<double>(), what);
    ExpectRelNear(ci->high, c["ci"][1].get<double>(), what);
  }
}

TEST(DeLongInterval, UndefinedWithOneClassAndNoVarianceWithOneRowInAClass) {
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8};
  const std::vector<uint8_t> all_negative = {0, 0, 0, 0};
  double auc = -1;
  EXPECT_FALSE(DeLongInterval(scores, all_negative, 0.95, &auc, nullptr).has_value());
  EXPECT_EQ(auc, -1);  // untouched: AUC itself is undefined

  const std::vector<uint8_t> one_positive = {0, 0, 0, 1};
  double variance = -1;
  EXPECT_FALSE(DeLongInterval(scores, one_positive, 0.95, &auc, &variance).has_value());
  EXPECT_DOUBLE_EQ(auc, 1.0);  // the point AUC is still defined
  EXPECT_EQ(variance, -1);
}

TEST(DeLongInterval, HandComputedSmallCase) {
  // Positives {0.8, 0.4}, negatives {0.1, 0.4, 0.35}: psi rows (1,1,1) and
  // (1,.5,1): AUC = 5.5/6; V10 = (1, 5/6); V01 = (1, .75, 1).
  const std::vector<double> scores = {0.8, 0.4, 0.1, 0.4, 0.35};
  const std::vector<uint8_t> labels = {1, 1, 0, 0, 0};
  double auc = 0, variance = 0;
  auto ci = DeLongInterval(scores, labels, 0.95, &auc, &variance);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(auc, 5.5 / 6, 1e-15);
  const double theta = 5.5 / 6;
  const double s10 = (std::pow(1 - theta, 2) + std::pow(5.0 / 6 - theta, 2)) / 1;
  const double s01 = (2 * std::pow(1 - theta, 2) + std::pow(0.75 - theta, 2)) / 2;
  EXPECT_NEAR(variance, s10 / 2 + s01 / 3, 1e-15);
  EXPECT_LE(ci->high, 1.0);
}

}  // namespace
}  // namespace airm
