// CBPE in monthly evaluation windows (RunMonitors): a month whose labels have
// not arrived is stored as "estimated" with the estimate marked as one; a rule
// on `estimated.roc_auc` steps on it, rules on realized metrics do not; a
// labelled month carries the estimate beside the realized metrics, and for a
// calibrated model the two agree within the estimate's band; with segment
// columns each segment is estimated (against the numpy / scikit-learn
// reference) and a segment with too few rows keeps no bands.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <ctime>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "airm/report/monitor_trend.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/monitor_report.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
class MonitorEstimateTest : public testing::MonitorStreamTest {
 protected:
  void WriteStream() const;

  // The segment fixture of scripts/fixtures/make_cbpe_fixtures.py
  // (tests/fixtures/evaluate/cbpe_segment_cases.json) as the monthly
  // evaluation monitor `perf` with segments region and channel; `alerts` its
  // alerts: section ("" for none). Returns the fixture.
  nlohmann::json WriteSegmentMonitor(const std::string& alerts) {
    std::ifstream in(std::string(AIRM_TEST_SOURCE_DIR) +
                     "/tests/fixtures/evaluate/cbpe_segment_cases.json");
    EXPECT_TRUE(in) << "missing fixture cbpe_segment_cases.json";
    const nlohmann::json fixture = nlohmann::json::parse(in);
    WriteFile("ref.csv", fixture["reference_csv"].get<std::string>());
    WriteFile("stream.csv", fixture["window_csv"].get<std::string>());
    WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-02-01",
                 "    roles: {target: y, score: score, segment: [region, channel]}\n"
                 "    schedules: [{every: month, analysis: evaluation}]\n" +
                     alerts);
    return fixture;
  }
};

// Reference and January: score = P(y = 1 | x) with x ~ N(0, 1.5), labelled.
// February: the same calibrated model on x ~ N(0, 0.3) (covariate shift that
// leaves little to separate: expected AUC ~0.65), no labels yet.
void MonitorEstimateTest::WriteStream() const {
  std::mt19937_64 rng(20261207);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string ref = "x,score,pred,y\n", stream = "ts,x,score,pred,y\n";
  for (int day = -60; day < 59; ++day) {
    for (int i = 0; i < 12; ++i) {
      const double x = normal(rng) * (day < 31 ? 1.5 : 0.3);
      const double p = 1.0 / (1.0 + std::exp(-1.5 * x));
      const int y = unit(rng) < p ? 1 : 0;
      if (day < 0) {
        ref += std::to_string(x) + "," + std::to_string(p) + "," + (p >= 0.5 ? "1," : "0,") +
               std::to_string(y) + "\n";
        continue;
      }
      char ts[32];
      const time_t when = static_cast<time_t>((20454 + day) * int64_t{86400} + i * 7200);
      std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&when));  // 20454 = 2026-01-01
      stream += std::string(ts) + "," + std::to_string(x) + "," + std::to_string(p) + "," +
                (p >= 0.5 ? "1," : "0,") + (day < 31 ? std::to_string(y) : std::string()) + "\n";
    }
  }
  WriteFile("ref.csv", ref);
  WriteFile("stream.csv", stream);
}

