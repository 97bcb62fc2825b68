// Learned alert thresholds and false-discovery control across columns ×
// windows on the generated stream (monitor_stream_fixture.h: 16 weeks from
// 2026-01-05, x shifted by 1.5 sd in weeks 9-13, week 6 empty). A threshold
// learned from weeks 1-8 (frozen with learn.until) must fire in week 9 and
// not before, and be shown in the window's result, `monitor status`,
// `monitor history` and the trend report.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "airm/report/monitor_text.h"
#include "airm/store/monitor_windows.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/monitor_report.h"
#include "airm/usecases/run_monitors.h"
#include "airm/usecases/store_access.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using testing::kWeeks;

using MonitorLearningTest = testing::OnBothBackends<testing::MonitorStreamTest>;

TEST_P(MonitorLearningTest, ALearnedThresholdFiresInTheDriftWeeksAndNotBefore) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n"
               "    alerts:\n"
               "      - {name: x-shift, when: \"columns.x.effect_size > learned\",\n"
               "         learn: {method: mean_sigma, k: 3, min_windows: 5, until: 2026-03-02}}\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 16u);
  for (int week = 1; week <= kWeeks; ++week) {
    const ComputedWindow& w = run->windows[week - 1];
    SCOPED_TRACE(w.label);
    if (week == 6) {
      EXPECT_TRUE(w.alerts.empty());  // empty: no evidence either way
      continue;
    }
    ASSERT_EQ(w.alerts.size(), 1u);
    const AlertEvaluation& a = w.alerts[0];
    ASSERT_TRUE(a.learned.has_value());
    // Weeks 1-5 have fewer than 5 earlier windows with rows: no threshold,
    // said so, and the rule does not step.
    const std::string expected = week <= 5                ? "insufficient_evidence"
                                 : week == 9              ? "fired"
                                 : week > 9 && week <= 13 ? "firing"
                                 : week == 14             ? "resolved"
                                                          : "nothing";
    EXPECT_EQ(a.event, expected);
    if (week <= 5) {
      EXPECT_EQ(a.learned->status, "insufficient_evidence");
      EXPECT_THAT(a.learned->note, HasSubstr(std::to_string(week - 1) + " earlier window(s)"));
      continue;
    }
    EXPECT_EQ(a.learned->status, "ok");
    // Frozen by until: from week 9 on, learned from weeks 1-8 (7 with rows).
    EXPECT_EQ(a.learned->windows, week <= 8 ? week - 2 : 7);
    EXPECT_THAT(a.expression, HasSubstr("columns.x.effect_size>"));
  }

  // The stored results carry the threshold used; it equals mean + 3 sd of
  // the effect sizes stored for weeks 1-8, with scipy's rates.
  const std::vector<json> stored = StoredResults();
  ASSERT_EQ(stored.size(), 16u);
  std::vector<double> baseline;
  for (int week = 1; week <= 8; ++week) {
    if (week == 6) continue;
    for (const json& c : stored[week - 1]["columns"]) {
      if (c["name"] == "x") baseline.push_back(c["effect_size"].get<double>());
    }
  }
  ASSERT_EQ(baseline.size(), 7u);
  double mean = 0, squares = 0;
  for (double v : baseline) mean += v / 7;
  for (double v : baseline) squares += (v - mean) * (v - mean);
  const double upper = mean + 3 * std::sqrt(squares / 6);
  for (int week = 9; week <= kWeeks; ++week) {
    SCOPED_TRACE(week);
    const json& t = stored[week - 1]["alert_thresholds"][0];
    EXPECT_EQ(t["name"], "x-shift");
    EXPECT_EQ(t["status"], "ok");
    EXPECT_EQ(t["first_window"], "2026-W02");
    EXPECT_EQ(t["last_window"], "2026-W09");  // week 8
    EXPECT_NEAR(t["threshold"].get<double>(), upper, 1e-12);
    // scipy.stats.norm.sf(3) and scipy.stats.t.sf(3 / sqrt(1 + 1/7), 6).
    EXPECT_NEAR(t["expected_false_alarm_rate"].get<double>(), 0.0013498980316300933, 1e-15);
    EXPECT_NEAR(t["false_alarm_rate_with_n"].get<double>(), 0.01545435172934378, 1e-13);
    for (const json& c : stored[week - 1]["columns"]) {
      if (c["name"] == "x") {
        EXPECT_EQ(c["effect_size"].get<double>() > upper, week <= 13);
      }
    }
  }
  EXPECT_EQ(stored[0]["alert_thresholds"][0]["status"], "insufficient_evidence");
  EXPECT_TRUE(stored[0]["alert_thresholds"][0]["threshold"].is_null());

  ASSERT_EQ(run->notifications.size(), 2u);
  EXPECT_EQ(run->notifications[0].labels.at("window"), "2026-W10");  // week 9
  EXPECT_THAT(run->notifications[0].summary, HasSubstr("expected false-alarm rate 0.00135"));
  EXPECT_THAT(run->notifications[0].expression, HasSubstr("columns.x.effect_size>"));

  // monitor status: the rule's learn spec and the latest threshold.
  auto status = MonitorStatus({.store = Where(), .as_of = "2026-04-27T00:00:00Z"});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  const MonitorStatusEntry& m = status->at(0);
  ASSERT_TRUE(m.rules.at(0).learn.has_value());
  EXPECT_EQ(m.rules[0].learn->until, "2026-03-02T00:00:00Z");
  ASSERT_EQ(m.schedules.at(0).learned_thresholds.size(), 1u);
  const LearnedRuleThreshold& latest = m.schedules[0].learned_thresholds[0];
  EXPECT_EQ(latest.window, "2026-W17");
  EXPECT_EQ(latest.windows, 7);
  EXPECT_NEAR(*latest.upper, upper, 1e-12);

  // monitor history reads the threshold like any metric.
  auto history = MonitorHistory(
      {.store = Where(), .monitor = "credit", .metric = "alert_thresholds.x-shift.threshold"});
  ASSERT_TRUE(history.ok()) << history.status().ToString();
  ASSERT_EQ(history->size(), 16u);
  EXPECT_FALSE((*history)[0].value.has_value());  // insufficient evidence: null
  ASSERT_TRUE((*history)[12].value.has_value());
  EXPECT_NEAR(*(*history)[12].value, upper, 1e-12);

  // The trend report draws it window by window on the metric's chart.
  auto report = BuildMonitorReport({.store = Where()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ScheduleTrend& s = report->monitors.at(0).schedules.at(0);
  auto x = std::find_if(s.series.begin(), s.series.end(),
                        [](const TrendSeries& t) { return t.path == "columns.x.effect_size"; });
  ASSERT_NE(x, s.series.end());
  ASSERT_EQ(x->thresholds.size(), 1u);
  const TrendThreshold& th = x->thresholds[0];
  EXPECT_EQ(th.op, ">");
  ASSERT_EQ(th.values.size(), 16u);
  EXPECT_FALSE(th.values[0].has_value());
  ASSERT_TRUE(th.values[15].has_value());
  EXPECT_NEAR(*th.values[15], upper, 1e-12);
  EXPECT_NEAR(th.value, upper, 1e-12);
  EXPECT_THAT(th.learned, HasSubstr("expected false-alarm rate 0.00135"));
}

TEST_P(MonitorLearningTest, FalseDiscoveryControlAcrossColumnsAndWindows) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    fdr: 0.05\n"
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n"
               "    alerts:\n"
               "      - {name: x-drift, when: drift, severity: critical}\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const std::vector<json> stored = StoredResults();
  ASSERT_EQ(stored.size(), 16u);
  int with_rows = 0;
  for (int week = 1; week <= kWeeks; ++week) {
    SCOPED_TRACE(week);
    if (week == 6) {
      EXPECT_TRUE(stored[5].is_null());
      continue;
    }
    ++with_rows;
    const json& fdr = stored[week - 1]["fdr"];
    // The family: both columns' tests of every window so far.
    EXPECT_EQ(fdr["tests"].get<int>(), 2 * with_rows);
    EXPECT_EQ(fdr["windows"].get<int>(), with_rows);
    EXPECT_EQ(fdr["first_window"], "2026-W02");
    EXPECT_EQ(fdr["method"], "Benjamini-Hochberg");
    for (const json& c : fdr["columns"]) {
      // Adjusted over a larger family than the window's own BH: never smaller.
      for (const json& own : stored[week - 1]["columns"]) {
        if (own["name"] == c["name"] && own["p_value_adjusted"].is_number()) {
          EXPECT_GE(c["q_value"].get<double>(), own["p_value_adjusted"].get<double>() - 1e-15);
        }
      }
    }
    EXPECT_EQ(fdr["input_drift"].get<bool>(), week >= 9 && week <= 13);
    const ComputedWindow& w = run->windows[week - 1];
    ASSERT_EQ(w.alerts.size(), 1u);
    EXPECT_EQ(w.alerts[0].held, week >= 9 && week <= 13);
  }
  ASSERT_EQ(run->notifications.size(), 2u);
  EXPECT_EQ(run->notifications[0].labels.at("window"), "2026-W10");
  EXPECT_EQ(run->notifications[1].labels.at("window"), "2026-W15");
}

