// The monitor daemon on the generated stream (monitor_stream_fixture.h) with
// a simulated clock: it catches up the windows missed while it was down,
// then computes each window as it closes; it holds the run lock for its
// life; a stop finishes the window being computed and leaves the rest due.
#include "airm/usecases/monitor_daemon.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <string_view>
#include <vector>

#include "airm/monitor/windows.h"
#include "monitor_stream_fixture.h"
#include "support/jumping_clock.h"

namespace airm::usecases {
namespace {

using airm::testing::JumpingClock;
using monitor::CanonicalToSeconds;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

class MonitorDaemonTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  MonitorDaemonOptions Daemon(JumpingClock* clock) {
    MonitorDaemonOptions options;
    options.run.store = Where();
    options.run.drift.domain_classifier = false;  // keeps the test fast
    options.clock = clock;
    options.scheduler = {.retry_seconds = 60, .max_sleep_seconds = 30 * 86400};
    options.on_tick = [this](const DaemonTick& t) { ticks_.push_back(t); };
    return options;
  }
  std::vector<DaemonTick> ticks_;
};

TEST_P(MonitorDaemonTest, CatchesUpAfterDowntimeThenComputesEachWindowAsItCloses) {
  // Started on Wednesday of week 9: weeks 1-8 closed while it was down.
  JumpingClock clock(CanonicalToSeconds("2026-03-04T12:00:00Z"));
  std::stop_source stop;
  MonitorDaemonOptions options = Daemon(&clock);
  options.on_tick = [&](const DaemonTick& t) {
    ticks_.push_back(t);
    if (t.at >= "2026-04-27T00:00:00Z") stop.request_stop();  // week 16 has closed
  };
  auto daemon = MonitorScheduler::Create(std::move(options));
  ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
  (*daemon)->Run(stop.get_token());

  // One tick at start, then one at each Monday midnight, weeks 9..16.
  ASSERT_EQ(ticks_.size(), 9u);
  EXPECT_EQ(ticks_[0].at, "2026-03-04T12:00:00Z");
  ASSERT_TRUE(ticks_[0].run.has_value()) << ticks_[0].status.ToString();
  ASSERT_EQ(ticks_[0].run->windows.size(), 8u);
  EXPECT_EQ(ticks_[0].run->windows.front().label, "2026-W02");
  EXPECT_EQ(ticks_[0].run->windows.back().label, "2026-W09");
  EXPECT_EQ(ticks_[0].next_wake, "2026-03-09T00:00:00Z");
  std::vector<std::string> labels, events;
  for (size_t i = 1; i < ticks_.size(); ++i) {
    SCOPED_TRACE(ticks_[i].at);
    ASSERT_TRUE(ticks_[i].run.has_value()) << ticks_[i].status.ToString();
    ASSERT_EQ(ticks_[i].run->windows.size(), 1u);  // exactly the window that closed
    EXPECT_EQ(ticks_[i].run->windows[0].window_end, ticks_[i].at);
    labels.push_back(ticks_[i].run->windows[0].label);
    events.push_back(ticks_[i].run->windows[0].alerts.at(0).event);
    for (const alerting::Notification& n : ticks_[i].run->notifications) {
      events.back() += n.state == alerting::AlertState::kFiring ? "+sent firing" : "+sent resolved";
    }
  }
  EXPECT_THAT(labels, ElementsAre("2026-W10", "2026-W11", "2026-W12", "2026-W13", "2026-W14",
                                  "2026-W15", "2026-W16", "2026-W17"));
  // Week 9 (2026-W10) pending, week 10 fires, week 14 resolves: one notice each.
  EXPECT_THAT(events, ElementsAre("pending", "fired+sent firing", "firing", "firing", "firing",
                                  "resolved+sent resolved", "nothing", "nothing"));
  // The daemon slept from close to close: never a busy loop.
  EXPECT_EQ(clock.waits.front(), CanonicalToSeconds("2026-03-09T00:00:00Z") -
                                     CanonicalToSeconds("2026-03-04T12:00:00Z"));
  EXPECT_EQ(clock.waits[1], 7 * 86400);
}

TEST_P(MonitorDaemonTest, HoldsTheRunLockForItsLifeSoASecondDaemonOrRunIsRefused) {
  JumpingClock clock(CanonicalToSeconds("2026-02-02T00:00:00Z"));
  auto first = MonitorScheduler::Create(Daemon(&clock));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  auto second = MonitorScheduler::Create(Daemon(&clock));
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kUnavailable);
  EXPECT_THAT(second.status().message(), HasSubstr("holds the lock"));
  RunMonitorsOptions cron;
  cron.store = Where();
  cron.as_of = "2026-02-02T00:00:00Z";
  auto run = RunMonitors(cron);
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 0);

  first->reset();  // a stopped daemon releases the lock
  auto third = MonitorScheduler::Create(Daemon(&clock));
  EXPECT_TRUE(third.ok()) << third.status().ToString();
}

