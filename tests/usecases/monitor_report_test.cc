// BuildMonitorReport on the generated stream (monitor_stream_fixture.h):
// series per window with gaps for the empty week, the rules' thresholds on
// their paths, and the alert episode as a span.
#include "airm/usecases/monitor_report.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::kRowsPerWeek;

class MonitorReportTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  const TrendSeries* Find(const ScheduleTrend& s, const std::string& path) {
    auto it = std::find_if(s.series.begin(), s.series.end(),
                           [&](const TrendSeries& t) { return t.path == path; });
    return it == s.series.end() ? nullptr : &*it;
  }
};

TEST_P(MonitorReportTest, SeriesThresholdsAndAlertSpansOfTheStream) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n"
               "    alerts:\n"
               "      - {name: x-drift, when: drift, severity: critical, for: 2}\n"
               "      - {name: x-big, when: \"columns.x.effect_size>0.8\", severity: warning}\n"
               "      - {name: few-cat, when: \"inputs.current.rows<10\", severity: info}\n");
  ASSERT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z")).ok());
  auto report = BuildMonitorReport({.store = Where()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  ASSERT_EQ(report->monitors.size(), 1u);
  const ScheduleTrend& s = report->monitors[0].schedules.at(0);
  EXPECT_EQ(s.schedule, "week-drift");
  ASSERT_EQ(s.windows.size(), 16u);
  EXPECT_EQ(s.windows[5].status, "empty");

  ASSERT_EQ(s.series[0].path, "rows");
  EXPECT_EQ(s.series[0].values[0], kRowsPerWeek);
  EXPECT_FALSE(s.series[0].values[5].has_value());  // empty is a gap, not 0

  const TrendSeries* x = Find(s, "columns.x.effect_size");
  ASSERT_NE(x, nullptr);
  EXPECT_EQ(x->title, "x effect size");
  ASSERT_EQ(x->values.size(), 16u);
  EXPECT_FALSE(x->values[5].has_value());
  ASSERT_TRUE(x->values[9].has_value() && x->values[2].has_value());
  EXPECT_GT(*x->values[9], 1.0);  // week 10: mean shifted by 1.5 sd
  EXPECT_LT(*x->values[2], 0.5);
  ASSERT_EQ(x->thresholds.size(), 1u);
  EXPECT_EQ(x->thresholds[0].alert, "x-big");
  EXPECT_EQ(x->thresholds[0].op, ">");
  EXPECT_DOUBLE_EQ(x->thresholds[0].value, 0.8);
  EXPECT_NE(Find(s, "columns.cat.effect_size"), nullptr);
  // A rule's path outside the headline series gets a series of its own.
  const TrendSeries* rows_rule = Find(s, "inputs.current.rows");
  ASSERT_NE(rows_rule, nullptr);
  EXPECT_EQ(rows_rule->values[0], kRowsPerWeek);
  EXPECT_EQ(rows_rule->thresholds.at(0).alert, "few-cat");

  // x-drift: pending in week 9, fired in week 10, resolved by week 14.
  auto drift = std::find_if(s.alerts.begin(), s.alerts.end(),
                            [](const TrendAlertPeriod& a) { return a.alert == "x-drift"; });
  ASSERT_NE(drift, s.alerts.end());
  EXPECT_EQ(drift->state, "resolved");
  EXPECT_EQ(drift->start, "2026-03-02T00:00:00Z");
  EXPECT_EQ(drift->fired_at, "2026-03-16T00:00:00Z");
  EXPECT_EQ(drift->end, "2026-04-13T00:00:00Z");
}

TEST_P(MonitorReportTest, UnknownMonitorListsTheKnownOnes) {
  auto report = BuildMonitorReport({.store = Where(), .monitor = "nope"});
  ASSERT_FALSE(report.ok());
  EXPECT_EQ(report.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(report.status().message(), HasSubstr("known: credit"));
}

TEST_P(MonitorReportTest, NothingComputedYetIsAScheduleWithoutWindows) {
  auto report = BuildMonitorReport({.store = Where()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  EXPECT_TRUE(report->monitors.at(0).schedules.at(0).windows.empty());
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorReportTest);

}  // namespace
}  // namespace airm::usecases
