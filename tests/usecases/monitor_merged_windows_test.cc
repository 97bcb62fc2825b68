// Months and quarters from stored day profiles: a quarter of daily batches
// (2026-01-01 .. 2026-03-31, 40 rows a day, x shifted by 1.5 sd through
// February, no rows on 2026-01-10). The monitor `credit` first computes its
// days; the batch files are then removed and its month and quarter windows
// computed from the stored profiles alone. The monitor `exact` computes the
// same months from the rows, for comparison.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <random>

#include "airm/usecases/run_monitors.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;

constexpr int kRowsPerDay = 40;
constexpr int kDays = 90;  // 2026-01-01 is day 20454 since the epoch

class MonitorMergedWindowsTest : public testing::OnBothBackends<testing::WorkspaceTest> {
 protected:
  void SetUp() override {
    WorkspaceTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    std::mt19937_64 rng(20260101);
    std::normal_distribution<double> normal(0.0, 1.0);
    const char* cats[] = {"a", "b", "c"};
    std::string ref = "x,cat\n";
    for (int i = 0; i < 600; ++i) ref += std::to_string(normal(rng)) + "," + cats[rng() % 3] + "\n";
    WriteFile("ref.csv", ref);
    std::filesystem::create_directories(dir_ / "batches");
    for (int day = 0; day < kDays; ++day) {
      if (day == 9) continue;                                  // 2026-01-10: nothing arrived
      const double shift = day >= 31 && day < 59 ? 1.5 : 0.0;  // February
      std::string text = "ts,x,cat\n";
      for (int i = 0; i < kRowsPerDay; ++i) {
        const time_t t = static_cast<time_t>((20454 + day) * int64_t{86400} + i * 2000);
        char ts[32];
        std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        text += std::string(ts) + "," + std::to_string(normal(rng) + shift) + "," +
                cats[rng() % 3] + "\n";
      }
      char name[32];
      std::snprintf(name, sizeof name, "batches/day_%02d.csv", day);
      WriteFile(name, text);
    }
  }

  void WriteMonitors(const std::string& credit_schedules) {
    const std::string common =
        "    reference: {file: ref.csv}\n"
        "    current: {files: \"batches/*.csv\", timestamp: ts}\n"
        "    start: 2026-01-01\n";
    WriteFile("airm.yaml", "monitors:\n  - name: credit\n" + common +
                               "    schedules: " + credit_schedules + "\n  - name: exact\n" +
                               common + "    schedules: [{every: month}]\n" + store_line_);
  }

  RunMonitorsOptions Options() const {
    RunMonitorsOptions options;
    options.store = Where();
    options.as_of = "2026-04-01T00:00:00Z";
    options.drift.domain_classifier = false;
    return options;
  }
};