TEST_F(MonitorEstimateTest, UnlabelledMonthIsEstimatedAndAlertsOnTheEstimate) {
  WriteStream();
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n"
               "    alerts:\n"
               "      - {name: est-auc-low, when: \"estimated.roc_auc<0.75\", for: 1}\n"
               "      - {name: auc-low, when: \"metrics.roc_auc.value<0.75\", for: 1}\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);
  const ComputedWindow& jan = run->windows[0];
  const ComputedWindow& feb = run->windows[1];
  EXPECT_EQ(jan.status, "ok");
  EXPECT_EQ(jan.rows, 31 * 12);
  ASSERT_EQ(jan.alerts.size(), 2u);  // both rules step on a labelled month
  EXPECT_FALSE(jan.alerts[0].held);
  EXPECT_FALSE(jan.alerts[1].held);
  EXPECT_EQ(feb.status, "estimated");
  EXPECT_EQ(feb.rows, 28 * 12);
  ASSERT_EQ(feb.alerts.size(), 1u);  // only the rule on the estimate
  EXPECT_EQ(feb.alerts[0].alert, "est-auc-low");
  EXPECT_TRUE(feb.alerts[0].held);
  ASSERT_EQ(run->notifications.size(), 1u);
  EXPECT_EQ(run->notifications[0].alert_name, "est-auc-low");
  EXPECT_EQ(run->notifications[0].labels.at("window"), "2026-02");

  // The stored documents say what is an estimate.
  auto history = [&](const std::string& metric) {
    auto h = MonitorHistory({.store = Where(), .monitor = "perf", .metric = metric});
    EXPECT_TRUE(h.ok()) << h.status().ToString();
    return h.ok() ? *h : std::vector<HistoryPoint>{};
  };
  auto kind = history("kind");
  ASSERT_EQ(kind.size(), 2u);
  EXPECT_EQ(kind[1].value_json, "\"performance_estimate\"");
  EXPECT_EQ(kind[1].status, "estimated");
  EXPECT_EQ(history("estimated.is_estimate")[1].value_json, "true");
  EXPECT_EQ(history("estimated.method")[0].value_json, "\"CBPE\"");
  EXPECT_EQ(history("estimated.labelled_rows")[0].value, 31 * 12);
  EXPECT_EQ(history("estimated.labelled_rows")[1].value, 0);
  // A realized metric is a gap in the estimated month, not an error.
  auto realized = history("metrics.roc_auc.value");
  ASSERT_EQ(realized.size(), 2u);
  ASSERT_TRUE(realized[0].value.has_value());
  EXPECT_FALSE(realized[1].value.has_value());

  // January (labelled, calibrated model): the estimate lands within its
  // band of the realized metric; February's estimate is low, its band too.
  const double jan_auc = *history("estimated.roc_auc")[0].value;
  const double jan_se = *history("estimated.bands.roc_auc.sampling_error")[0].value;
  EXPECT_NEAR(jan_auc, *realized[0].value, 3 * jan_se);
  const double jan_acc = *history("estimated.accuracy")[0].value;
  const double jan_acc_se = *history("estimated.bands.accuracy.sampling_error")[0].value;
  EXPECT_NEAR(jan_acc, *history("metrics.accuracy.value")[0].value, 3 * jan_acc_se);
  const double feb_auc = *history("estimated.roc_auc")[1].value;
  EXPECT_LT(feb_auc, 0.75);
  EXPECT_LT(*history("estimated.bands.roc_auc.upper")[1].value, jan_auc);

  // The trend report draws the estimate as one, with the rule's threshold on
  // it (not on a second series of the same path).
  auto report = BuildMonitorReport({.store = Where(), .monitor = "perf"});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ScheduleTrend& trend = report->monitors.at(0).schedules.at(0);
  const auto estimated_auc =
      std::count_if(trend.series.begin(), trend.series.end(),
                    [](const TrendSeries& t) { return t.path == "estimated.roc_auc"; });
  EXPECT_EQ(estimated_auc, 1);
  for (const TrendSeries& t : trend.series) {
    if (t.path != "estimated.roc_auc") continue;
    EXPECT_TRUE(t.estimate);
    EXPECT_DOUBLE_EQ(*t.values.at(1), feb_auc);
    ASSERT_TRUE(t.lower.at(1) && t.upper.at(1));
    EXPECT_LT(*t.lower.at(1), feb_auc);
    EXPECT_GT(*t.upper.at(1), feb_auc);
    ASSERT_EQ(t.thresholds.size(), 1u);
    EXPECT_EQ(t.thresholds[0].alert, "est-auc-low");
  }
}

