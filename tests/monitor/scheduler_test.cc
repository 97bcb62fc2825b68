// The scheduler loop on a simulated clock: waits jump the clock to their
// deadline, so weeks pass without sleeping.
#include "airm/monitor/scheduler.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

#include "airm/monitor/windows.h"
#include "support/jumping_clock.h"

namespace airm::monitor {
namespace {

using ::testing::ElementsAre;

using airm::testing::JumpingClock;

constexpr int64_t kMonday = 1767571200;  // 2026-01-05T00:00:00Z, a Monday
constexpr int64_t kWeek = 7 * 86400;

TEST(SchedulerTest, SleepsUntilEachTickAsksAndStopsBetweenTicks) {
  JumpingClock clock(kMonday + 3600);
  std::stop_source stop;
  std::vector<int64_t> ticks;
  Scheduler scheduler(
      &clock,
      [&](int64_t now, std::stop_token) -> Result<TickOutcome> {
        ticks.push_back(now);
        if (ticks.size() == 3) stop.request_stop();
        // The next weekly window closes on the next Monday.
        return TickOutcome{.next_due = WindowContaining(now, Cadence::kWeek, 0).end};
      },
      {.retry_seconds = 60, .max_sleep_seconds = 30 * 86400});
  scheduler.Run(stop.get_token());
  EXPECT_THAT(ticks, ElementsAre(kMonday + 3600, kMonday + kWeek, kMonday + 2 * kWeek));
  // The third tick requested the stop: the wait after it returns at once.
  EXPECT_THAT(clock.waits, ElementsAre(kWeek - 3600, kWeek, kWeek));
}

TEST(SchedulerTest, AFailedTickOrAPendingDeliveryRetriesSoonerThanTheNextWindow) {
  JumpingClock clock(kMonday);
  std::stop_source stop;
  int calls = 0;
  Scheduler scheduler(&clock,
                      [&](int64_t now, std::stop_token) -> Result<TickOutcome> {
                        ++calls;
                        if (calls == 1)
                          return Status::ParseError("airm.yaml:3: monitors[0].name: expected text");
                        if (calls == 2)
                          return TickOutcome{.next_due = now + kWeek, .retry_soon = true};
                        stop.request_stop();
                        return TickOutcome{.next_due = now + kWeek};
                      },
                      {.retry_seconds = 90, .max_sleep_seconds = 3600});
  scheduler.Run(stop.get_token());
  EXPECT_EQ(calls, 3);
  // Error: retry after 90 s; retry_soon: 90 s although the window is a week
  // away; then max_sleep caps the week's wait at an hour.
  EXPECT_THAT(clock.waits, ElementsAre(90, 90, 3600));
}

TEST(SchedulerTest, ADueTimeInThePastTicksAgainWithoutWaiting) {
  JumpingClock clock(kMonday);
  std::stop_source stop;
  int calls = 0;
  Scheduler scheduler(&clock,
                      [&](int64_t now, std::stop_token) -> Result<TickOutcome> {
                        if (++calls == 2) stop.request_stop();
                        return TickOutcome{.next_due = now - 10};
                      },
                      {});
  scheduler.Run(stop.get_token());
  EXPECT_THAT(clock.waits, ElementsAre(0, 0));
}

TEST(SchedulerTest, StopEndsAWaitOnTheSystemClockAtOnce) {
  std::unique_ptr<Clock> clock = MakeSystemClock();
  int calls = 0;
  // The tick asks for a wake a year away; Stop must not wait for it.
  Scheduler scheduler(clock.get(),
                      [&](int64_t now, std::stop_token) -> Result<TickOutcome> {
                        ++calls;
                        return TickOutcome{.next_due = now + 365 * 86400};
                      },
                      {.retry_seconds = 60, .max_sleep_seconds = 400 * 86400});
  ASSERT_TRUE(scheduler.Start().ok());
  EXPECT_FALSE(scheduler.Start().ok());  // one loop per scheduler
  scheduler.Stop();
  scheduler.Stop();  // idempotent
  EXPECT_LE(calls, 1);
}

TEST(SchedulerTest, NextWindowCloseIsTheEarliestScheduleEnd) {
  MonitorSpec m;
  m.schedules = {{.every = Cadence::kMonth}, {.every = Cadence::kWeek}};
  // Thursday 2026-01-29: the week closes Monday 2026-02-02, the month on the 1st.
  const int64_t thursday = kMonday + 3 * kWeek + 3 * 86400;
  EXPECT_EQ(NextWindowClose(m, thursday), 1769904000);  // 2026-02-01T00:00:00Z
  m.zone = 120;                                         // local midnight is 22:00 UTC
  EXPECT_EQ(NextWindowClose(m, thursday), 1769904000 - 7200);
  EXPECT_FALSE(NextWindowClose(MonitorSpec{}, thursday).has_value());
}

TEST(SchedulerTest, OptionsAreValidated) {
  EXPECT_FALSE((SchedulerOptions{.retry_seconds = 0}).Validate().ok());
  EXPECT_FALSE((SchedulerOptions{.max_sleep_seconds = 0}).Validate().ok());
  EXPECT_TRUE(SchedulerOptions{}.Validate().ok());
}

}  // namespace
}  // namespace airm::monitor