TEST_P(MonitorMergedWindowsTest, MonthsAndTheQuarterAreMergedFromStoredProfilesWithoutTheRows) {
  WriteMonitors("[{every: day}]");
  auto days = RunMonitors(Options());
  ASSERT_TRUE(days.ok()) << days.status().ToString();
  ASSERT_EQ(days->windows.size(), static_cast<size_t>(kDays + 3));  // credit's days, exact's months
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_window_profiles WHERE monitor = 'credit'"),
            kDays);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_window_profiles WHERE profile IS NULL"), 1);
  std::vector<ComputedWindow> exact;
  for (const ComputedWindow& w : days->windows) {
    if (w.monitor == "exact") exact.push_back(w);
  }
  ASSERT_EQ(exact.size(), 3u);

  // The rows are gone: what is computed now comes from the stored profiles.
  std::filesystem::remove_all(dir_ / "batches");
  std::filesystem::create_directories(dir_ / "batches");
  WriteMonitors("[{every: day}, {every: month}, {every: quarter}]");
  auto merged = RunMonitors(Options());
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  ASSERT_EQ(merged->windows.size(), 4u);
  const int64_t month_rows[] = {30 * kRowsPerDay, 28 * kRowsPerDay, 31 * kRowsPerDay};
  for (int month = 0; month < 3; ++month) {
    const ComputedWindow& w = merged->windows[month];
    SCOPED_TRACE(w.label);
    EXPECT_EQ(w.schedule, "month-drift");
    EXPECT_EQ(w.status, "ok");
    EXPECT_EQ(w.rows, month_rows[month]);
    EXPECT_EQ(w.rows, exact[month].rows);
    ASSERT_TRUE(w.input_drift.has_value());
    EXPECT_EQ(*w.input_drift, month == 1);  // February
  }
  EXPECT_TRUE(*exact[1].input_drift);
  const ComputedWindow& quarter = merged->windows[3];
  EXPECT_EQ(quarter.label, "2026-Q1");
  EXPECT_EQ(quarter.rows, (kDays - 1) * kRowsPerDay);
  EXPECT_TRUE(*quarter.input_drift);  // a third of it shifted

  auto db = Open();
  auto docs = db->Query(
      "SELECT schedule, result_json FROM monitor_windows WHERE monitor = 'credit' AND schedule "
      "<> 'day-drift' ORDER BY window_start, schedule");
  ASSERT_TRUE(docs.ok()) << docs.status().ToString();
  ASSERT_EQ(docs->size(), 4u);
  // January from its 31 days (one empty), the quarter from the three months.
  EXPECT_THAT(
      (*docs)[0].Text(1),
      HasSubstr("\"merged_from\": {\n    \"schedule\": \"day-drift\",\n    \"windows\": 31"));
  EXPECT_THAT(
      (*docs)[1].Text(1),
      HasSubstr("\"merged_from\": {\n    \"schedule\": \"month-drift\",\n    \"windows\": 3"));
  // Categorical counts merge exactly: cat's chi-square p-value is the one
  // computed from the rows, month by month. (x's KS comes from merged KLL
  // sketches, within their bounds: in March the rows give p = 0.020, a
  // false alarm at 5%, which the merged window reports as undecided.)
  auto months = db->Query(
      "SELECT monitor, result_json FROM monitor_windows WHERE schedule = 'month-drift' "
      "ORDER BY window_start, monitor");
  ASSERT_TRUE(months.ok()) << months.status().ToString();
  ASSERT_EQ(months->size(), 6u);
  for (size_t i = 0; i < 6; i += 2) {
    auto cat_p = [](const std::string& text) {
      const nlohmann::json doc = nlohmann::json::parse(text);
      for (const auto& c : doc["columns"]) {
        if (c["name"] == "cat") return c["p_value"].get<double>();
      }
      return -1.0;
    };
    ASSERT_EQ((*months)[i].Text(0), "credit");
    EXPECT_DOUBLE_EQ(cat_p((*months)[i].Text(1)), cat_p((*months)[i + 1].Text(1)));
    EXPECT_GT(cat_p((*months)[i].Text(1)), 0.0);
  }
  // Nothing new: nothing computed.
  auto again = RunMonitors(Options());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->windows.empty());
}

// A gap in the stored days (a day never computed) does not tile the month:
// the month reads its rows.
TEST_P(MonitorMergedWindowsTest, AMonthWhoseDaysDoNotTileItReadsItsRows) {
  WriteMonitors("[{every: day}]");
  ASSERT_TRUE(RunMonitors(Options()).ok());
  auto db = Open();
  ASSERT_TRUE(db->Execute("DELETE FROM monitor_window_profiles WHERE window_start = "
                          "'2026-02-14T00:00:00Z'")
                  .ok());
  WriteMonitors("[{every: day}, {every: month}]");
  auto run = RunMonitors(Options());
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 3u);
  EXPECT_EQ(run->windows[1].label, "2026-02");
  EXPECT_EQ(run->windows[1].rows, 28 * kRowsPerDay);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE schedule = 'month-drift' AND "
                     "monitor = 'credit' AND result_json LIKE '%merged_from%'"),
            2);
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorMergedWindowsTest);

}  // namespace
}  // namespace airm::usecases
