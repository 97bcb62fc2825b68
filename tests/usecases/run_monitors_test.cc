// RunMonitors on a generated stream: 16 weekly batches from 2026-01-05 (a
// Monday), x drifting (mean +1.5 sd) in weeks 9-13, no rows at all in week 6.
// The alert `x-drift` (when: drift, for: 2) must go pending in week 9, fire
// in week 10 and resolve in week 14, with one notification each; runs that
// find nothing new compute and send nothing.
#include "airm/usecases/run_monitors.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <random>

#include "airm/store/monitor_run_lock.h"
#include "airm/usecases/log_labels.h"
#include "airm/usecases/log_predictions.h"
#include "airm/usecases/monitor_queries.h"
#include "monitor_stream_fixture.h"
#include "usecases_test_util.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;
using testing::kRowsPerWeek;
using testing::kWeeks;
class RunMonitorsTest : public testing::OnBothBackends<testing::MonitorStreamTest> {};

// The stream's 16 weekly windows as every source must compute them: week 6
// empty (no rows and no verdict: empty is neither "no drift" nor "drift"),
// every other week kRowsPerWeek rows with input drift in weeks 9-13 only.
void ExpectStreamWindows(const RunMonitorsResult& run) {
  ASSERT_EQ(run.windows.size(), 16u);
  for (int week = 1; week <= kWeeks; ++week) {
    const ComputedWindow& w = run.windows[week - 1];
    SCOPED_TRACE(w.label);
    if (week == 6) {
      EXPECT_EQ(w.status, "empty");
      EXPECT_EQ(w.rows, 0);
      EXPECT_FALSE(w.input_drift.has_value());
      continue;
    }
    EXPECT_EQ(w.status, "ok");
    EXPECT_EQ(w.rows, kRowsPerWeek);
    ASSERT_TRUE(w.input_drift.has_value());
    EXPECT_EQ(*w.input_drift, week >= 9 && week <= 13);
  }
}

TEST_P(RunMonitorsTest, StreamAlertsFireOnceAndResolveOnce) {
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_NO_FATAL_FAILURE(ExpectStreamWindows(*run));
  for (int week = 1; week <= kWeeks; ++week) {
    const ComputedWindow& w = run->windows[week - 1];
    SCOPED_TRACE(w.label);
    if (week == 6) {
      EXPECT_TRUE(w.alerts.empty());  // an empty window does not step the alert
      continue;
    }
    ASSERT_EQ(w.alerts.size(), 1u);
    const std::string expected = week == 9                 ? "pending"
                                 : week == 10              ? "fired"
                                 : week <= 13 && week > 10 ? "firing"
                                 : week == 14              ? "resolved"
                                                           : "nothing";
    EXPECT_EQ(w.alerts[0].event, expected);
  }
  EXPECT_EQ(run->windows[0].label, "2026-W02");
  EXPECT_EQ(run->windows[0].window_start, "2026-01-05T00:00:00Z");
  EXPECT_EQ(run->windows[15].window_end, "2026-04-27T00:00:00Z");

  ASSERT_EQ(run->notifications.size(), 2u);
  const alerting::Notification& fired = run->notifications[0];
  const alerting::Notification& resolved = run->notifications[1];
  EXPECT_EQ(fired.state, alerting::AlertState::kFiring);
  EXPECT_EQ(fired.severity, alerting::AlertSeverity::kCritical);
  EXPECT_EQ(fired.window_start, "2026-03-09T00:00:00Z");  // week 10
  EXPECT_EQ(fired.expression, "drift");
  EXPECT_EQ(fired.labels.at("window"), "2026-W11");
  EXPECT_THAT(fired.summary, HasSubstr("held for 2 window(s)"));
  EXPECT_EQ(resolved.state, alerting::AlertState::kResolved);
  EXPECT_EQ(resolved.window_start, "2026-04-06T00:00:00Z");  // week 14
  EXPECT_EQ(resolved.episode_id, fired.episode_id);
  EXPECT_EQ(resolved.started_at, "2026-03-16T00:00:00Z");

  // Nothing new: nothing computed, nothing written, nothing sent.
  const int64_t windows_before = QueryInt("SELECT COUNT(*) FROM monitor_windows");
  auto again = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_TRUE(again->windows.empty());
  EXPECT_TRUE(again->notifications.empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), windows_before);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications"), 2);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_episodes WHERE state = 'resolved'"), 1);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_run_lock"), 0);  // released
}

