// Alert thresholds learned from the monitor's reference (`learn: {from:
// reference}`) on the generated stream (monitor_stream_fixture.h: weekly
// batches of 150 rows from 2026-01-05, x shifted by 1.5 sd in weeks 9-13,
// week 6 empty) with the seeded reference of
// scripts/fixtures/make_reference_threshold_fixtures.py: its 400 rows cut
// into 10 chunks of 40, each chunk's KS statistic against the other 360 rows
// computed by scipy, the thresholds by numpy.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "airm/report/monitor_text.h"
#include "airm/store/monitor_windows.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/monitor_report.h"
#include "airm/usecases/run_monitors.h"
#include "airm/usecases/store_access.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using ::testing::HasSubstr;

std::string ReadText(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

const std::string kFixtureDir = std::string(AIRM_TEST_SOURCE_DIR) + "/tests/fixtures/monitor/";

class MonitorReferenceLearningTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  void SetUp() override {
    testing::OnBothBackends<testing::MonitorStreamTest>::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    WriteFile("ref.csv", ReadText(kFixtureDir + "reference_chunks_ref.csv"));
    expected_ = json::parse(ReadText(kFixtureDir + "reference_thresholds.json"));
  }

  // The files of the learned-threshold cache, wherever the backend keeps
  // the workspace's local state.
  std::vector<fs::path> CacheFiles() const {
    std::vector<fs::path> out;
    for (const auto& entry : fs::recursive_directory_iterator(dir_)) {
      if (entry.path().parent_path().filename() == "learned-thresholds") {
        out.push_back(entry.path());
      }
    }
    return out;
  }

  json expected_;
};

constexpr const char* kRules =
    "    schedules:\n"
    "      - {every: week, analysis: drift}\n"
    "    alerts:\n"
    "      - {name: x-ref, when: \"columns.x.statistic > learned\",\n"
    "         learn: {from: reference, rows: 40, min_windows: 5}}\n"
    "      - {name: x-ref-q, when: \"columns.x.statistic > learned\",\n"
    "         learn: {from: reference, method: quantile, q: 0.9, rows: 40}}\n";

TEST_P(MonitorReferenceLearningTest, ThresholdsEqualScipysAndFireOnlyInTheDriftWeeks) {
  WriteMonitor("credit", "", kFiles, "2026-01-05", kRules);
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 16u);
  const double upper = expected_["mean_sigma_k3"]["upper"].get<double>();
  const double upper_q = expected_["quantile_q09"]["upper"].get<double>();

  const std::vector<json> stored = StoredResults();
  ASSERT_EQ(stored.size(), 16u);
  for (int week = 1; week <= testing::kWeeks; ++week) {
    SCOPED_TRACE(week);
    if (week == 6) continue;
    const json& t = stored[week - 1]["alert_thresholds"][0];
    EXPECT_EQ(t["name"], "x-ref");
    EXPECT_EQ(t["from"], "reference");
    EXPECT_EQ(t["status"], "ok");
    EXPECT_EQ(t["windows"], 10);  // the chunks learned from
    EXPECT_NEAR(t["mean"].get<double>(), expected_["mean_sigma_k3"]["mean"].get<double>(), 1e-12);
    EXPECT_NEAR(t["sd"].get<double>(), expected_["mean_sigma_k3"]["sd"].get<double>(), 1e-12);
    EXPECT_NEAR(t["threshold"].get<double>(), upper, 1e-12);
    EXPECT_EQ(t["reference"]["chunks"], 10);
    EXPECT_EQ(t["reference"]["chunk_rows"], 40);
    EXPECT_EQ(t["reference"]["rows"], 400);
    EXPECT_THAT(t["reference"]["comparison"].get<std::string>(),
                HasSubstr("against the reference without that chunk"));
    // Learned before any window was stored: nothing to compare the size with.
    EXPECT_EQ(t["reference"]["note"], "");
    EXPECT_TRUE(t["first_window"].is_null());
    const json& q = stored[week - 1]["alert_thresholds"][1];
    EXPECT_EQ(q["name"], "x-ref-q");
    EXPECT_NEAR(q["threshold"].get<double>(), upper_q, 1e-12);

    // The threshold separates the weeks: the 1.5-sd weeks above, the rest below.
    const ComputedWindow& w = run->windows[week - 1];
    ASSERT_EQ(w.alerts.size(), 2u);
    const std::string expected_event = week == 9                ? "fired"
                                       : week > 9 && week <= 13 ? "firing"
                                       : week == 14             ? "resolved"
                                                                : "nothing";
    EXPECT_EQ(w.alerts[0].event, expected_event);
    ASSERT_TRUE(w.alerts[0].learned.has_value());
    EXPECT_EQ(w.alerts[0].learned->status, "ok");
  }
  // Learned once per run: only the first window's chunks were computed.
  EXPECT_FALSE(stored[0]["alert_thresholds"][0]["reference"]["cached"].get<bool>());

  // monitor status names the source of the threshold.
  auto status = MonitorStatus({.store = Where(), .as_of = "2026-04-27T00:00:00Z"});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  const LearnedRuleThreshold& latest = status->at(0).schedules.at(0).learned_thresholds.at(0);
  EXPECT_EQ(latest.from, "reference");
  EXPECT_EQ(latest.chunk_rows, 40);
  EXPECT_THAT(report::MonitorStatusText(*status),
              HasSubstr("from the reference (10 chunk(s) of 40 rows)"));

  // The trend report draws it on the metric's chart, saying where it is from.
  auto report = BuildMonitorReport({.store = Where()});
  ASSERT_TRUE(report.ok()) << report.status().ToString();
  const ScheduleTrend& s = report->monitors.at(0).schedules.at(0);
  auto x = std::find_if(s.series.begin(), s.series.end(),
                        [](const TrendSeries& t) { return t.path == "columns.x.statistic"; });
  ASSERT_NE(x, s.series.end());
  ASSERT_EQ(x->thresholds.size(), 2u);
  EXPECT_EQ(x->thresholds[0].learned_from, "reference");
  EXPECT_THAT(x->thresholds[0].learned, HasSubstr("learned from the reference (mean_sigma"));
  EXPECT_NEAR(x->thresholds[0].value, upper, 1e-12);
}

