// The monitoring commands' text summaries (airm/report/monitor_text.h).
#include "airm/report/monitor_text.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace airm::report {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

usecases::ComputedWindow DriftWindow() {
  return {.monitor = "credit",
          .schedule = "week-drift",
          .label = "2026-W10",
          .version = 2,
          .status = "ok",
          .rows = 120,
          .input_drift = true,
          .output_drift = false,
          .previous_window = "2026-W09",
          .input_drift_vs_previous = false,
          .alerts = {{.alert = "income-drift", .event = "fired"},
                     {.alert = "quiet", .event = "nothing"}}};
}

TEST(MonitorTextTest, RunListsWindowsAlertEventsNotificationsAndDelivery) {
  usecases::RunMonitorsResult run;
  run.windows.push_back(DriftWindow());
  run.windows.push_back(
      {.monitor = "credit", .schedule = "month-evaluation", .label = "2026-03", .status = "empty"});
  alerting::Notification n;
  n.severity = alerting::AlertSeverity::kCritical;
  n.summary = "Income drifted";
  n.episode_id = "ep1";
  run.notifications.push_back(n);
  run.delivery = alerting::DeliveryReport{};
  run.delivery->channels.push_back({.channel = "slack", .duplicates = 1, .delivered = 2});
  alerting::DeliveryRecord record;
  record.channel = "slack";
  record.dedup_key = "ep1:firing";
  record.status = alerting::DeliveryStatus::kPending;
  record.attempts_total = 3;
  record.error = "HTTP 500";
  run.delivery->records.push_back(record);
  const std::string text = MonitorRunText(run);
  EXPECT_THAT(text, HasSubstr("credit  week-drift  2026-W10  (version 2) 120 rows  input drift: "
                              "yes  output drift: no  vs 2026-W09: no drift\n"));
  EXPECT_THAT(text, HasSubstr("    income-drift: fired\n"));
  EXPECT_THAT(text, Not(HasSubstr("quiet")));
  EXPECT_THAT(text, HasSubstr("credit  month-evaluation  2026-03  empty (no labelled rows)\n"));
  EXPECT_THAT(text, HasSubstr("FIRING critical: Income drifted [episode ep1]\n"));
  EXPECT_THAT(text, HasSubstr("2 window(s) computed, 1 notification(s)\n"));
  EXPECT_THAT(text, HasSubstr("delivery slack: 2 delivered, 0 pending, 1 duplicate(s)"));
  EXPECT_THAT(text, HasSubstr("  pending slack ep1:firing (3 attempt(s)): HTTP 500\n"));
}

// A month whose labels have not arrived holds only a CBPE estimate: the
// line must not claim labelled rows were evaluated.
TEST(MonitorTextTest, AnEstimatedMonthSaysItsPerformanceIsEstimated) {
  usecases::RunMonitorsResult run;
  run.windows.push_back({.monitor = "credit",
                         .schedule = "month-evaluation",
                         .label = "2026-04",
                         .status = "estimated",
                         .rows = 310});
  const std::string text = MonitorRunText(run);
  EXPECT_THAT(text, HasSubstr("2026-04  310 rows without labels: performance estimated (CBPE)"));
  EXPECT_THAT(text, Not(HasSubstr("labelled rows evaluated")));
}

TEST(MonitorTextTest, RunWithNothingDueSaysSoAndWhyNothingIsDelivered) {
  usecases::RunMonitorsResult run{.as_of = "2026-03-01T00:00:00Z",
                                  .no_delivery = "no alerting: in airm.yaml"};
  EXPECT_EQ(MonitorRunText(run),
            "nothing due as of 2026-03-01T00:00:00Z\n"
            "delivery: none (no alerting: in airm.yaml)\n");
}