TEST_P(RunMonitorsTest, RunsSplitAcrossRestartsSendTheSameNotificationsOnce) {
  // Week 9 (pending) is computed by the first run; the episode fires in the second.
  auto first = RunMonitors(Options("2026-03-09T00:00:00Z"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->windows.size(), 9u);
  EXPECT_TRUE(first->notifications.empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_episodes WHERE state = 'pending'"), 1);

  auto second = RunMonitors(Options("2026-03-20T12:00:00Z"));  // mid week 11: weeks 10 only
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->windows.size(), 1u);
  ASSERT_EQ(second->notifications.size(), 1u);
  EXPECT_EQ(second->notifications[0].state, alerting::AlertState::kFiring);

  auto third = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_EQ(third->windows.size(), 6u);
  ASSERT_EQ(third->notifications.size(), 1u);
  EXPECT_EQ(third->notifications[0].state, alerting::AlertState::kResolved);
  EXPECT_EQ(third->notifications[0].episode_id, second->notifications[0].episode_id);
}

// Delivery is part of the run: a receiver nobody listens on (port 1 of the
// loopback) leaves both notifications pending without failing the run, and the
// next run, with no window due, tries them again.
TEST_P(RunMonitorsTest, AReceiverThatIsDownNeverFailsTheRunAndTheNextRunRetries) {
  std::ofstream(dir_ / "airm.yaml", std::ios::app)
      << "alerting:\n"
         "  retry: {attempts: 2, initial_backoff_ms: 40, max_backoff_ms: 40}\n"
         "  channels:\n"
         "    - {name: ops, type: webhook, url: \"http://127.0.0.1:1/hook\"}\n";
  std::vector<int64_t> waits;
  RunMonitorsOptions options = Options("2026-04-27T00:00:00Z");
  options.delivery.sleep = [&](std::chrono::milliseconds ms) { waits.push_back(ms.count()); };
  auto run = RunMonitors(options);
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->notifications.size(), 2u);
  ASSERT_TRUE(run->delivery.has_value());
  EXPECT_EQ(run->delivery->queued, 2);
  EXPECT_EQ(run->delivery->Delivered(), 0);
  EXPECT_EQ(run->delivery->Pending(), 2);  // the firing tried, the resolved held behind it
  ASSERT_EQ(run->delivery->channels.size(), 1u);
  EXPECT_EQ(run->delivery->channels[0].pending, 2);
  EXPECT_EQ(waits, std::vector<int64_t>{40});
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox WHERE status = 'pending'"), 2);

  auto next = RunMonitors(options);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  EXPECT_TRUE(next->windows.empty());
  EXPECT_EQ(next->delivery->queued, 0);
  ASSERT_EQ(next->delivery->records.size(), 2u);
  EXPECT_EQ(next->delivery->records[0].attempts_total, 4);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_run_lock"), 0);  // released after delivery
}

