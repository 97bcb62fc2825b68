// The quarterly risk pack on the generated stream (16 weeks from 2026-01-05,
// x drifting in weeks 9-13, week 6 empty; x-drift fires in week 10 and
// resolves in week 14): Q1 holds weeks 1-13 with x drifted in five of them
// and the firing as its incident; Q2 holds weeks 14-16 and the episode that
// resolved in it, with no incident.
#include "airm/usecases/quarterly_pack.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "airm/report/quarterly_pack.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using QuarterlyPackTest = testing::MonitorStreamTest;

TEST_F(QuarterlyPackTest, TheQuartersDriftAlertsAndIncidents) {
  ASSERT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z")).ok());
  auto q1 = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q1"});
  ASSERT_TRUE(q1.ok()) << q1.status().ToString();
  ASSERT_EQ(q1->monitors.size(), 1u);
  const QuarterlyPackMonitor& m = q1->monitors[0];
  EXPECT_EQ(m.quarter_start, "2026-01-01T00:00:00Z");
  EXPECT_EQ(m.quarter_end, "2026-04-01T00:00:00Z");
  ASSERT_EQ(m.windows.size(), 13u);  // the weeks starting Jan 5 .. Mar 30
  EXPECT_EQ(m.windows[5].status, "empty");
  auto x = std::find_if(m.drift.begin(), m.drift.end(),
                        [](const PackDriftColumn& c) { return c.column == "x"; });
  ASSERT_NE(x, m.drift.end());
  EXPECT_EQ(x->windows, 12);  // the empty week compared nothing
  EXPECT_EQ(x->drifted, 5);
  EXPECT_EQ(m.drift.front().column, "x");  // drifted most often first
  ASSERT_TRUE(x->max_effect_size.has_value());
  ASSERT_EQ(m.fired.size(), 1u);
  EXPECT_EQ(m.fired[0].alert, "x-drift");
  EXPECT_EQ(m.alerts.size(), 1u);
  EXPECT_TRUE(m.performance.empty());  // a drift-only monitor

  auto q2 = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q2"});
  ASSERT_TRUE(q2.ok()) << q2.status().ToString();
  EXPECT_EQ(q2->monitors[0].windows.size(), 3u);
  EXPECT_EQ(q2->monitors[0].alerts.size(), 1u);  // resolved in week 14
  EXPECT_TRUE(q2->monitors[0].fired.empty());
  auto q4 = BuildQuarterlyPack({.store = Where(), .quarter = "2025-Q4"});
  ASSERT_TRUE(q4.ok()) << q4.status().ToString();
  EXPECT_EQ(q4->monitors[0].quarter_start, "2025-10-01T00:00:00Z");
  EXPECT_EQ(q4->monitors[0].quarter_end, "2026-01-01T00:00:00Z");
  EXPECT_TRUE(q4->monitors[0].windows.empty());

  const ReportMeta meta{.airm_version = "0", .generated_at = "now", .command_line = "pack"};
  const auto doc = nlohmann::json::parse(report::RenderQuarterlyPackJson(*q1, meta));
  EXPECT_EQ(doc["kind"], "quarterly_risk_pack");
  EXPECT_EQ(doc["monitors"][0]["summary"]["fired"], 1);
  EXPECT_EQ(doc["monitors"][0]["summary"]["drifted_windows"], 5);
  EXPECT_EQ(doc["monitors"][0]["fired"][0]["alert"], "x-drift");
  const std::string html = report::RenderQuarterlyPackHtml(*q1, meta);
  EXPECT_THAT(html, HasSubstr("Quarterly risk reassessment — 2026-Q1"));
  EXPECT_THAT(html, HasSubstr("13 window(s), 1 empty"));
}

TEST_F(QuarterlyPackTest, PerformanceShowsRealizedAndEstimatedApart) {
  LogScoredPredictions(17, /*february_opposite=*/false);  // no label attached
  WriteMonitor("scorer-perf", "scorer@1", "{predictions: true}", "2026-01-01",
               "    roles: {target: y, score: prediction}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n");
  ASSERT_TRUE(RunMonitors(Options("2026-03-01T00:00:00Z")).ok());  // no labels: estimates only
  auto pack = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q1"});
  ASSERT_TRUE(pack.ok()) << pack.status().ToString();
  const QuarterlyPackMonitor& m = pack->monitors.at(0);
  ASSERT_EQ(m.performance.size(), 6u);  // 2 months x roc_auc, accuracy, f1
  EXPECT_EQ(m.performance[0].status, "estimated");
  EXPECT_FALSE(m.performance[0].realized.has_value());
  ASSERT_TRUE(m.performance[0].estimated.has_value());
  EXPECT_LE(*m.performance[0].estimated_lower, *m.performance[0].estimated);
  const auto doc = nlohmann::json::parse(report::RenderQuarterlyPackJson(
      *pack, {.airm_version = "0", .generated_at = "now", .command_line = "pack"}));
  EXPECT_EQ(doc["monitors"][0]["performance"][0]["estimated"]["is_estimate"], true);
  EXPECT_TRUE(doc["monitors"][0]["performance"][0]["realized"].is_null());
}

TEST_F(QuarterlyPackTest, AQuarterThatIsNotYyyyQnIsRefusedNamingTheFlag) {
  auto bad = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q5"});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ExitCodeFor(bad.status()), 2);
  EXPECT_THAT(bad.status().message(), HasSubstr("--quarter: expected YYYY-Qn"));
  auto unknown = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q1", .monitor = "nope"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(), HasSubstr("credit"));
}

TEST_F(QuarterlyPackTest, AStoredResultThatIsNotAnObjectIsCorruptNamingTheWindow) {
  ASSERT_TRUE(RunMonitors(Options("2026-01-19T00:00:00Z")).ok());
  ASSERT_TRUE(Open()
                  ->Execute("UPDATE monitor_windows SET result_json = '[1]'"
                            " WHERE label = '2026-W03'")
                  .ok());
  auto pack = BuildQuarterlyPack({.store = Where(), .quarter = "2026-Q1"});
  ASSERT_FALSE(pack.ok());
  EXPECT_EQ(pack.status().code(), StatusCode::kCorrupt);
  EXPECT_THAT(pack.status().message(), HasSubstr("window 2026-W03"));
}

}  // namespace
}  // namespace airm::usecases
