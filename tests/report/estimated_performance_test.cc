// CBPE estimates in monitoring documents: the `estimated` object and the
// estimate-only window document say they are estimates and carry each
// metric's band; the trend report draws an estimate dashed with its band and
// marks it in the JSON.
#include "airm/report/estimated_performance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "airm/report/monitor_trend.h"

namespace airm::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

const ReportMeta kMeta{.airm_version = "0.0.0",
                       .generated_at = "2026-03-01T00:00:00Z",
                       .command_line = "airm monitor run (perf)"};

EstimatedPerformance Sample() {
  EstimatedPerformance e;
  e.status = "ok";
  e.rows = 336;
  e.reference_rows = 720;
  e.positive_label = "1";
  CbpeEstimate estimate;
  estimate.rows = 336;
  estimate.true_positives = 100;
  estimate.false_positives = 40;
  estimate.false_negatives = 60;
  estimate.true_negatives = 136;
  for (int m = 0; m < kCbpeMetricCount; ++m) {
    estimate.metrics.push_back({.name = kCbpeMetricNames[m],
                                .value = 0.6 + 0.01 * m,
                                .sampling_error = 0.02,
                                .lower = 0.54 + 0.01 * m,
                                .upper = 0.66 + 0.01 * m});
  }
  estimate.metrics[1].value.reset();  // precision undefined
  estimate.metrics[1].lower.reset();
  estimate.metrics[1].upper.reset();
  e.estimate = estimate;
  return e;
}

TEST(EstimatedPerformanceTest, TheSectionSaysItIsAnEstimateWithBandsAndNullForUndefined) {
  const auto doc = nlohmann::json::parse(RenderEstimatedPerformanceJson(Sample()));
  EXPECT_EQ(doc["is_estimate"], true);
  EXPECT_EQ(doc["method"], "CBPE");
  EXPECT_EQ(doc["calibration"], "isotonic");
  EXPECT_DOUBLE_EQ(doc["roc_auc"].get<double>(), 0.64);  // the gate path estimated.roc_auc
  EXPECT_TRUE(doc["precision"].is_null());
  EXPECT_DOUBLE_EQ(doc["bands"]["accuracy"]["sampling_error"].get<double>(), 0.02);
  EXPECT_DOUBLE_EQ(doc["bands"]["accuracy"]["lower"].get<double>(), 0.54);
  EXPECT_TRUE(doc["bands"]["precision"]["lower"].is_null());
  EXPECT_DOUBLE_EQ(doc["expected_confusion"]["false_negatives"].get<double>(), 60);
  EXPECT_EQ(doc["band_sigmas"], 3.0);

  EstimatedPerformance unavailable;
  unavailable.note = "CBPE needs a score";
  const auto none = nlohmann::json::parse(RenderEstimatedPerformanceJson(unavailable));
  EXPECT_EQ(none["status"], "unavailable");
  EXPECT_TRUE(none["roc_auc"].is_null());
  EXPECT_TRUE(none["expected_confusion"].is_null());
}

TEST(EstimatedPerformanceTest, SegmentsAreNamedAndOneWithTooFewRowsHasNoBands) {
  EstimatedPerformance e = Sample();
  EXPECT_FALSE(nlohmann::json::parse(RenderEstimatedPerformanceJson(e)).contains("segments"));
  e.min_segment_rows = 30;
  e.segments.push_back({.column = "region",
                        .value = "north",
                        .rows = 229,
                        .sufficient = true,
                        .estimate = e.estimate});
  e.segments.push_back({.column = "region",
                        .value = "east",
                        .rows = 24,
                        .sufficient = false,
                        .estimate = WithoutBands(*e.estimate)});
  e.segments.push_back(
      {.column = "region & channel", .value = "east & web", .rows = 0, .sufficient = false});
  const auto doc = nlohmann::json::parse(RenderEstimatedPerformanceJson(e));
  EXPECT_EQ(doc["min_segment_rows"], 30);
  ASSERT_EQ(doc["segments"].size(), 3u);
  const auto& north = doc["segments"][0];
  EXPECT_EQ(north["name"], "region=north");
  EXPECT_EQ(north["sufficient"], true);
  EXPECT_DOUBLE_EQ(north["roc_auc"].get<double>(), 0.64);
  EXPECT_DOUBLE_EQ(north["bands"]["roc_auc"]["sampling_error"].get<double>(), 0.02);
  const auto& east = doc["segments"][1];
  EXPECT_EQ(east["rows"], 24);
  EXPECT_THAT(east["note"].get<std::string>(),
              HasSubstr("insufficient evidence: 24 scored rows, fewer than 30"));
  EXPECT_DOUBLE_EQ(east["roc_auc"].get<double>(), 0.64);  // the point value stays
  EXPECT_TRUE(east["bands"]["roc_auc"]["sampling_error"].is_null());
  EXPECT_TRUE(east["bands"]["roc_auc"]["lower"].is_null());
  const auto& empty = doc["segments"][2];
  EXPECT_EQ(empty["name"], "region & channel=east & web");
  EXPECT_TRUE(empty["roc_auc"].is_null());
  EXPECT_TRUE(empty["expected_confusion"].is_null());
  EXPECT_THAT(empty["note"].get<std::string>(), HasSubstr("no scored rows"));
}