TEST_P(RunMonitorsTest, WithoutAlertingChannelsTheResultSaysNothingIsDelivered) {
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_FALSE(run->delivery.has_value());
  EXPECT_THAT(run->no_delivery, HasSubstr("no alerting channels in "));
  EXPECT_THAT(run->no_delivery, HasSubstr("airm.yaml"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox"), 0);
}

TEST_P(RunMonitorsTest, NumericRuleReportsTheObservedValue) {
  WriteMonitor("credit", "", kFiles, "2026-03-02",
               std::string(kWeekly) +
                   "    alerts:\n      - {name: x-shift, when: \"columns.x.effect_size>0.5\"}\n");
  auto run = RunMonitors(Options("2026-03-09T00:00:00Z"));  // week 9 only
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->notifications.size(), 1u);
  ASSERT_TRUE(run->notifications[0].observed.has_value());
  EXPECT_GT(*run->notifications[0].observed, 0.5);
  EXPECT_EQ(run->notifications[0].severity, alerting::AlertSeverity::kWarning);
}

TEST_P(RunMonitorsTest, ALiveRunHoldsTheLockAndADeadOneDoesNot) {
  auto db = Open();
  const store::RunLockHolder other{.host = "", .pid = getpid(), .nonce = "other"};
  // A holder on an unknown host counts as alive.
  ASSERT_TRUE(store::AcquireMonitorRunLock(*db, other, [](const std::string&, int64_t) {
                return false;
              }).ok());
  auto blocked = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(blocked.ok());
  EXPECT_EQ(blocked.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(blocked.status().message(), HasSubstr("holds the lock"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 0);

  // The same host, a pid that no longer runs (kill -9): the lock is taken over.
  char host[256] = {};
  ASSERT_EQ(gethostname(host, sizeof host - 1), 0);
  ASSERT_TRUE(db->Execute("UPDATE monitor_run_lock SET host = ?, pid = ?",
                          {std::string(host), int64_t{2147483000}})
                  .ok());
  auto taken = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->windows.size(), 1u);
}

TEST_P(RunMonitorsTest, UnknownNamesListTheCandidates) {
  auto unknown = RunMonitors([&] {
    RunMonitorsOptions o = Options("2026-01-12T00:00:00Z");
    o.monitor = "credti";
    return o;
  }());
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("known: credit"));

  RegisterModel("scorer", "1");
  WriteMonitor("credit", "scorer@7", kFiles, "2026-01-05", kWeekly);
  auto model = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(model.ok());
  EXPECT_EQ(ExitCodeFor(model.status()), 2);
  EXPECT_THAT(model.status().message(), HasSubstr("monitor 'credit'"));
  EXPECT_THAT(model.status().message(), HasSubstr("1"));  // the version that exists
}

TEST_P(RunMonitorsTest, MalformedConfigNamesFileLineAndKey) {
  WriteMonitor("credit", "", kFiles, "2026-01-05", "    schedules:\n      - {every: fortnight}\n");
  auto run = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("airm.yaml:7: monitors[0].schedules[0].every"));
  EXPECT_THAT(run.status().message(), HasSubstr("fortnight"));
}

// Each file's times are read first and its rows only when a window covers
// it, yet a file that cannot say when its rows are is still refused before
// any window, naming the file.
TEST_P(RunMonitorsTest, ABatchWithoutTheTimestampColumnIsRefusedNamingTheFile) {
  WriteFile("batches/week_99.csv", "x,cat\n0.5,a\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("week_99.csv"));
  EXPECT_THAT(run.status().message(), HasSubstr("'ts' (current.timestamp) is not in the file"));
  // Nothing was stored: without the file, the next run computes every week.
  std::filesystem::remove(dir_ / "batches" / "week_99.csv");
  auto next = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ExpectStreamWindows(*next);
}

// A file that grows between the run's first look (its times) and the window
// that reads it whole stops the run (exit 2) naming it, rather than analysing
// rows its recorded digest does not describe; what was stored stays.
TEST_P(RunMonitorsTest, ABatchThatChangesDuringTheRunStopsItNamingTheFile) {
  RunMonitorsOptions options = Options("2026-01-26T00:00:00Z");  // weeks 1-3
  options.progress = [&](std::string_view what) {
    if (what.find("2026-W03") == std::string_view::npos) return;  // week 2's window
    std::ofstream(dir_ / "batches" / "week_02.csv", std::ios::app)
        << "2026-01-13T00:00:00Z,0.1,a\n";
  };
  auto run = RunMonitors(options);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("week_02.csv"));
  EXPECT_THAT(run.status().message(), HasSubstr("changed while the run read it"));
  // Week 1 was stored before; the next run computes weeks 2 and 3 only.
  auto next = RunMonitors(Options("2026-01-26T00:00:00Z"));
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_EQ(next->windows.size(), 2u);
  EXPECT_EQ(next->windows[0].label, "2026-W03");
}