TEST_P(MonitorDaemonTest, AStopFinishesTheWindowAndTheNextStartComputesTheRest) {
  JumpingClock clock(CanonicalToSeconds("2026-04-27T00:00:00Z"));
  std::stop_source stop;
  MonitorDaemonOptions options = Daemon(&clock);
  int started = 0;
  // SIGTERM arrives while the third window is computed.
  options.run.progress = [&](std::string_view what) {
    if (what.find("week-drift") != std::string_view::npos && ++started == 3) stop.request_stop();
  };
  {
    auto daemon = MonitorScheduler::Create(std::move(options));
    ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
    (*daemon)->Run(stop.get_token());
  }
  ASSERT_EQ(ticks_.size(), 1u);
  ASSERT_TRUE(ticks_[0].run.has_value());
  EXPECT_TRUE(ticks_[0].run->interrupted);
  EXPECT_EQ(ticks_[0].run->windows.size(), 3u);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 3);

  ticks_.clear();
  std::stop_source stop2;
  MonitorDaemonOptions again = Daemon(&clock);
  again.on_tick = [&](const DaemonTick& t) {
    ticks_.push_back(t);
    stop2.request_stop();
  };
  auto daemon = MonitorScheduler::Create(std::move(again));
  ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
  (*daemon)->Run(stop2.get_token());
  ASSERT_EQ(ticks_.size(), 1u);
  ASSERT_TRUE(ticks_[0].run.has_value());
  EXPECT_FALSE(ticks_[0].run->interrupted);
  ASSERT_EQ(ticks_[0].run->windows.size(), 13u);
  EXPECT_EQ(ticks_[0].run->windows.front().label, "2026-W05");
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM monitor_windows"), 16);
}

TEST_P(MonitorDaemonTest, SettleDelaysAWindowPastItsCloseAndAFailedTickIsRetried) {
  JumpingClock clock(CanonicalToSeconds("2026-01-12T00:30:00Z"));  // week 1 closed 30 min ago
  std::stop_source stop;
  MonitorDaemonOptions options = Daemon(&clock);
  options.settle_seconds = 3600;
  std::ifstream in(dir_ / "airm.yaml");
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  options.on_tick = [&](const DaemonTick& t) {
    ticks_.push_back(t);
    // airm.yaml is broken by an edit after the first tick, fixed after the second.
    if (ticks_.size() == 1) WriteFile("airm.yaml", "monitors:\n  - name: [\n");
    if (ticks_.size() == 2) WriteFile("airm.yaml", good);
    if (ticks_.size() == 3) stop.request_stop();
  };
  auto daemon = MonitorScheduler::Create(std::move(options));
  ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
  (*daemon)->Run(stop.get_token());
  ASSERT_EQ(ticks_.size(), 3u);
  ASSERT_TRUE(ticks_[0].run.has_value());
  EXPECT_TRUE(ticks_[0].run->windows.empty());  // closed, not settled yet
  EXPECT_EQ(ticks_[0].next_wake, "2026-01-12T01:00:00Z");
  EXPECT_EQ(ticks_[1].at, "2026-01-12T01:00:00Z");
  EXPECT_EQ(ticks_[1].status.code(), StatusCode::kParseError);
  EXPECT_THAT(ticks_[1].status.message(), HasSubstr("airm.yaml"));
  EXPECT_EQ(ticks_[2].at, "2026-01-12T01:01:00Z");  // retry_seconds later, not a week
  ASSERT_TRUE(ticks_[2].run.has_value()) << ticks_[2].status.ToString();
  ASSERT_EQ(ticks_[2].run->windows.size(), 1u);
  EXPECT_EQ(ticks_[2].run->windows[0].label, "2026-W02");
}