// Evaluation windows (realized or estimate-only) have no drift verdict:
// the Prometheus export leaves those families out instead of failing (it
// threw on the missing keys: exit 3).
TEST_F(MonitorEstimateTest, PrometheusExportOfAnEvaluationMonitorHasRowsAndNoDrift) {
  WriteStream();
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n");
  ASSERT_TRUE(RunMonitors(Options("2026-03-01T00:00:00Z")).ok());
  auto families = ExportMonitorMetrics({.store = Where()});
  ASSERT_TRUE(families.ok()) << families.status().ToString();
  bool rows_seen = false;
  for (const monitor::MetricFamily& f : *families) {
    if (f.name == "airm_monitor_window_rows") {
      rows_seen = true;
      ASSERT_EQ(f.samples.size(), 1u);
      EXPECT_EQ(f.samples[0].value, 28 * 12);  // February, estimated
    }
    if (f.name == "airm_monitor_input_drift") {
      EXPECT_TRUE(f.samples.empty());
    }
  }
  EXPECT_TRUE(rows_seen);
}

TEST_F(MonitorEstimateTest, WithoutAScoreTheUnlabelledMonthStaysEmpty) {
  WriteStream();
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, prediction: pred}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n"
               "    alerts:\n"
               "      - {name: est-auc-low, when: \"estimated.roc_auc<0.75\", for: 1}\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);
  EXPECT_EQ(run->windows[1].status, "empty");
  // January's estimate is unavailable, so the rule on it does not step.
  EXPECT_TRUE(run->windows[0].alerts.empty());
  auto note = MonitorHistory({.store = Where(), .monitor = "perf", .metric = "estimated.note"});
  ASSERT_TRUE(note.ok()) << note.status().ToString();
  EXPECT_THAT(note->at(0).value_json, HasSubstr("CBPE needs a score"));
}