TEST_P(RunMonitorsTest, ThePredictionLogIsACurrentSourceByLoggedTime) {
  RegisterModel("scorer", "1");
  // Weeks 8-10 of the stream logged as predictions of scorer@1, with x a
  // logged feature: x drifts from week 9 on.
  for (const char* week : {"08", "09", "10"}) LogWeek(week, /*store_features=*/true);
  WriteMonitor("scorer-log", "scorer@1", "{predictions: true}", "2026-02-23", kWeekly);
  auto run = RunMonitors(Options("2026-03-16T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 3u);
  for (const ComputedWindow& w : run->windows) {
    EXPECT_EQ(w.status, "ok") << w.label;
    EXPECT_EQ(w.rows, kRowsPerWeek) << w.label;
    ASSERT_TRUE(w.input_drift.has_value());
    EXPECT_EQ(*w.input_drift, w.window_start != "2026-02-23T00:00:00Z") << w.label;
  }
  auto db = Open();
  auto inputs = db->Query("SELECT inputs_json FROM monitor_windows ORDER BY window_start LIMIT 1");
  ASSERT_TRUE(inputs.ok());
  EXPECT_THAT((*inputs)[0].Text(0), HasSubstr("predictions of scorer@1"));
}

TEST_P(RunMonitorsTest, APredictionLogWithoutFeaturesIsAClearError) {
  RegisterModel("scorer", "1");
  LogWeek("01", /*store_features=*/false);
  WriteMonitor("scorer-log", "scorer@1", "{predictions: true}", "2026-01-05", kWeekly);
  auto run = RunMonitors(Options("2026-01-12T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(ExitCodeFor(run.status()), 2);
  EXPECT_THAT(run.status().message(), HasSubstr("--store-features"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 0);  // nothing half-stored
}

TEST_P(RunMonitorsTest, MonthlyEvaluationSeesTheScoreDegradeAndWaitsForLabels) {
  // Jan-Mar labelled; from March 1 the score is noise; April's labels have not
  // arrived (empty target), so April holds only a CBPE estimate ("estimated"),
  // on which the rule reading realized metrics does not step.
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal(0.0, 1.0);
  std::uniform_real_distribution<double> unit(0.0, 1.0);
  std::string ref = "x,score,y\n";
  std::string stream = "ts,x,score,y\n";
  std::string labelled = stream;  // the same stream once April's labels arrived
  for (int day = -50; day < 120; ++day) {
    for (int i = 0; i < 6; ++i) {
      const double x = normal(rng);
      const double p = 1.0 / (1.0 + std::exp(-2.0 * x));
      const int y = unit(rng) < p ? 1 : 0;
      const double score = day >= 59 ? unit(rng) : p;
      if (day < 0) {
        ref += std::to_string(x) + "," + std::to_string(score) + "," + std::to_string(y) + "\n";
        continue;
      }
      char ts[32];
      const time_t t = static_cast<time_t>((20454 + day) * int64_t{86400} + i * 10800);
      std::strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));  // 20454 = 2026-01-01
      const std::string row =
          std::string(ts) + "," + std::to_string(x) + "," + std::to_string(score) + ",";
      stream += row + (day < 90 ? std::to_string(y) : std::string()) + "\n";
      labelled += row + std::to_string(y) + "\n";
    }
  }
  WriteFile("ref.csv", ref);
  WriteFile("stream.csv", stream);
  WriteMonitor("perf", "", "{files: stream.csv, timestamp: ts}", "2026-01-01",
               "    roles: {target: y, score: score}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n"
               "    alerts:\n"
               "      - {name: auc-low, when: \"metrics.roc_auc.value<0.7\", for: 1}\n");
  auto run = RunMonitors(Options("2026-05-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 4u);
  EXPECT_EQ(run->windows[0].schedule, "month-evaluation");
  EXPECT_EQ(run->windows[0].rows, 31 * 6);
  EXPECT_EQ(run->windows[1].rows, 28 * 6);
  EXPECT_EQ(run->windows[3].label, "2026-04");
  EXPECT_EQ(run->windows[3].status, "estimated");
  EXPECT_EQ(run->windows[3].rows, 30 * 6);      // every row estimated on, none labelled
  EXPECT_TRUE(run->windows[3].alerts.empty());  // metrics.* has no evidence in April
  ASSERT_EQ(run->notifications.size(), 1u);
  EXPECT_EQ(run->notifications[0].labels.at("window"), "2026-03");
  ASSERT_TRUE(run->notifications[0].observed.has_value());
  EXPECT_LT(*run->notifications[0].observed, 0.7);
  EXPECT_FALSE(run->windows[0].alerts.at(0).held);
  EXPECT_GT(*run->windows[0].alerts.at(0).observed, 0.7);

  // April's labels arrive: --recompute stores April again as version 2 and
  // keeps version 1; unchanged windows get no new version.
  WriteFile("stream.csv", labelled);
  RunMonitorsOptions recompute = Options("2026-05-01T00:00:00Z");
  recompute.recompute_from = "2026-04-01";
  auto again = RunMonitors(recompute);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->windows.size(), 1u);
  EXPECT_EQ(again->windows[0].label, "2026-04");
  EXPECT_EQ(again->windows[0].version, 2);
  EXPECT_EQ(again->windows[0].status, "ok");
  EXPECT_EQ(again->windows[0].rows, 30 * 6);
  EXPECT_TRUE(again->notifications.empty());
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE label = '2026-04'"), 2);
  auto same = RunMonitors(recompute);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_TRUE(same->windows.empty());
}

TEST_P(RunMonitorsTest, LateLabelsOnThePredictionLogRecomputeTheirWindow) {
  const MonthLabels labels = LogScoredPredictions(11, /*february_opposite=*/false);
  const std::string& january = labels.january;
  const std::string& february = labels.february;
  auto jan = LogLabels({.store = Where(),
                        .file = WriteFile("jan.csv", january),
                        .id_column = "id",
                        .label_column = "y"});
  ASSERT_TRUE(jan.ok()) << jan.status().ToString();
  EXPECT_EQ(jan->attached, 31 * 6);

  WriteMonitor("scorer-perf", "scorer@1", "{predictions: true}", "2026-01-01",
               "    roles: {target: y, score: prediction}\n"
               "    schedules: [{every: month, analysis: evaluation}]\n");
  auto run = RunMonitors(Options("2026-03-01T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 2u);
  EXPECT_EQ(run->windows[0].status, "ok");
  EXPECT_EQ(run->windows[0].rows, 31 * 6);
  // February's outcomes are not known yet: an estimate only.
  EXPECT_EQ(run->windows[1].status, "estimated");

  auto feb = LogLabels({.store = Where(),
                        .file = WriteFile("feb.csv", february),
                        .id_column = "id",
                        .label_column = "y"});
  ASSERT_TRUE(feb.ok()) << feb.status().ToString();
  RunMonitorsOptions recompute = Options("2026-03-01T00:00:00Z");
  recompute.recompute_from = "2026-01-01";
  auto again = RunMonitors(recompute);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_EQ(again->windows.size(), 1u);  // January's inputs did not change
  EXPECT_EQ(again->windows[0].label, "2026-02");
  EXPECT_EQ(again->windows[0].version, 2);
  EXPECT_EQ(again->windows[0].status, "ok");
  EXPECT_EQ(again->windows[0].rows, 28 * 6);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE label = '2026-02'"), 2);

  auto unknown = LogLabels({.store = Where(),
                            .file = WriteFile("bad.csv", "id,y\np240,1\nnope,0\n"),
                            .id_column = "id",
                            .label_column = "y"});
  ASSERT_FALSE(unknown.ok());
  EXPECT_THAT(unknown.status().message(),
              HasSubstr("row 2: prediction 'nope' is not in the store"));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM prediction_labels"), 60 * 6);  // nothing changed
}

// vs_previous: each week is also compared with the last earlier week that had
// rows ("vs last week"); the shift in weeks 9-13 is a change against week 8
// and week 13, not against its neighbours inside the shift.
TEST_P(RunMonitorsTest, VsPreviousComparesEachWeekWithTheLastWeekWithRows) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    schedules:\n"
               "      - {every: week, analysis: drift, vs_previous: true}\n"
               "    alerts:\n"
               "      - {name: jump, when: previous.verdict.input_drift.drifted}\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 16u);
  const ComputedWindow& first = run->windows[0];
  EXPECT_FALSE(first.previous_window.has_value());         // nothing before the start
  EXPECT_TRUE(first.alerts.empty());                       // no evidence: the rule does not step
  EXPECT_EQ(run->windows[6].previous_window, "2026-W06");  // week 7 skips the empty week 6
  std::vector<int> changed;
  for (int week = 2; week <= kWeeks; ++week) {
    const ComputedWindow& w = run->windows[week - 1];
    if (week == 6) continue;
    ASSERT_TRUE(w.input_drift_vs_previous.has_value()) << w.label;
    if (*w.input_drift_vs_previous) changed.push_back(week);
  }
  EXPECT_THAT(changed, ::testing::ElementsAre(9, 14));
  std::vector<std::string> sent;
  for (const alerting::Notification& n : run->notifications) {
    sent.push_back(n.labels.at("window") +
                   (n.state == alerting::AlertState::kFiring ? " firing" : " resolved"));
  }
  EXPECT_THAT(sent, ::testing::ElementsAre("2026-W10 firing", "2026-W11 resolved",
                                           "2026-W15 firing", "2026-W16 resolved"));
}

// `vs_previous: true` compares with the previous window's stored profile, so
// last week's file may be gone (archived, rotated); `rows` reads the rows
// again, and a week whose file is gone then has none.
TEST_P(RunMonitorsTest, VsPreviousComparesTheStoredProfileWithoutItsRows) {
  for (const char* mode : {"true", "rows"}) {
    SCOPED_TRACE(mode);
    WriteMonitor(
        std::string("credit-") + mode, "", kFiles, "2026-01-05",
        std::string("    schedules:\n      - {every: week, analysis: drift, vs_previous: ") + mode +
            "}\n");
    auto first = RunMonitors(Options("2026-01-19T00:00:00Z"));  // weeks 1 and 2
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_EQ(first->windows.size(), 2u);
    const std::string week2 = (dir_ / "batches" / "week_02.csv").string();
    const std::string kept = week2 + ".kept";
    std::filesystem::rename(week2, kept);
    auto third = RunMonitors(Options("2026-01-26T00:00:00Z"));  // week 3
    std::filesystem::rename(kept, week2);
    ASSERT_TRUE(third.ok()) << third.status().ToString();
    ASSERT_EQ(third->windows.size(), 1u);
    const ComputedWindow& w = third->windows[0];
    ASSERT_TRUE(w.input_drift_vs_previous.has_value());
    EXPECT_FALSE(*w.input_drift_vs_previous);
    // From the profile: week 2 itself. From the rows: week 2 has none now,
    // so week 1.
    EXPECT_EQ(w.previous_window, std::string(mode) == "true" ? "2026-W03" : "2026-W02");
  }
}

TEST_P(RunMonitorsTest, VsPreviousIsForDriftSchedulesOnly) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    roles: {target: cat}\n"
               "    schedules:\n"
               "      - {every: month, analysis: evaluation, vs_previous: true}\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kParseError);
  EXPECT_THAT(run.status().message(),
              HasSubstr("monitors[0].schedules[0].vs_previous: the previous-window comparison "
                        "is a drift comparison"));
}

// rolling: 4 — the last four weeks, every week: whole windows only, rows of
// the empty week 6 simply absent, stored under their own schedule key.
TEST_P(RunMonitorsTest, RollingWindowsCoverTheLastNPeriodsEveryPeriod) {
  WriteMonitor("credit", "", kFiles, "2026-01-05",
               "    schedules:\n"
               "      - {every: week, analysis: drift, rolling: 4}\n");
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_EQ(run->windows.size(), 13u);  // closing with weeks 4..16
  EXPECT_EQ(run->windows[0].schedule, "week-drift-rolling4");
  EXPECT_EQ(run->windows[0].label, "2026-W02/2026-W05");
  EXPECT_EQ(run->windows[0].window_start, "2026-01-05T00:00:00Z");
  EXPECT_EQ(run->windows[0].window_end, "2026-02-02T00:00:00Z");
  EXPECT_EQ(run->windows[0].rows, 4 * kRowsPerWeek);
  EXPECT_EQ(run->windows[2].rows, 3 * kRowsPerWeek);  // weeks 3-6, week 6 empty
  EXPECT_FALSE(*run->windows[4].input_drift);         // weeks 5-8
  EXPECT_TRUE(*run->windows[5].input_drift);          // weeks 6-9: week 9 shifted

  auto status = MonitorStatus({.store = Where(), .as_of = "2026-04-27T00:00:00Z"});
  ASSERT_TRUE(status.ok()) << status.status().ToString();
  const ScheduleStatus& s = status->at(0).schedules.at(0);
  EXPECT_EQ(s.windows, 13);
  EXPECT_EQ(s.next_window_label, "2026-W15/2026-W18");
  EXPECT_EQ(s.next_due, "2026-05-04T00:00:00Z");
  EXPECT_TRUE(RunMonitors(Options("2026-04-27T00:00:00Z"))->windows.empty());
}

// The same stream from an SQL query on SQLite (loaded with Debian's sqlite3
// shell): each window's rows are selected with its bounds bound as :start
// and :end, and the verdicts are those of the file source.
TEST_P(RunMonitorsTest, AnSqlQueryOnSqliteIsACurrentSourceWithBoundWindowBounds) {
  const std::string db = (dir_ / "events.db").string();
  std::string script = "CREATE TABLE scored (ts TEXT, x REAL, cat TEXT);\n";
  for (int week = 1; week <= kWeeks; ++week) {
    if (week == 6) continue;
    char name[64];
    std::snprintf(name, sizeof name, "batches/week_%02d.csv", week);
    script += ".import --csv --skip 1 " + (dir_ / name).string() + " scored\n";
  }
  WriteFile("load.sql", script);
  ASSERT_EQ(std::system(("sqlite3 " + db + " < " + (dir_ / "load.sql").string()).c_str()), 0);
  WriteMonitor("credit", "",
               "{sqlite: events.db, query: \"SELECT ts, x, cat FROM scored"
               " WHERE ts >= :start AND ts < :end\"}",
               "2026-01-05", kWeekly);
  auto run = RunMonitors(Options("2026-04-27T00:00:00Z"));
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  ASSERT_NO_FATAL_FAILURE(ExpectStreamWindows(*run));
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows WHERE inputs_json LIKE '%:start%'"), 16);

  WriteMonitor("credit", "",
               "{sqlite: events.db, query: \"SELECT nope FROM scored WHERE :start < :end\"}",
               "2026-01-05", kWeekly);
  auto bad = RunMonitors(Options("2026-05-04T00:00:00Z"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(ExitCodeFor(bad.status()), 2);
  EXPECT_THAT(bad.status().message(), HasSubstr("does not prepare: no such column: nope"));

  WriteMonitor("credit", "", "{sqlite: events.db, query: \"SELECT * FROM scored\"}", "2026-01-05",
               kWeekly);
  auto unbound = RunMonitors(Options("2026-05-04T00:00:00Z"));
  ASSERT_FALSE(unbound.ok());
  EXPECT_THAT(unbound.status().message(),
              HasSubstr("monitors[0].current.query: the query must select one window's rows"));
}

AIRM_INSTANTIATE_STORE_BACKENDS(RunMonitorsTest);

}  // namespace
}  // namespace airm::usecases