TEST(EstimatedPerformanceTest, AnEstimateOnlyWindowIsItsOwnDocumentKind) {
  const auto doc = nlohmann::json::parse(RenderPerformanceEstimateDocument(
      Sample(),
      InputInfo{
          .path = "stream.csv [2026-02]", .sha256 = "", .rows = 336, .columns = 4, .bytes = 0},
      InputInfo{.path = "ref.csv", .sha256 = "", .rows = 720, .columns = 3, .bytes = 0}, kMeta));
  EXPECT_EQ(doc["kind"], "performance_estimate");
  EXPECT_EQ(doc["data"]["rows"], 336);
  EXPECT_EQ(doc["reference"]["path"], "ref.csv");
  EXPECT_EQ(doc["estimated"]["is_estimate"], true);
  EXPECT_FALSE(doc.contains("metrics"));  // nothing measured
}

usecases::MonitorReport EstimateTrend() {
  usecases::ScheduleTrend s{.schedule = "month-evaluation"};
  const char* bounds[] = {"2026-01-01T00:00:00Z", "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z",
                          "2026-04-01T00:00:00Z"};
  for (int i = 0; i < 3; ++i) {
    s.windows.push_back({.label = "2026-0" + std::to_string(i + 1),
                         .window_start = bounds[i],
                         .window_end = bounds[i + 1],
                         .status = i == 0 ? "ok" : "estimated",
                         .rows = 300});
  }
  s.series.push_back(
      {.path = "estimated.roc_auc",
       .title = "roc_auc — estimated (CBPE), not measured",
       .values = {0.82, 0.64, 0.66},
       .thresholds = {{.alert = "est", .severity = "warning", .op = "<", .value = 0.75}},
       .estimate = true,
       .lower = {0.78, 0.58, std::nullopt},
       .upper = {0.86, 0.70, std::nullopt}});
  usecases::MonitorReport report;
  report.monitors.push_back({.monitor = "perf", .model = "", .time_zone = "UTC", .schedules = {s}});
  return report;
}

TEST(EstimatedPerformanceTest, TrendDrawsTheEstimateDashedWithItsBand) {
  const usecases::MonitorReport report = EstimateTrend();
  const auto& schedule = report.monitors[0].schedules[0];
  const std::string svg = TrendChartSvg(schedule, schedule.series[0]);
  EXPECT_THAT(svg, HasSubstr("class=\"series estimate\""));
  // Windows 1-2 both have a band: one quadrilateral; window 3 has none.
  EXPECT_THAT(svg, HasSubstr("<polygon class=\"estimate-band\""));
  EXPECT_THAT(svg, HasSubstr("2026-01: band 0.78 to 0.86"));
  EXPECT_THAT(svg, Not(HasSubstr("2026-03: band")));
  EXPECT_THAT(svg, HasSubstr("2026-02: estimated 0.64"));
  EXPECT_THAT(svg, HasSubstr("point beyond estimate"));  // 0.64 < 0.75

  const std::string html = RenderMonitorReportHtml(report, kMeta);
  EXPECT_THAT(html, HasSubstr("2 without labels yet (performance estimated only)"));
  EXPECT_THAT(html, HasSubstr("estimated (CBPE, from calibrated scores; not measured"));
  EXPECT_THAT(html, HasSubstr("latest estimate 0.66 (2026-03)"));

  const auto json = nlohmann::json::parse(RenderMonitorReportJson(report, kMeta));
  const auto& series = json["monitors"][0]["schedules"][0]["series"][0];
  EXPECT_EQ(series["is_estimate"], true);
  EXPECT_EQ(series["method"], "CBPE");
  EXPECT_DOUBLE_EQ(series["lower"][1].get<double>(), 0.58);
  EXPECT_TRUE(series["upper"][2].is_null());
}

}  // namespace
}  // namespace airm::report
