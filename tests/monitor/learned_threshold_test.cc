// Learned alert thresholds and the FDR family against numpy / scipy
// (scripts/fixtures/make_monitor_threshold_fixtures.py), and their config.
#include "airm/monitor/learned_threshold.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>

#include "airm/monitor/fdr_family.h"
#include "airm/monitor/monitor_config.h"

namespace airm::monitor {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;

json Fixture() {
  std::ifstream in(std::string(AIRM_MONITOR_FIXTURE_DIR) + "/learned_thresholds.json");
  return json::parse(in);
}

ThresholdSide SideOf(const std::string& side) {
  return side == "both"    ? ThresholdSide::kBoth
         : side == "lower" ? ThresholdSide::kLower
                           : ThresholdSide::kUpper;
}

// Tolerances: mean, sd and quantiles are a few flops from numpy's (1e-12
// relative); Boost's normal and t tails agree with scipy's to ~1e-14
// relative, far below the 1e-10 asked.
TEST(LearnedThresholdTest, MatchesNumpyAndScipy) {
  const json fixture = Fixture();
  ASSERT_GE(fixture["thresholds"].size(), 8u);
  for (const json& c : fixture["thresholds"]) {
    SCOPED_TRACE(c["name"].get<std::string>());
    const std::vector<double> values = c["values"].get<std::vector<double>>();
    LearnSpec spec{.min_windows = 3};
    if (c["method"] == "quantile") {
      spec.method = LearnMethod::kQuantile;
      spec.q = c["q"].get<double>();
    } else {
      spec.k = c["k"].get<double>();
    }
    const LearnedThreshold t = LearnThreshold(values, spec, SideOf(c["side"]));
    ASSERT_EQ(t.status, "ok") << t.note;
    EXPECT_EQ(t.windows, static_cast<int64_t>(values.size()));
    if (c.contains("mean")) {
      EXPECT_NEAR(*t.mean, c["mean"].get<double>(), 1e-12);
      EXPECT_NEAR(*t.sd, c["sd"].get<double>(), 1e-12);
    }
    EXPECT_NEAR(*t.lower, c["lower"].get<double>(), 1e-12);
    EXPECT_NEAR(*t.upper, c["upper"].get<double>(), 1e-12);
    const double rate = c["expected_false_alarm_rate"].get<double>();
    const double with_n = c["false_alarm_rate_with_n"].get<double>();
    EXPECT_NEAR(*t.expected_false_alarm_rate, rate, 1e-10 * rate);
    EXPECT_NEAR(*t.false_alarm_rate_with_n, with_n, 1e-10 * with_n);
    EXPECT_FALSE(t.assumes.empty());
  }
}

TEST(LearnedThresholdTest, TooFewWindowsIsInsufficientEvidenceNotAValue) {
  const std::vector<double> values = {0.1, 0.2, 0.15};
  const LearnedThreshold t = LearnThreshold(values, {.min_windows = 4}, ThresholdSide::kUpper);
  EXPECT_EQ(t.status, "insufficient_evidence");
  EXPECT_THAT(t.note, HasSubstr("3 earlier window(s) with a value, 4 needed"));
  EXPECT_FALSE(t.upper.has_value());
  EXPECT_FALSE(t.expected_false_alarm_rate.has_value());
}

TEST(LearnedThresholdTest, AConstantMetricHasNoSigmaAndNoRate) {
  const std::vector<double> values(8, 0.5);
  const LearnedThreshold t = LearnThreshold(values, {}, ThresholdSide::kUpper);
  EXPECT_EQ(t.status, "insufficient_evidence");
  EXPECT_THAT(t.note, HasSubstr("σ = 0"));
  EXPECT_FALSE(t.expected_false_alarm_rate.has_value());
}

TEST(LearnedThresholdTest, ExpressionCarriesTheExactNumber) {
  const std::vector<double> values = {1.0, 2.0, 4.0};
  LearnedThreshold t = LearnThreshold(values, {.k = 2, .min_windows = 3}, ThresholdSide::kUpper);
  const std::string upper = LearnedExpression("columns.x.effect_size", ">", t);
  EXPECT_EQ(upper.rfind("columns.x.effect_size>", 0), 0u);
  EXPECT_EQ(std::stod(upper.substr(22)), *t.upper);
  t.side = ThresholdSide::kBoth;
  EXPECT_THAT(LearnedExpression("metrics.`a b`.value", "!=", t),
              HasSubstr(",metrics.`a b`.value>"));
}

TEST(FdrFamilyTest, BenjaminiHochbergAcrossWindowsMatchesTheReference) {
  const json fixture = Fixture();
  for (const json& f : fixture["fdr_families"]) {
    SCOPED_TRACE(f["name"].get<std::string>());
    std::vector<WindowTests> family;
    for (const json& w : f["windows"]) {
      WindowTests tests{.label = w["label"].get<std::string>()};
      for (const json& t : w["tests"]) {
        ColumnTest c{.column = t["column"].get<std::string>(),
                     .output = t["output"].get<bool>(),
                     .p_value = t["p_value"].get<double>(),
                     .effect_size_threshold = t["effect_size_threshold"].get<double>()};
        if (t["effect_size"].is_number()) c.effect_size = t["effect_size"].get<double>();
        tests.tests.push_back(c);
      }
      family.push_back(std::move(tests));
    }
    const FdrDecision d = DecideFdrFamily(family, f["level"].get<double>());
    EXPECT_EQ(d.tests, f["tests"].get<size_t>());
    EXPECT_EQ(d.windows, family.size());
    EXPECT_EQ(d.last_window, family.back().label);
    ASSERT_EQ(d.columns.size(), f["columns"].size());
    for (size_t i = 0; i < d.columns.size(); ++i) {
      const json& want = f["columns"][i];
      EXPECT_EQ(d.columns[i].test.column, want["column"].get<std::string>());
      EXPECT_NEAR(d.columns[i].q_value, want["q_value"].get<double>(), 1e-12);
      EXPECT_EQ(d.columns[i].discovery, want["discovery"].get<bool>());
      EXPECT_EQ(d.columns[i].drifted, want["drifted"].get<bool>());
    }
  }
}

TEST(FdrFamilyTest, TheFamilyIsLargerThanOneWindowSoQValuesAreToo) {
  // The 16-window family: the last window's q-values are those of BH over
  // all 64 tests, not of its own 4 (which the fixture also holds).
  const json f = Fixture()["fdr_families"][0];
  const json alone = f["q_values_last_window_alone"];
  for (size_t i = 0; i < alone.size(); ++i) {
    EXPECT_GT(f["columns"][i]["q_value"].get<double>(), alone[i].get<double>());
  }
}

TEST(FdrFamilyTest, OutputAndInputVerdictsAreSeparate) {
  std::vector<WindowTests> family = {
      {.label = "w1",
       .tests = {{.column = "x", .p_value = 1e-6, .effect_size = 0.5, .effect_size_threshold = 0.1},
                 {.column = "score", .output = true, .p_value = 0.9}}}};
  const FdrDecision d = DecideFdrFamily(family, 0.05);
  EXPECT_TRUE(d.input_drift);
  EXPECT_FALSE(d.output_drift);
  EXPECT_EQ(d.discoveries, 1u);
}

std::string Config(const std::string& alert, const std::string& monitor_extra = "") {
  return "monitors:\n"
         "  - name: credit\n"
         "    reference: {file: ref.csv}\n"
         "    current: {files: \"b/*.csv\", timestamp: ts}\n"
         "    start: 2026-01-05\n"
         "    schedules: [{every: week}]\n" +
         monitor_extra +
         "    alerts:\n"
         "      - " +
         alert + "\n";
}

TEST(LearnedThresholdConfigTest, ParsesLearnAndFdr) {
  auto config = ParseMonitorsConfig(
      Config("{name: x, when: \"columns.x.effect_size >= learned\", learn: {method: quantile, "
             "q: 0.95, min_windows: 6, windows: 10, until: 2026-03-02}}",
             "    fdr: {level: 0.1, windows: 8}\n"),
      "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const AlertRule& rule = config->monitors[0].alerts[0];
  ASSERT_TRUE(rule.learn.has_value());
  EXPECT_EQ(rule.learn->method, LearnMethod::kQuantile);
  EXPECT_DOUBLE_EQ(rule.learn->q, 0.95);
  EXPECT_EQ(rule.learn->min_windows, 6);
  EXPECT_EQ(rule.learn->windows, 10);
  EXPECT_EQ(rule.learn->until, "2026-03-02T00:00:00Z");
  EXPECT_EQ(rule.learned_path, "columns.x.effect_size");
  EXPECT_EQ(rule.learned_op, ">=");
  EXPECT_EQ(rule.learned_side, ThresholdSide::kUpper);
  ASSERT_TRUE(config->monitors[0].fdr.has_value());
  EXPECT_DOUBLE_EQ(config->monitors[0].fdr->level, 0.1);
  EXPECT_EQ(config->monitors[0].fdr->windows, 8);

  auto two_sided = ParseMonitorsConfig(
      Config("{name: x, when: \"metrics.auc.value != learned\", learn: {k: 2}}", "    fdr: 0.05\n"),
      "airm.yaml");
  ASSERT_TRUE(two_sided.ok()) << two_sided.status().ToString();
  EXPECT_EQ(two_sided->monitors[0].alerts[0].learned_side, ThresholdSide::kBoth);
  EXPECT_DOUBLE_EQ(two_sided->monitors[0].alerts[0].learn->k, 2);
  EXPECT_DOUBLE_EQ(two_sided->monitors[0].fdr->level, 0.05);
}

TEST(LearnedThresholdConfigTest, ParsesLearningFromTheReference) {
  auto config = ParseMonitorsConfig(
      Config("{name: x, when: \"columns.x.effect_size < learned\", learn: {from: reference, "
             "method: quantile, q: 0.9, rows: 40, min_windows: 5}}"),
      "airm.yaml");
  ASSERT_TRUE(config.ok()) << config.status().ToString();
  const AlertRule& rule = config->monitors[0].alerts[0];
  ASSERT_TRUE(rule.learn.has_value());
  EXPECT_EQ(rule.learn->from, "reference");
  EXPECT_EQ(rule.learn->rows, 40);
  EXPECT_EQ(rule.learn->min_windows, 5);
  EXPECT_EQ(rule.learned_side, ThresholdSide::kLower);

  // Without rows: 0, the default chunk size (ReferenceChunkRows).
  auto defaulted = ParseMonitorsConfig(
      Config("{name: x, when: \"columns.x.psi > learned\", learn: {from: reference}}"),
      "airm.yaml");
  ASSERT_TRUE(defaulted.ok()) << defaulted.status().ToString();
  EXPECT_EQ(defaulted->monitors[0].alerts[0].learn->rows, 0);
}

TEST(ReferenceChunksTest, ChunkSizeDefaultsAndWholeChunks) {
  // Configured rows win; else a tenth of the reference, at least one row.
  EXPECT_EQ(ReferenceChunkRows(1000, 64), 64);
  EXPECT_EQ(ReferenceChunkRows(1005, 0), 100);
  EXPECT_EQ(ReferenceChunkRows(5, 0), 1);
  // The stored windows' median: the lower middle of an even count.
  const std::vector<int64_t> windows = {150, 90, 200, 120};
  EXPECT_EQ(MedianWindowRows(windows), 120);
  const std::vector<int64_t> odd = {150, 90, 200};
  EXPECT_EQ(MedianWindowRows(odd), 150);
  EXPECT_FALSE(MedianWindowRows({}).has_value());

  // 10 rows in chunks of 3: three whole chunks, row 10 in none.
  const std::vector<RowRange> chunks = ReferenceChunks(10, 3);
  ASSERT_EQ(chunks.size(), 3u);
  EXPECT_EQ(chunks[0].begin, 0);
  EXPECT_EQ(chunks[0].end, 3);
  EXPECT_EQ(chunks[2].begin, 6);
  EXPECT_EQ(chunks[2].end, 9);
  EXPECT_TRUE(ReferenceChunks(2, 3).empty());
}

TEST(LearnedThresholdConfigTest, ErrorsNameFileLineAndKey) {
  struct Case {
    std::string alert, extra, message;
  };
  const std::vector<Case> cases = {
      {"{name: x, when: \"columns.x.psi > learned\", learn: {method: median}}", "",
       "airm.yaml:8: monitors[0].alerts[0].learn.method: expected mean_sigma or quantile"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {k: -1}}", "",
       "monitors[0].alerts[0].learn.k: expected a number in (0, 10], got '-1'"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {method: quantile, q: 0.3}}", "",
       "learn.q: expected a number in (0.5, 1)"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {method: quantile, k: 3}}", "",
       "learn.k: k is for method: mean_sigma"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {from: nowhere}}", "",
       "airm.yaml:8: monitors[0].alerts[0].learn.from: expected backfill (the schedule's earlier "
       "stored windows) or reference (chunks of the monitor's reference), got 'nowhere'"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {from: reference, rows: 1}}", "",
       "airm.yaml:8: monitors[0].alerts[0].learn.rows: expected a whole number from 2 to "
       "1000000000, got '1'"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {from: reference, rows: lots}}", "",
       "learn.rows: expected a whole number from 2"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {from: reference, until: 2026-03-02}}",
       "",
       "airm.yaml:8: monitors[0].alerts[0].learn.until: until is for from: backfill; from: "
       "reference takes rows (the chunk size)"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {from: reference, windows: 9}}", "",
       "learn.windows: windows is for from: backfill"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {rows: 100}}", "",
       "airm.yaml:8: monitors[0].alerts[0].learn.rows: rows is for from: reference; from: "
       "backfill takes windows and until"},
      {"{name: x, when: \"columns.x.psi > 0.2\", learn: {from: reference}}", "",
       "monitors[0].alerts[0].when: with learn, expected one comparison with the learned"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {min_windows: 1}}", "",
       "learn.min_windows: expected a whole number from 2 to 1000"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {min_windows: 8, windows: 4}}", "",
       "learn.windows: learning from the last 4 windows can never reach min_windows 8"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {until: someday}}", "",
       "learn.until: expected an ISO 8601"},
      {"{name: x, when: \"columns.x.psi > learned\", learn: {kk: 3}}", "", "learn.kk: unknown key"},
      {"{name: x, when: \"columns.x.psi > 0.2\", learn: {k: 3}}", "",
       "monitors[0].alerts[0].when: with learn, expected one comparison with the learned"},
      {"{name: x, when: \"drift, columns.x.psi > learned\", learn: {k: 3}}", "",
       "alerts[0].when: with learn, expected one comparison"},
      {"{name: x, when: \"columns.x.psi == learned\", learn: {k: 3}}", "",
       "alerts[0].when: with learn, expected one comparison"},
      {"{name: x, when: \"columns.x.psi > learned\"}", "",
       "alerts[0].when: compares with 'learned' but the rule has no learn:"},
      {"{name: x, when: drift}", "    fdr: 1.5\n",
       "airm.yaml:7: monitors[0].fdr: expected a number in (0, 1), got '1.5'"},
      {"{name: x, when: drift}", "    fdr: {windows: 3}\n", "monitors[0].fdr.level: required"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.alert + " " + c.extra);
    auto config = ParseMonitorsConfig(Config(c.alert, c.extra), "airm.yaml");
    ASSERT_FALSE(config.ok());
    EXPECT_EQ(config.status().code(), StatusCode::kParseError);
    EXPECT_THAT(config.status().message(), HasSubstr(c.message));
  }
}

}  // namespace
}  // namespace airm::monitor
