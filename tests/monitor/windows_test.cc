// Calendar windows; ISO week numbers checked against Python's
// datetime.date.isocalendar() (2021-01-03 is 2020-W53, 2024-12-30 is 2025-W01).
#include "airm/monitor/windows.h"

#include <gtest/gtest.h>

namespace airm::monitor {
namespace {

int64_t T(const char* canonical) { return CanonicalToSeconds(canonical); }
std::string S(int64_t seconds) { return SecondsToCanonical(seconds); }

TEST(WindowsTest, IsoWeeksStartOnMondayAndBelongToTheYearOfTheirThursday) {
  Window w = WindowContaining(T("2021-01-03T12:00:00Z"), Cadence::kWeek, 0);
  EXPECT_EQ(w.label, "2020-W53");
  EXPECT_EQ(S(w.start), "2020-12-28T00:00:00Z");
  EXPECT_EQ(S(w.end), "2021-01-04T00:00:00Z");
  EXPECT_EQ(WindowContaining(T("2024-12-30T00:00:00Z"), Cadence::kWeek, 0).label, "2025-W01");
  EXPECT_EQ(WindowContaining(T("2026-01-01T00:00:00Z"), Cadence::kWeek, 0).label, "2026-W01");
  EXPECT_EQ(NextWindow(w, Cadence::kWeek, 0).label, "2021-W01");
}

TEST(WindowsTest, MonthsAndQuartersHaveCalendarLengths) {
  Window feb = WindowContaining(T("2024-02-29T23:59:59Z"), Cadence::kMonth, 0);
  EXPECT_EQ(feb.label, "2024-02");
  EXPECT_EQ(feb.end - feb.start, 29 * 86400);
  Window dec = WindowContaining(T("2025-12-31T00:00:00Z"), Cadence::kMonth, 0);
  EXPECT_EQ(S(NextWindow(dec, Cadence::kMonth, 0).start), "2026-01-01T00:00:00Z");
  Window q = WindowContaining(T("2026-05-15T00:00:00Z"), Cadence::kQuarter, 0);
  EXPECT_EQ(q.label, "2026-Q2");
  EXPECT_EQ(S(q.start), "2026-04-01T00:00:00Z");
  EXPECT_EQ(S(q.end), "2026-07-01T00:00:00Z");
  EXPECT_EQ(NextWindow(q, Cadence::kQuarter, 0).label, "2026-Q3");
}

TEST(WindowsTest, AFixedOffsetMovesTheBoundariesToLocalMidnight) {
  // 2026-03-01T23:30Z is 2026-03-02 01:30 at +02:00: local Monday, a new week and month.
  Window w = WindowContaining(T("2026-03-01T23:30:00Z"), Cadence::kWeek, 120);
  EXPECT_EQ(w.label, "2026-W10");
  EXPECT_EQ(S(w.start), "2026-03-01T22:00:00Z");
  EXPECT_EQ(WindowContaining(T("2026-02-28T21:59:59Z"), Cadence::kMonth, 120).label, "2026-02");
  Window m = WindowContaining(T("2026-02-28T22:00:00Z"), Cadence::kMonth, 120);
  EXPECT_EQ(m.label, "2026-03");
  EXPECT_EQ(S(m.start), "2026-02-28T22:00:00Z");
  Window d = WindowContaining(T("2026-03-01T03:00:00Z"), Cadence::kDay, -300);
  EXPECT_EQ(d.label, "2026-02-28");  // 22:00 the day before at -05:00
  EXPECT_EQ(S(d.start), "2026-02-28T05:00:00Z");
}

TEST(WindowsTest, CompleteWindowsEndAtOrBeforeAsOfAndRespectTheLimit) {
  auto days =
      CompleteWindows(T("2026-01-01T10:00:00Z"), T("2026-01-04T00:00:00Z"), Cadence::kDay, 0, 100);
  ASSERT_EQ(days.size(), 3u);  // Jan 1, 2, 3; Jan 4 is not over
  EXPECT_EQ(days.front().label, "2026-01-01");
  EXPECT_EQ(days.back().label, "2026-01-03");
  EXPECT_EQ(
      CompleteWindows(T("2026-01-01T00:00:00Z"), T("2027-01-01T00:00:00Z"), Cadence::kDay, 0, 10)
          .size(),
      10u);
  EXPECT_TRUE(
      CompleteWindows(T("2026-01-05T00:00:00Z"), T("2026-01-11T23:59:59Z"), Cadence::kWeek, 0, 10)
          .empty());
}

}  // namespace
}  // namespace airm::monitor