TEST_P(MonitorReferenceLearningTest, TheChunksValuesAreCachedByTheReferencesContent) {
  WriteMonitor("credit", "", kFiles, "2026-01-05", kRules);
  ASSERT_TRUE(RunMonitors(Options("2026-02-02T00:00:00Z")).ok());  // weeks 1-4
  const std::vector<fs::path> files = CacheFiles();
  // One file per metric and chunk size: the two rules share their values.
  ASSERT_EQ(files.size(), 1u);

  // A later run reads the cache instead of recomputing the chunks: values
  // planted in it become the threshold.
  for (const fs::path& file : files) {
    json doc = json::parse(ReadText(file));
    ASSERT_EQ(doc["values"].size(), 10u);
    for (size_t i = 0; i < 10; ++i) doc["values"][i] = 0.5 + 0.01 * static_cast<double>(i);
    std::ofstream(file) << doc.dump();
  }
  ASSERT_TRUE(RunMonitors(Options("2026-02-09T00:00:00Z")).ok());  // week 5
  std::vector<json> stored = StoredResults();
  ASSERT_EQ(stored.size(), 5u);
  const json& cached = stored[4]["alert_thresholds"][1];  // quantile: numpy.quantile(v, 0.9)
  EXPECT_TRUE(cached["reference"]["cached"].get<bool>());
  EXPECT_NEAR(cached["threshold"].get<double>(), 0.5 + 0.01 * 8.1, 1e-12);
  // 40-row chunks, 150-row windows stored by now: said so.
  EXPECT_THAT(cached["reference"]["note"].get<std::string>(),
              HasSubstr("chunks of 40 rows, but the stored windows have a median of 150 rows"));

  // Another reference (its content, not its name) is learned afresh.
  std::string ref = ReadText(dir_ / "ref.csv");
  ref += "0.25,a\n";
  WriteFile("ref.csv", ref);
  ASSERT_TRUE(RunMonitors(Options("2026-02-23T00:00:00Z")).ok());  // weeks 6 (empty) and 7
  stored = StoredResults();
  ASSERT_EQ(stored.size(), 7u);
  const json& fresh = stored[6]["alert_thresholds"][1];
  EXPECT_FALSE(fresh["reference"]["cached"].get<bool>());
  EXPECT_EQ(fresh["reference"]["rows"], 401);
  EXPECT_LT(fresh["threshold"].get<double>(), 0.4);
  EXPECT_EQ(CacheFiles().size(), 2u);
}

TEST_P(MonitorReferenceLearningTest, TooFewChunksIsInsufficientEvidenceSaidWhy) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    schedules:\n"
               "      - {every: week, analysis: drift}\n"
               "    alerts:\n"
               "      - {name: x-ref, when: \"columns.x.statistic > learned\",\n"
               "         learn: {from: reference, rows: 150}}\n");
  auto run = RunMonitors(Options("2026-01-19T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);
  const AlertEvaluation& a = run->windows[0].alerts.at(0);
  EXPECT_EQ(a.event, "insufficient_evidence");
  ASSERT_TRUE(a.learned.has_value());
  EXPECT_THAT(a.learned->note, HasSubstr("2 reference chunk(s) with a value, 8 needed"));
  EXPECT_THAT(a.learned->note, HasSubstr("the reference's 400 rows make 2 chunk(s) of 150 rows"));
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorReferenceLearningTest);

}  // namespace
}  // namespace airm::usecases