// Issue 9: under `fdr:` the run's drift verdicts (its text's "input drift"
// line and its JSON) and the Prometheus drift gauges are the
// false-discovery-controlled ones, not the window's own drift report's. A
// level this strict keeps the 1.5-sd weeks' x (p-values near 1e-40) out of
// the discoveries, so the two verdicts differ in weeks 9-13.
TEST_P(MonitorLearningTest, RunAndMetricsShowTheFdrVerdict) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    fdr: 1e-45\n"
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n"
               "    alerts:\n"
               "      - {name: x-drift, when: drift, severity: critical}\n");
  auto run = RunMonitors(Options("2026-04-06T00:00:00Z"));  // weeks 1-13
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  const std::vector<json> stored = StoredResults();
  ASSERT_EQ(stored.size(), 13u);
  ASSERT_EQ(run->windows.size(), 13u);
  for (int week = 1; week <= 13; ++week) {
    SCOPED_TRACE(week);
    const ComputedWindow& w = run->windows[week - 1];
    if (week == 6) {
      EXPECT_FALSE(w.input_drift.has_value());
      continue;
    }
    const json& doc = stored[week - 1];
    ASSERT_TRUE(w.input_drift.has_value());
    EXPECT_EQ(*w.input_drift, doc["fdr"]["input_drift"].get<bool>());
    EXPECT_EQ(w.fdr_level, 1e-45);
    // The premise: the window's own verdict says drift in weeks 9-13.
    EXPECT_EQ(doc["verdict"]["input_drift"]["drifted"].get<bool>(), week >= 9);
    EXPECT_FALSE(*w.input_drift);
  }
  const std::string text = report::MonitorRunText(*run);
  EXPECT_THAT(text, HasSubstr("2026-W13  150 rows  input drift (FDR 1e-45): no\n"));

  auto metrics = ExportMonitorMetrics({.store = Where()});
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  std::map<std::string, double> latest;  // family (column x for per-column ones) -> value
  for (const monitor::MetricFamily& f : *metrics) {
    for (const monitor::MetricSample& sample : f.samples) {
      auto column = sample.labels.find("column");
      if (column == sample.labels.end() || column->second == "x") latest[f.name] = sample.value;
    }
  }
  EXPECT_EQ(latest.at("airm_monitor_input_drift"), 0.0);     // week 13's own verdict: 1
  EXPECT_EQ(latest.at("airm_monitor_column_drifted"), 0.0);  // x's own: 1
}