namespace airm::monitor {
namespace {

TEST(RollingWindowsTest, EachPeriodCloseCoversTheLastNPeriods) {
  Schedule s{.every = Cadence::kWeek, .analysis = Analysis::kDrift, .rolling = 4};
  EXPECT_EQ(s.Key(), "week-drift-rolling4");
  const int64_t monday = 1767571200;  // 2026-01-05T00:00:00Z, ISO week 2
  const int64_t week = 7 * 86400;
  // From Wednesday of week 2, as of the close of week 7: whole windows end
  // with weeks 5, 6 and 7.
  std::vector<Window> w = ScheduleWindows(s, monday + 2 * 86400, monday + 6 * week, 0, 100);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_EQ(w[0].label, "2026-W02/2026-W05");
  EXPECT_EQ(w[0].start, monday);
  EXPECT_EQ(w[0].end, monday + 4 * week);
  EXPECT_EQ(w[2].label, "2026-W04/2026-W07");
  EXPECT_EQ(w[2].start, monday + 2 * week);
  // Calendar schedules are unchanged.
  Schedule plain{.every = Cadence::kWeek};
  EXPECT_EQ(ScheduleWindows(plain, monday, monday + 6 * week, 0, 100).size(), 6u);
  EXPECT_EQ(plain.Key(), "week-drift");
  // The limit holds.
  EXPECT_EQ(ScheduleWindows(s, monday, monday + 60 * week, 0, 5).size(), 5u);
}

TEST(RollingWindowsTest, MonthsRollAcrossYears) {
  Schedule s{.every = Cadence::kMonth, .analysis = Analysis::kDrift, .rolling = 3};
  const int64_t nov1 = 1761955200;  // 2025-11-01T00:00:00Z
  std::vector<Window> w = ScheduleWindows(s, nov1, nov1 + 130 * 86400, 0, 100);
  ASSERT_EQ(w.size(), 2u);
  EXPECT_EQ(w[0].label, "2025-11/2026-01");
  EXPECT_EQ(w[1].label, "2025-12/2026-02");
}

}  // namespace
}  // namespace airm::monitor

namespace airm::monitor {
namespace {

// Reference instants from Python's zoneinfo on the same system tz database:
//   int(datetime(2026, 3, 29, tzinfo=ZoneInfo("Europe/Paris")).timestamp())
TEST(IanaTimeZoneTest, WindowsFollowDaylightSavingChanges) {
  auto paris = TimeZone::Named("Europe/Paris");
  ASSERT_TRUE(paris.ok()) << paris.status().ToString();
  // 2026-03-29: clocks go forward, the day lasts 23 hours.
  const Window spring = WindowContaining(1774738800 + 3600, Cadence::kDay, *paris);
  EXPECT_EQ(spring.label, "2026-03-29");
  EXPECT_EQ(spring.start, 1774738800);
  EXPECT_EQ(spring.end, 1774821600);
  EXPECT_EQ(spring.end - spring.start, 23 * 3600);
  // The ISO week holding it starts Monday 2026-03-23 at local midnight (+01:00)
  // and ends at the next local midnight (+02:00).
  const Window week = WindowContaining(1774738800, Cadence::kWeek, *paris);
  EXPECT_EQ(week.label, "2026-W13");
  EXPECT_EQ(week.start, 1774220400);
  EXPECT_EQ(week.end, 1774821600);
  // 2026-10-25: clocks go back, the day lasts 25 hours.
  const Window autumn = WindowContaining(1792879200, Cadence::kDay, *paris);
  EXPECT_EQ(autumn.end - autumn.start, 25 * 3600);
  EXPECT_EQ(autumn.start, 1792879200);

  auto new_york = TimeZone::Named("America/New_York");
  ASSERT_TRUE(new_york.ok());
  const Window march = WindowContaining(1772341200 + 10, Cadence::kMonth, *new_york);
  EXPECT_EQ(march.label, "2026-03");
  EXPECT_EQ(march.start, 1772341200);
  EXPECT_EQ(march.end, 1775016000);
}

TEST(IanaTimeZoneTest, AMidnightInADaylightSavingGapStartsTheDayAtTheGapsEnd) {
  // America/Santiago moves 00:00 to 01:00 on 2026-09-06: local midnight does
  // not exist; the day begins at the transition (04:00 UTC).
  auto santiago = TimeZone::Named("America/Santiago");
  ASSERT_TRUE(santiago.ok());
  const Window day = WindowContaining(1788667200 + 7200, Cadence::kDay, *santiago);
  EXPECT_EQ(day.label, "2026-09-06");
  EXPECT_EQ(day.start, 1788667200);
  EXPECT_EQ(day.end, 1788750000);
}

TEST(IanaTimeZoneTest, UnknownNamesAreNotFound) {
  auto unknown = TimeZone::Named("Mars/Olympus_Mons");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_NE(unknown.status().message().find("Mars/Olympus_Mons"), std::string::npos);
}

}  // namespace
}  // namespace airm::monitor