TEST(MonitorTextTest, TickLineNamesFiredAlertsChannelsAndTheNextDueTime) {
  usecases::DaemonTick tick{.at = "2026-03-02T00:05:00Z", .next_wake = "2026-03-09T00:05:00Z"};
  tick.run = usecases::RunMonitorsResult{};
  tick.run->windows.push_back(DriftWindow());
  tick.run->delivery = alerting::DeliveryReport{};
  tick.run->delivery->channels.push_back({.channel = "slack", .delivered = 1, .pending = 1});
  EXPECT_EQ(MonitorTickLine(tick),
            "2026-03-02T00:05:00Z  1 window(s) computed, 0 notification(s); income-drift fired "
            "(2026-W10); slack: 1 delivered, 1 pending; next due 2026-03-09T00:05:00Z");
  usecases::DaemonTick failed{.at = "T", .status = Status::Unavailable("store busy")};
  EXPECT_THAT(MonitorTickLine(failed), HasSubstr("store busy (retrying)"));
}

TEST(MonitorTextTest, StatusShowsSchedulesAndOpenAlertsOrTheirAbsence) {
  EXPECT_EQ(MonitorStatusText({}), "no monitors declared in airm.yaml\n");
  usecases::MonitorStatusEntry m;
  m.monitor = "credit";
  m.time_zone = "UTC";
  usecases::ScheduleStatus s;
  s.schedule = "week-drift";
  s.windows = 3;
  s.empty_windows = 1;
  s.next_window_label = "2026-W11";
  s.next_due = "2026-03-16T00:00:00Z";
  m.schedules.push_back(s);
  EXPECT_EQ(MonitorStatusText({m}),
            "credit (time zone UTC)\n"
            "  week-drift: 3 window(s) (1 empty), last —, next 2026-W11 due "
            "2026-03-16T00:00:00Z\n"
            "  no open alerts\n");
}

TEST(MonitorTextTest, HistoryCsvQuotesFieldsAndLeavesEmptyWindowsBlank) {
  std::vector<usecases::HistoryPoint> points(2);
  points[0].schedule = "week-drift";
  points[0].label = "2026-W10";
  points[0].status = "ok";
  points[0].value_json = "{\"a\":1,\"b\":2}";
  points[1].schedule = "week-drift";
  points[1].label = "2026-W11";
  points[1].status = "empty";
  points[1].value_json = "null";
  const std::string csv = MonitorHistoryCsv(points);
  EXPECT_THAT(csv, HasSubstr(",ok,\"{\"\"a\"\":1,\"\"b\"\":2}\"\n"));
  EXPECT_THAT(csv, HasSubstr(",empty,\n"));
  EXPECT_THAT(MonitorHistoryText("credit", points), HasSubstr("week-drift  2026-W11  (empty)\n"));
  EXPECT_EQ(MonitorHistoryText("credit", {}), "no windows computed yet for credit\n");
}

TEST(MonitorTextTest, SilencesWordAnEmptyListByScope) {
  EXPECT_EQ(AlertSilencesText({}, SilenceScope::kActive), "no active silences\n");
  EXPECT_EQ(AlertSilencesText({}, SilenceScope::kIncludingExpired), "no silences\n");
  store::AlertSilence silence{
      .silence_uid = "s1", .until = "2026-04-01T00:00:00Z", .created_by = "ops"};
  EXPECT_EQ(AlertSilencesText({silence}, SilenceScope::kActive),
            "s1    until 2026-04-01T00:00:00Z  by ops\n");
}

TEST(MonitorTextTest, OutboxShowsTheLastErrorOnlyForRowsNotDelivered) {
  alerting::OutboxEntry pending;
  pending.id = 7;
  pending.channel = "hook";
  pending.episode_id = "ep1";
  pending.state = "firing";
  pending.repeat = 2;
  pending.status = "pending";
  pending.attempts = 4;
  pending.last_error = "refused";
  alerting::OutboxEntry delivered = pending;
  delivered.status = "delivered";
  delivered.delivered_at = "2026-03-02T00:00:00Z";
  EXPECT_EQ(AlertOutboxText({pending, delivered}),
            "7  hook  ep1  firing (repeat 2)  pending  4 attempt(s)  last error: refused\n"
            "7  hook  ep1  firing (repeat 2)  delivered  4 attempt(s)  delivered "
            "2026-03-02T00:00:00Z\n");
  EXPECT_EQ(AlertOutboxText({}), "the alert outbox is empty\n");
}

}  // namespace
}  // namespace airm::report
