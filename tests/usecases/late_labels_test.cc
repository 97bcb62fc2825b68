// Late labels on the prediction log are picked up by the next plain
// `monitor run` (no --recompute): the evaluation window whose predictions got
// labels is stored again as its next version (the estimate-only version
// kept), a rule on realized metrics steps on it then, and once nothing new
// arrived a run recomputes nothing.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "airm/usecases/log_labels.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using LateLabelsTest = testing::MonitorStreamTest;

TEST_F(LateLabelsTest, TheNextRunRecomputesTheWindowWhoseLabelsArrived) {
  // February's outcomes are the opposite of the model's: once they arrive,
  // the realized AUC is far below the rule's threshold.
  const MonthLabels labels = LogScoredPredictions(13, /*february_opposite=*/true);
  const std::string& january = labels.january;
  const std::string& february = labels.february;
  ASSERT_TRUE(LogLabels({.store = Where(),
                         .file = WriteFile("jan.csv", january),
                         .id_column = "id",
                         .label_column = "y"})
                  .ok());
  WriteMonitor("scorer-perf", "scorer@1", "{predictions: true}", "2026-01-01",
               "    roles: {target: y, score: prediction}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n"
               "    alerts:\n"
               "      - {name: auc-low, when: \"metrics.roc_auc.value<0.6\", for: 1}\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);
  EXPECT_EQ(run->windows[1].status, "estimated");
  EXPECT_TRUE(run->windows[1].alerts.empty());
  EXPECT_TRUE(run->notifications.empty());
  auto quiet = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(quiet.ok()) << quiet.status().ToString();
  EXPECT_TRUE(quiet->windows.empty());  // no label arrived: nothing recomputed

  ASSERT_TRUE(LogLabels({.store = Where(),
                         .file = WriteFile("feb.csv", february),
                         .id_column = "id",
                         .label_column = "y"})
                  .ok());
  auto next = RunMonitors(Options("2026-03-01T00:00:00Z"));  // a plain run, as from cron
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_EQ(next->windows.size(), 1u);  // January's labels did not change
  const ComputedWindow& feb = next->windows[0];
  EXPECT_EQ(feb.label, "2026-02");
  EXPECT_EQ(feb.version, 2);
  EXPECT_EQ(feb.status, "ok");
  EXPECT_EQ(feb.rows, 28 * 6);
  // The realized metrics now exist, so the rule steps on February and fires.
  ASSERT_EQ(feb.alerts.size(), 1u);
  EXPECT_TRUE(feb.alerts[0].held);
  ASSERT_EQ(next->notifications.size(), 1u);
  EXPECT_EQ(next->notifications[0].labels.at("window"), "2026-02");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE label = '2026-02'"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE label = '2026-02' AND version = 1"
                     " AND status = 'estimated'"),
            1);  // the estimate-only version is kept

  auto after = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_TRUE(after->windows.empty());
  EXPECT_TRUE(after->notifications.empty());
}

}  // namespace
}  // namespace airm::usecases