TEST_P(MonitorLearningTest, ASpanOfWindowsLimitsTheFamily) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    fdr: {level: 0.05, windows: 3}\n"
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n");
  ASSERT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z")).ok());
  const std::vector<json> stored = StoredResults();
  EXPECT_EQ(stored[0]["fdr"]["tests"].get<int>(), 2);
  EXPECT_EQ(stored[15]["fdr"]["tests"].get<int>(), 6);
  EXPECT_EQ(stored[15]["fdr"]["first_window"], "2026-W15");  // weeks 14-16
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorLearningTest);

// The output columns' gauges under `fdr:`: x as the model's output (role
// prediction) drifts by its own test in weeks 9-13, but not under a level
// this strict, and its gauge shows the family's verdict; without `fdr:` its
// own.
class MonitorOutputGaugesTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  void Check(bool controlled) {
    WriteMonitor("credit", "", kFiles, "2026-01-05",
                 std::string(controlled ? "    fdr: 1e-45\n" : "") +
                     "    roles: {prediction: x}\n"
                     "    schedules:\n"
                     "      - {every: week, analysis: drift}\n");
    ASSERT_TRUE(RunMonitors(Options("2026-04-06T00:00:00Z")).ok());  // weeks 1-13
    const std::vector<json> stored = StoredResults();
    ASSERT_EQ(stored.size(), 13u);
    // The premise: x is an output and drifted by its own test in week 13.
    ASSERT_EQ(stored[12]["outputs"][0]["name"], "x");
    ASSERT_TRUE(stored[12]["outputs"][0]["drifted"].get<bool>());
    auto metrics = ExportMonitorMetrics({.store = Where()});
    ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
    std::map<std::string, std::map<std::string, double>> by_family;  // family -> column -> value
    for (const monitor::MetricFamily& f : *metrics) {
      for (const monitor::MetricSample& sample : f.samples) {
        auto column = sample.labels.find("column");
        by_family[f.name][column == sample.labels.end() ? "" : column->second] = sample.value;
      }
    }
    EXPECT_EQ(by_family.at("airm_monitor_output_column_drifted").at("x"), controlled ? 0.0 : 1.0);
    EXPECT_NEAR(by_family.at("airm_monitor_output_column_effect_size").at("x"),
                stored[12]["outputs"][0]["effect_size"].get<double>(), 1e-12);
    EXPECT_EQ(by_family.at("airm_monitor_output_drift").at(""), controlled ? 0.0 : 1.0);
    // x is no input: the input families do not have it.
    EXPECT_EQ(by_family["airm_monitor_column_drifted"].count("x"), 0u);
    EXPECT_EQ(by_family["airm_monitor_column_effect_size"].count("x"), 0u);
  }
};

TEST_P(MonitorOutputGaugesTest, UnderFdrTheOutputColumnGaugeIsTheFamilysVerdict) { Check(true); }

TEST_P(MonitorOutputGaugesTest, WithoutFdrTheOutputColumnGaugeIsItsOwnVerdict) { Check(false); }

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorOutputGaugesTest);

}  // namespace
}  // namespace airm::usecases
