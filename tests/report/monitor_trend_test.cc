// The trend report's renderers on a hand-built report: four weekly windows
// (the third empty), a series with a critical threshold and an alert episode
// pending in week 1, firing from week 2 and resolved by week 4.
#include "airm/report/monitor_trend.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "html_checks.h"

namespace airm::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

usecases::MonitorReport SampleReport() {
  usecases::ScheduleTrend s{.schedule = "week-drift"};
  const char* bounds[] = {"2026-01-05T00:00:00Z", "2026-01-12T00:00:00Z", "2026-01-19T00:00:00Z",
                          "2026-01-26T00:00:00Z", "2026-02-02T00:00:00Z"};
  for (int i = 0; i < 4; ++i) {
    s.windows.push_back({.label = "2026-W0" + std::to_string(i + 2),
                         .window_start = bounds[i],
                         .window_end = bounds[i + 1],
                         .status = i == 2 ? "empty" : "ok",
                         .rows = i == 2 ? 0 : 100});
  }
  s.series.push_back(
      {.path = "columns.`<b>x`.effect_size",
       .title = "<b>x effect size",
       .values = {0.6, 0.7, std::nullopt, 0.1},
       .thresholds = {{.alert = "x-shift", .severity = "critical", .op = ">", .value = 0.5}}});
  s.alerts.push_back({.alert = "x-shift",
                      .severity = "critical",
                      .state = "resolved",
                      .episode_id = "ep1",
                      .start = bounds[0],
                      .fired_at = bounds[2],
                      .end = bounds[4]});
  usecases::MonitorReport report;
  report.monitors.push_back({.monitor = "m<1>", .model = "", .time_zone = "UTC", .schedules = {s}});
  return report;
}

const ReportMeta kMeta{.airm_version = "0.0.0",
                       .generated_at = "2026-02-02T00:00:00Z",
                       .command_line = "airm monitor report"};

TEST(MonitorTrendTest, ThresholdsAlertBandsAndEmptyWindowsAreDrawn) {
  const usecases::MonitorReport report = SampleReport();
  const std::string svg =
      TrendChartSvg(report.monitors[0].schedules[0], report.monitors[0].schedules[0].series[0]);
  EXPECT_THAT(svg, HasSubstr("viewBox=\"0 0 320.0 170.0\""));
  // 2026-W02 pending; 2026-W03 (fired) and the empty 2026-W04 firing, as one
  // band; 2026-W05 resolved the episode, so it is not shaded.
  EXPECT_EQ(Count(svg, "class=\"band-pending\""), 1u);
  EXPECT_EQ(Count(svg, "class=\"band-firing\""), 1u);
  EXPECT_THAT(svg, HasSubstr("x-shift firing (critical)"));
  EXPECT_EQ(Count(svg, "class=\"threshold sev-critical\""), 1u);
  EXPECT_THAT(svg, HasSubstr("&gt; 0.5"));
  // 0.6 and 0.7 breach "> 0.5"; 0.1 does not; the empty week has no point.
  EXPECT_EQ(Count(svg, "class=\"point beyond\""), 2u);
  EXPECT_EQ(Count(svg, "class=\"point\""), 1u);
  EXPECT_THAT(svg, HasSubstr("2026-W04: no rows"));
  // The line breaks at the empty window: two pieces.
  EXPECT_EQ(Count(svg, " M"), 1u);  // "M" opens the path, " M" the second piece
}

TEST(MonitorTrendTest, PageIsSelfContainedEscapedAndHasAKey) {
  const std::string html = RenderMonitorReportHtml(SampleReport(), kMeta);
  EXPECT_THAT(html, HasSubstr("<meta name=\"viewport\""));
  EXPECT_THAT(html, HasSubstr("aria-label=\"key\""));
  EXPECT_THAT(html, HasSubstr("alert firing"));
  EXPECT_THAT(html, HasSubstr("minmax(280px,1fr)"));  // folds to one column on a phone
  EXPECT_THAT(html, HasSubstr("&lt;b&gt;x effect size"));
  EXPECT_THAT(html, HasSubstr("Monitor m&lt;1&gt;"));
  EXPECT_THAT(html, Not(HasSubstr("<b>x")));
  EXPECT_TRUE(airm::testing::OnlyThePagesOwnScript(html));  // nothing but HtmlPage's inline script
  EXPECT_THAT(html, Not(HasSubstr("http://")));
  EXPECT_THAT(html, Not(HasSubstr("https://")));
  EXPECT_THAT(html, HasSubstr("latest 0.1 (2026-W05)"));
  EXPECT_THAT(html, HasSubstr("1 empty"));
}

TEST(MonitorTrendTest, JsonKeepsMissingValuesAsNull) {
  const nlohmann::json doc = nlohmann::json::parse(RenderMonitorReportJson(SampleReport(), kMeta));
  EXPECT_EQ(doc["kind"], "monitor_report");
  const auto& s = doc["monitors"][0]["schedules"][0];
  EXPECT_EQ(s["windows"].size(), 4u);
  EXPECT_TRUE(s["series"][0]["values"][2].is_null());
  EXPECT_DOUBLE_EQ(s["series"][0]["values"][1].get<double>(), 0.7);
  EXPECT_EQ(s["series"][0]["thresholds"][0]["op"], ">");
  EXPECT_EQ(s["alerts"][0]["fired_at"], "2026-01-19T00:00:00Z");
  EXPECT_TRUE(doc["monitors"][0]["model"].is_null());
}

TEST(MonitorTrendTest, AScheduleWithoutWindowsSaysSo) {
  usecases::MonitorReport report;
  report.monitors.push_back({.monitor = "m", .schedules = {{.schedule = "month-evaluation"}}});
  const std::string html = RenderMonitorReportHtml(report, kMeta);
  EXPECT_THAT(html, HasSubstr("No window computed yet"));
  EXPECT_THAT(html, Not(HasSubstr("<svg")));
}

}  // namespace
}  // namespace airm::report