// What `airm serve --with-scheduler` shows in /readyz, taken from inside
// each tick (after the tick updated it) and after the loop ended.
TEST_P(MonitorDaemonTest, SnapshotShowsTheLastTickItsErrorAndTheNextDueTime) {
  JumpingClock clock(CanonicalToSeconds("2026-01-12T00:30:00Z"));
  std::stop_source stop;
  MonitorDaemonOptions options = Daemon(&clock);
  options.settle_seconds = 3600;
  std::ifstream in(dir_ / "airm.yaml");
  const std::string good((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  MonitorScheduler* self = nullptr;
  std::vector<SchedulerSnapshot> seen;
  options.on_tick = [&](const DaemonTick&) {
    seen.push_back(self->Snapshot());
    if (seen.size() == 1) WriteFile("airm.yaml", "monitors:\n  - name: [\n");
    if (seen.size() == 2) {
      WriteFile("airm.yaml", good);
      stop.request_stop();
    }
  };
  auto daemon = MonitorScheduler::Create(std::move(options));
  ASSERT_TRUE(daemon.ok()) << daemon.status().ToString();
  self = daemon->get();
  const SchedulerSnapshot before = self->Snapshot();
  EXPECT_FALSE(before.running);
  EXPECT_EQ(before.ticks, 0);
  EXPECT_FALSE(before.last_tick.has_value());
  self->Run(stop.get_token());

  ASSERT_EQ(seen.size(), 2u);
  EXPECT_TRUE(seen[0].running);
  EXPECT_EQ(seen[0].ticks, 1);
  EXPECT_EQ(seen[0].last_tick, "2026-01-12T00:30:00Z");
  EXPECT_FALSE(seen[0].last_error.has_value());
  EXPECT_EQ(seen[0].next_due, "2026-01-12T01:00:00Z");  // week 1 closed + settle
  EXPECT_EQ(seen[1].ticks, 2);
  EXPECT_EQ(seen[1].last_tick, "2026-01-12T01:00:00Z");
  EXPECT_THAT(seen[1].last_error.value_or(""), HasSubstr("airm.yaml"));
  EXPECT_FALSE(seen[1].next_due.has_value());  // retried after retry_seconds instead
  const SchedulerSnapshot after = self->Snapshot();
  EXPECT_FALSE(after.running);
  EXPECT_EQ(after.ticks, 2);
}

TEST_P(MonitorDaemonTest, BadOptionsAndUnknownMonitorsAreRefusedBeforeStarting) {
  JumpingClock clock(0);
  MonitorDaemonOptions options = Daemon(&clock);
  options.run.backfill_from = "2026-01-01";
  EXPECT_THAT(MonitorScheduler::Create(options).status().message(), HasSubstr("backfill"));
  options = Daemon(&clock);
  options.settle_seconds = -1;
  EXPECT_THAT(MonitorScheduler::Create(options).status().message(), HasSubstr("--settle"));
  options = Daemon(&clock);
  options.run.monitor = "nope";
  auto unknown = MonitorScheduler::Create(options);
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.status().message(), HasSubstr("known: credit"));
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorDaemonTest);

}  // namespace
}  // namespace airm::usecases