TEST_F(MonitorEstimateTest, AScoreOutsideZeroOneIsAnErrorNamingTheWindow) {
  WriteFile("ref.csv", "x,score,y\n0.1,0.2,0\n0.5,0.7,1\n0.9,0.9,1\n0.2,0.1,0\n");
  WriteFile("stream.csv", "ts,x,score,y\n2026-01-03T00:00:00Z,0.3,1.7,\n");
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n");
  auto run = RunMonitors(Options("2026-02-01T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("monitor 'perf' window 2026-01"));
  EXPECT_THAT(run.status().message(), HasSubstr("window row 1"));
}

// learn: {from: reference} on an evaluation schedule: each 72-row chunk of
// the labelled reference is evaluated as a month would be (against the rest
// of the reference), and the threshold is mean - 3 sd of the chunks' AUCs,
// here recomputed from the reference file by counting pairs (Mann-Whitney).
TEST_F(MonitorEstimateTest, AnEvaluationRuleLearnsFromTheReferencesChunks) {
  WriteStream();
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n"
               "    alerts:\n"
               "      - {name: auc-low, when: \"metrics.roc_auc.value < learned\",\n"
               "         learn: {from: reference, rows: 72}}\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);

  std::vector<double> score;
  std::vector<int> label;
  std::ifstream in(dir_ / "ref.csv");
  std::string line;
  std::getline(in, line);  // x,score,pred,y
  while (std::getline(in, line)) {
    const size_t a = line.find(','), b = line.find(',', a + 1), c = line.find(',', b + 1);
    score.push_back(std::stod(line.substr(a + 1, b - a - 1)));
    label.push_back(std::stoi(line.substr(c + 1)));
  }
  ASSERT_EQ(score.size(), 720u);
  std::vector<double> aucs;
  for (size_t begin = 0; begin < 720; begin += 72) {
    double wins = 0, pairs = 0;
    for (size_t i = begin; i < begin + 72; ++i) {
      for (size_t j = begin; j < begin + 72; ++j) {
        if (label[i] != 1 || label[j] != 0) continue;
        pairs += 1;
        wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
      }
    }
    aucs.push_back(wins / pairs);
  }
  double mean = 0, squares = 0;
  for (double v : aucs) mean += v / 10;
  for (double v : aucs) squares += (v - mean) * (v - mean);
  const double lower = mean - 3 * std::sqrt(squares / 9);

  // January is labelled: the rule steps against the learned lower bound.
  const ComputedWindow& jan = run->windows[0];
  ASSERT_EQ(jan.alerts.size(), 1u);
  ASSERT_TRUE(jan.alerts[0].learned.has_value());
  EXPECT_EQ(jan.alerts[0].learned->status, "ok");
  EXPECT_EQ(jan.alerts[0].learned->windows, 10);
  ASSERT_TRUE(jan.alerts[0].learned->lower.has_value());
  EXPECT_NEAR(*jan.alerts[0].learned->lower, lower, 1e-9);
  EXPECT_EQ(jan.alerts[0].event, "nothing");
}

// Per segment, against scripts/fixtures/make_cbpe_fixtures.py
// (tests/fixtures/evaluate/cbpe_segment_cases.json): a February without
// labels, segments region (one value rare, some rows missing) and channel.
TEST_F(MonitorEstimateTest, UnlabelledMonthIsEstimatedPerSegment) {
  const nlohmann::json fixture = WriteSegmentMonitor(
      "    alerts:\n"
      "      - {name: north-low, when: 'estimated.segments[\"region=north\"].roc_auc<0.9',"
      " for: 1}\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 1u);
  EXPECT_EQ(run->windows[0].status, "estimated");
  // A rule on one segment's estimate steps on the estimated month.
  ASSERT_EQ(run->windows[0].alerts.size(), 1u);
  EXPECT_TRUE(run->windows[0].alerts[0].held);

  auto value = [&](const std::string& metric) -> std::optional<double> {
    auto h = MonitorHistory({.store = Where(), .monitor = "perf", .metric = metric});
    EXPECT_TRUE(h.ok()) << metric << ": " << h.status().ToString();
    if (!h.ok() || h->size() != 1) return std::nullopt;
    return h->at(0).value;
  };
  EXPECT_EQ(value("estimated.min_segment_rows"), fixture["min_segment_rows"].get<double>());
  const nlohmann::json& whole = fixture["whole_window"]["metrics"];
  EXPECT_NEAR(*value("estimated.roc_auc"), whole["roc_auc"]["value"].get<double>(), 1e-9);
  ASSERT_EQ(fixture["segments"].size(), 14u);
  for (size_t k = 0; k < fixture["segments"].size(); ++k) {
    const nlohmann::json& expected = fixture["segments"][k];
    const std::string name = expected["name"].get<std::string>();
    SCOPED_TRACE(name);
    // The segments come in the reference's order; each is reachable by name.
    const std::string at = "estimated.segments." + std::to_string(k);
    const std::string path = "estimated.segments[\"" + name + "\"]";
    auto stored_name =
        MonitorHistory({.store = Where(), .monitor = "perf", .metric = at + ".name"});
    ASSERT_TRUE(stored_name.ok()) << stored_name.status().ToString();
    EXPECT_EQ(stored_name->at(0).value_json, nlohmann::json(name).dump());
    EXPECT_EQ(value(path + ".rows"), expected["rows"].get<double>());
    const bool sufficient = expected["sufficient"].get<bool>();
    EXPECT_EQ(value(path + ".sufficient"), sufficient ? 1.0 : 0.0);
    if (!sufficient) {
      auto note = MonitorHistory({.store = Where(), .monitor = "perf", .metric = path + ".note"});
      ASSERT_TRUE(note.ok());
      EXPECT_THAT(note->at(0).value_json, HasSubstr("insufficient evidence"));
    }
    EXPECT_NEAR(*value(path + ".expected_confusion.true_positives"),
                expected["confusion"]["tp"].get<double>(), 1e-9);
    for (const auto& [metric, m] : expected["metrics"].items()) {
      SCOPED_TRACE(metric);
      const std::optional<double> stored_value = value(path + "." + metric);
      if (m["value"].is_null()) {  // a zero denominator (precision with no predicted positive)
        EXPECT_FALSE(stored_value.has_value());
      } else {
        ASSERT_TRUE(stored_value.has_value());
        EXPECT_NEAR(*stored_value, m["value"].get<double>(), 1e-9);
      }
      for (const char* band : {"sampling_error", "lower", "upper"}) {
        const std::optional<double> stored = value(path + ".bands." + metric + "." + band);
        if (m[band].is_null()) {
          EXPECT_FALSE(stored.has_value()) << band;
        } else {
          ASSERT_TRUE(stored.has_value()) << band;
          EXPECT_NEAR(*stored, m[band].get<double>(), 1e-9) << band;
        }
      }
    }
  }
}

// The trend report draws each segment's estimates as small multiples, stated
// as estimates: the segments with the most scored rows first, the rest listed.
TEST_F(MonitorEstimateTest, TheTrendReportDrawsEachSegmentsEstimates) {
  const nlohmann::json fixture = WriteSegmentMonitor("");
  ASSERT_TRUE(RunMonitors(Options("2026-03-01T00:00:00Z")).ok());
  std::map<std::string, nlohmann::json> expected;
  for (const nlohmann::json& seg : fixture["segments"]) expected[seg["name"]] = seg;

  auto report = BuildMonitorReport({.store = Where()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ScheduleTrend& s = report->monitors.at(0).schedules.at(0);
  // 14 segments, 12 drawn (max_columns): the two smallest are listed instead.
  ASSERT_EQ(s.segment_estimates.size(), 12u);
  ASSERT_EQ(report->omitted.size(), 2u);
  EXPECT_EQ(report->omitted[0],
            "perf month-evaluation: estimates of segment region & channel=east & web");
  EXPECT_EQ(s.segment_estimates[0].segment, "region=north");  // 229 rows, the most
  EXPECT_EQ(s.segment_estimates[0].rows, 229);
  for (const SegmentEstimateTrend& seg : s.segment_estimates) {
    SCOPED_TRACE(seg.segment);
    const nlohmann::json& e = expected.at(seg.segment);
    EXPECT_EQ(seg.rows, e["rows"].get<int64_t>());
    EXPECT_EQ(seg.insufficient, e["sufficient"].get<bool>() ? 0 : 1);
    ASSERT_EQ(seg.series.size(), 5u);
    const TrendSeries& auc = seg.series[4];
    EXPECT_EQ(auc.path, "estimated.segments[\"" + seg.segment + "\"].roc_auc");
    EXPECT_TRUE(auc.estimate);
    ASSERT_TRUE(auc.values.at(0).has_value());
    EXPECT_NEAR(*auc.values[0], e["metrics"]["roc_auc"]["value"].get<double>(), 1e-9);
    // A band only where the segment had enough rows.
    EXPECT_EQ(auc.lower.at(0).has_value(), !e["metrics"]["roc_auc"]["lower"].is_null());
  }

  const std::string html = report::RenderMonitorReportHtml(*report, {});
  EXPECT_THAT(html, HasSubstr("<h4>Estimated performance by segment</h4>"));
  EXPECT_THAT(html, HasSubstr("Estimates, not measurements"));
  EXPECT_THAT(html, HasSubstr("<h5>region=north</h5><p>229 scored row(s) over the windows.</p>"));
  EXPECT_THAT(html, HasSubstr("<h5>region=east</h5><p>24 scored row(s) over the windows; too few "
                              "for a band in 1 window(s).</p>"));
  EXPECT_THAT(html, HasSubstr("roc_auc — region=north, estimated (CBPE), not measured"));
  const nlohmann::json doc = nlohmann::json::parse(report::RenderMonitorReportJson(*report, {}));
  const nlohmann::json& first = doc["monitors"][0]["schedules"][0]["segment_estimates"][0];
  EXPECT_EQ(first["segment"], "region=north");
  EXPECT_EQ(first["series"][4]["is_estimate"], true);
  EXPECT_EQ(first["series"][4]["method"], "CBPE");
}

TEST_F(MonitorEstimateTest, ASegmentColumnMissingFromTheWindowIsAnErrorNamingIt) {
  WriteFile("ref.csv", "score,y,region\n0.2,0,a\n0.7,1,b\n0.9,1,a\n0.1,0,b\n");
  WriteFile("stream.csv", "ts,score,y\n2026-01-03T00:00:00Z,0.3,\n");
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score, segment: [region]}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n");
  auto run = RunMonitors(Options("2026-02-01T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("monitor 'perf' window 2026-01"));
  EXPECT_THAT(run.status().message(), HasSubstr("segment region: unknown column 'region'"));
}

}  // namespace
}  // namespace airm::usecases
