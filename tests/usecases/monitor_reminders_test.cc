// Reminders of alerts still firing (a rule's `repeat`) and silences by label
// matchers, on the generated stream (monitor_stream_fixture.h): x-drift
// fires at the end of week 10 (2026-03-16) and resolves in week 14.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "airm/usecases/alert_silences.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/run_monitors.h"
#include "monitor_stream_fixture.h"

namespace airm::usecases {
namespace {

using ::testing::HasSubstr;

class MonitorRemindersTest : public testing::OnBothBackends<testing::MonitorStreamTest> {
 protected:
  void SetUp() override {
    MonitorStreamTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    WriteMonitor("credit", "", kFiles, "2026-01-05",
                 "    schedules:\n"
                 "      - {every: week, analysis: drift}\n"
                 "    alerts:\n"
                 "      - {name: x-drift, when: drift, severity: critical, for: 2, repeat: 7d}\n");
    // A receiver that is down: rows stay in the outbox, where their keys show.
    std::ofstream(dir_ / "airm.yaml", std::ios::app)
        << "alerting:\n"
           "  retry: {attempts: 1, initial_backoff_ms: 1, max_backoff_ms: 1}\n"
           "  channels:\n"
           "    - {name: ops, type: webhook, url: \"http://127.0.0.1:1/hook\"}\n";
  }
  RunMonitorsOptions At(const std::string& as_of) const {
    RunMonitorsOptions o = Options(as_of);
    o.delivery.sleep = [](std::chrono::milliseconds) {};
    return o;
  }
};

TEST_P(MonitorRemindersTest, AFiringEpisodeIsRemindedEveryIntervalOnceAcrossRuns) {
  auto fired = RunMonitors(At("2026-03-16T00:00:00Z"));  // weeks 1-10: fires
  ASSERT_TRUE(fired.ok()) << fired.status().ToString();
  ASSERT_EQ(fired->notifications.size(), 1u);
  EXPECT_TRUE(fired->reminders.empty());  // not a week yet
  EXPECT_EQ(fired->next_due, "2026-03-23T00:00:00Z");

  auto week = RunMonitors(At("2026-03-23T00:00:00Z"));  // week 11, still firing
  ASSERT_TRUE(week.ok()) << week.status().ToString();
  ASSERT_EQ(week->reminders.size(), 1u);
  EXPECT_EQ(week->reminders[0].repeat, 1);
  EXPECT_EQ(week->reminders[0].notification.state, alerting::AlertState::kFiring);
  EXPECT_THAT(week->reminders[0].notification.summary, HasSubstr("still firing"));
  EXPECT_EQ(week->reminders[0].notification.episode_id, fired->notifications[0].episode_id);

  // The same time again, and a time before the next interval: nothing.
  EXPECT_TRUE(RunMonitors(At("2026-03-23T00:00:00Z"))->reminders.empty());
  EXPECT_TRUE(RunMonitors(At("2026-03-27T00:00:00Z"))->reminders.empty());
  // Two intervals later with no run in between: one reminder, numbered 3.
  auto late = RunMonitors(At("2026-04-06T00:00:00Z"));
  ASSERT_TRUE(late.ok());
  ASSERT_EQ(late->reminders.size(), 1u);
  EXPECT_EQ(late->reminders[0].repeat, 3);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox WHERE state = 'firing'"), 3);
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_outbox WHERE repeat_index IN (1, 3)"), 2);

  // Week 14 resolves it: no reminder after the resolved notification.
  auto resolved = RunMonitors(At("2026-04-20T00:00:00Z"));
  ASSERT_TRUE(resolved.ok());
  EXPECT_TRUE(resolved->reminders.empty());
  ASSERT_EQ(resolved->notifications.size(), 1u);
  EXPECT_EQ(resolved->notifications[0].state, alerting::AlertState::kResolved);
}

TEST_P(MonitorRemindersTest, AnAcknowledgedEpisodeIsNotReminded) {
  auto fired = RunMonitors(At("2026-03-16T00:00:00Z"));
  ASSERT_TRUE(fired.ok());
  Status acked = AckAlert(
      {.store = Where(), .episode = fired->notifications.at(0).episode_id, .by = "oncall"});
  ASSERT_TRUE(acked.ok()) << acked.ToString();
  auto week = RunMonitors(At("2026-03-30T00:00:00Z"));
  ASSERT_TRUE(week.ok());
  EXPECT_TRUE(week->reminders.empty());
}

TEST_P(MonitorRemindersTest, ASilenceByMatchersHoldsBackMatchingNotificationsOnly) {
  auto other = CreateSilence(
      {.store = Where(), .matchers = {"alert=y-drift"}, .until = "2099-01-01T00:00:00Z"});
  ASSERT_TRUE(other.ok()) << other.status().ToString();
  auto loud = RunMonitors(At("2026-03-16T00:00:00Z"));
  ASSERT_TRUE(loud.ok());
  EXPECT_EQ(loud->notifications.size(), 1u);  // y-drift's silence does not touch x-drift

  auto silence = CreateSilence({.store = Where(),
                                .matchers = {"monitor=credit", "severity!=info"},
                                .until = "2099-01-01T00:00:00Z",
                                .by = "oncall",
                                .comment = "known shift"});
  ASSERT_TRUE(silence.ok()) << silence.status().ToString();
  auto quiet = RunMonitors(At("2026-04-20T00:00:00Z"));
  ASSERT_TRUE(quiet.ok());
  EXPECT_TRUE(quiet->notifications.empty());  // the resolved notice is held back
  EXPECT_TRUE(quiet->reminders.empty());      // and so are the reminders
  // Recorded, so it is never sent later either.
  EXPECT_EQ(QueryInt("SELECT COUNT(*) FROM alert_notifications WHERE state = 'resolved'"), 1);

  auto listed = ListSilences({.store = Where()});
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[1].matchers.at(1).ToString(), "severity!=info");
  EXPECT_EQ((*listed)[1].comment, "known shift");
  ASSERT_TRUE(ExpireSilence(Where(), silence->silence_uid).ok());
  EXPECT_EQ(ListSilences({.store = Where()})->size(), 1u);
  EXPECT_EQ(ListSilences({.store = Where(), .include_expired = true})->size(), 2u);
  auto unknown = ExpireSilence(Where(), "nope");
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_THAT(unknown.message(), HasSubstr(other->silence_uid));
}

TEST_P(MonitorRemindersTest, BadSilencesAreRefusedNamingTheFlag) {
  EXPECT_THAT(CreateSilence({.store = Where(), .until = "2099-01-01T00:00:00Z"}).status().message(),
              HasSubstr("--match"));
  EXPECT_THAT(CreateSilence({.store = Where(), .matchers = {"alert"}, .until = "2099-01-01"})
                  .status()
                  .message(),
              HasSubstr("--match 'alert'"));
  EXPECT_THAT(
      CreateSilence({.store = Where(), .matchers = {"alert=x"}, .until = "2001-01-01T00:00:00Z"})
          .status()
          .message(),
      HasSubstr("not in the future"));
}

AIRM_INSTANTIATE_STORE_BACKENDS(MonitorRemindersTest);

}  // namespace
}  // namespace airm::usecases
