// Every metric on real scored data and edge cases against scikit-learn 1.2.1
// / numpy (tests/fixtures/eval/expected.json, made by
// scripts/fixtures/make_eval_fixtures.py).
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "airm/eval_data.h"
#include "airm/metrics.h"
#include "airm/reader.h"

namespace airm {
namespace {

// Both sides sum the same terms in double precision; different summation
// order (pairwise in numpy) costs a few ulps per term, far below 1e-9.
constexpr double kRelTol = 1e-9;

nlohmann::json LoadExpected() {
  std::ifstream in(std::string(AIRM_EVAL_FIXTURE_DIR) + "/expected.json");
  return nlohmann::json::parse(in);
}

struct Case {
  std::string name;
  EvalData data;
  std::vector<uint32_t> rows;
  nlohmann::json expected;
  nlohmann::json counts;
};

EvalSpec SpecFromJson(const nlohmann::json& j) {
  EvalSpec spec;
  spec.target = j["target"];
  if (j.contains("score")) spec.score = j["score"];
  if (j.contains("prediction")) spec.prediction = j["prediction"];
  if (j.contains("proba_prefix")) spec.proba_prefix = j["proba_prefix"];
  if (j.contains("positive_label")) spec.positive_label = j["positive_label"];
  if (j.contains("threshold")) spec.threshold = j["threshold"].get<double>();
  if (j.contains("task") && j["task"] == "regression") spec.task = TaskType::kRegression;
  return spec;
}

std::vector<Case> LoadCases() {
  std::vector<Case> cases;
  const nlohmann::json expected = LoadExpected();
  for (const auto& c : expected["cases"]) {
    auto table = ReadTable(std::string(AIRM_EVAL_FIXTURE_DIR) + "/" + c["file"].get<std::string>());
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    if (!table.ok()) continue;
    auto data = BuildEvalData(*table, SpecFromJson(c["spec"]));
    EXPECT_TRUE(data.ok()) << c["name"] << ": " << data.status().ToString();
    if (!data.ok()) continue;
    Case out{
        c["name"], std::move(data).value(), {}, c["expected"], c.value("counts", nlohmann::json())};
    if (c.contains("rows")) out.rows = c["rows"].get<std::vector<uint32_t>>();
    cases.push_back(std::move(out));
  }
  return cases;
}

void ExpectMatches(const MetricMap& actual, const nlohmann::json& expected,
                   const std::string& name) {
  std::set<std::string> expected_names;
  for (const auto& [metric, value] : expected.items()) {
    expected_names.insert(metric);
    auto it = actual.find(metric);
    ASSERT_NE(it, actual.end()) << name << ": missing " << metric;
    const std::string what = name + "." + metric;
    if (value.is_null()) {
      EXPECT_FALSE(it->second.value.has_value()) << what << " should be undefined";
      EXPECT_FALSE(it->second.note.empty()) << what << " undefined without a reason";
      continue;
    }
    ASSERT_TRUE(it->second.value.has_value()) << what << ": " << it->second.note;
    const double e = value.get<double>();
    EXPECT_NEAR(*it->second.value, e, kRelTol * std::max(1.0, std::fabs(e))) << what;
  }
  for (const auto& [metric, value] : actual) {
    EXPECT_TRUE(expected_names.count(metric)) << name << ": unexpected metric " << metric;
  }
}

TEST(MetricsFixture, PointMetricsMatchScikitLearn) {
  const std::vector<Case> cases = LoadCases();
  ASSERT_GE(cases.size(), 15u);
  for (const Case& c : cases) {
    ExpectMatches(ComputePointMetrics(c.data, c.rows), c.expected, c.name);
  }
}

TEST(MetricsFixture, IntervalsAreDeterministicAndContainThePoint) {
  MetricOptions options;
  options.bootstrap = 100;
  for (const Case& c : LoadCases()) {
    const MetricMap first = ComputeMetrics(c.data, c.rows, options);
    const MetricMap again = ComputeMetrics(c.data, c.rows, options);
    ExpectMatches(first, c.expected, c.name + " (with intervals)");
    for (const auto& [metric, m] : first) {
      const std::string what = c.name + "." + metric;
      const MetricValue& m2 = again.at(metric);
      EXPECT_EQ(m.ci_low, m2.ci_low) << what;
      EXPECT_EQ(m.ci_high, m2.ci_high) << what;
      if (!m.value) {
        EXPECT_FALSE(m.ci_low.has_value()) << what;
        EXPECT_EQ(m.ci_method, "") << what;
        continue;
      }
      if (!m.ci_low) continue;
      EXPECT_LE(*m.ci_low, *m.ci_high) << what;
      if (m.ci_method == "bootstrap" && *m.ci_low == *m.ci_high) continue;  // degenerate
      EXPECT_LE(*m.ci_low, *m.value + 1e-12) << what << " " << m.ci_method;
      EXPECT_GE(*m.ci_high, *m.value - 1e-12) << what << " " << m.ci_method;
    }
  }
}

TEST(MetricsFixture, IntervalMethodsFollowTheMetric) {
  for (const Case& c : LoadCases()) {
    if (c.name != "credit_score" && c.name != "hpc_cv_proba" && c.name != "ames") continue;
    const MetricMap m = ComputeMetrics(c.data, c.rows, MetricOptions{.bootstrap = 50});
    for (const auto& [metric, value] : m) {
      std::string method = "bootstrap";
      if (metric == "roc_auc") method = "delong";
      static const std::set<std::string> kWilson = {"accuracy",    "precision",     "recall",
                                                    "specificity", "fpr",           "fnr",
                                                    "error_rate",  "selection_rate"};
      if (kWilson.count(metric)) method = "wilson";
      EXPECT_EQ(value.ci_method, method) << c.name << "." << metric;
      EXPECT_TRUE(value.ci_low.has_value()) << c.name << "." << metric << " " << value.note;
    }
  }
}

TEST(MetricsFixture, WilsonIntervalsUseEachMetricsOwnDenominator) {
  for (const Case& c : LoadCases()) {
    if (c.counts.is_null() || !c.rows.empty()) continue;
    const uint64_t tp = c.counts["tp"], fp = c.counts["fp"], tn = c.counts["tn"],
                   fn = c.counts["fn"];
    const MetricMap m = ComputeMetrics(c.data, {}, MetricOptions{.bootstrap = 0});
    auto check = [&](const char* metric, uint64_t s, uint64_t n) {
      if (n == 0) return;
      const Interval ci = WilsonInterval(s, n, 0.95);
      EXPECT_EQ(m.at(metric).ci_low, ci.low) << c.name << "." << metric;
      EXPECT_EQ(m.at(metric).ci_high, ci.high) << c.name << "." << metric;
    };
    check("accuracy", tp + tn, tp + fp + tn + fn);
    check("precision", tp, tp + fp);
    check("recall", tp, tp + fn);
    check("specificity", tn, tn + fp);
    check("fpr", fp, fp + tn);
    check("fnr", fn, fn + tp);
    check("selection_rate", tp + fp, tp + fp + tn + fn);
    check("error_rate", fp + fn, tp + fp + tn + fn);
  }
}

}  // namespace
}  // namespace airm
