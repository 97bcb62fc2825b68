#include "airm/monitor/windows.h"

#include <chrono>
#include <cstdio>

#include "airm/store/timestamp.h"

namespace airm::monitor {
namespace {

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

constexpr int64_t kDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Local midnight of the calendar day `d`, as UTC seconds.
int64_t LocalMidnight(sys_days d, const TimeZone& zone) {
  return zone.DayStart(static_cast<int64_t>(d.time_since_epoch().count()));
}

std::string Label(sys_days start, Cadence cadence) {
  const year_month_day ymd{start};
  const int y = static_cast<int>(ymd.year());
  const unsigned m = static_cast<unsigned>(ymd.month());
  const unsigned d = static_cast<unsigned>(ymd.day());
  char buf[32];
  switch (cadence) {
    case Cadence::kDay:
      std::snprintf(buf, sizeof(buf), "%04d-%02u-%02u", y, m, d);
      break;
    case Cadence::kWeek: {
      // ISO 8601: the week belongs to the year of its Thursday.
      const year_month_day thursday{start + days{3}};
      const sys_days jan1 = sys_days{thursday.year() / std::chrono::January / 1};
      const int week = static_cast<int>(((start + days{3}) - jan1).count() / 7) + 1;
      std::snprintf(buf, sizeof(buf), "%04d-W%02d", static_cast<int>(thursday.year()), week);
      break;
    }
    case Cadence::kMonth:
      std::snprintf(buf, sizeof(buf), "%04d-%02u", y, m);
      break;
    case Cadence::kQuarter:
      std::snprintf(buf, sizeof(buf), "%04d-Q%u", y, (m - 1) / 3 + 1);
      break;
  }
  return buf;
}

sys_days StartDay(sys_days local_day, Cadence cadence) {
  const year_month_day ymd{local_day};
  switch (cadence) {
    case Cadence::kDay:
      return local_day;
    case Cadence::kWeek: {
      // 1970-01-01 was a Thursday: days since epoch + 3 counts from a Monday.
      const int64_t n = local_day.time_since_epoch().count();
      const int64_t monday_index = (n + 3) - FloorDiv(n + 3, 7) * 7;  // 0 = Monday
      return sys_days{days{n - monday_index}};
    }
    case Cadence::kMonth:
      return sys_days{ymd.year() / ymd.month() / 1};
    case Cadence::kQuarter: {
      const unsigned m = static_cast<unsigned>(ymd.month());
      return sys_days{ymd.year() / std::chrono::month{(m - 1) / 3 * 3 + 1} / 1};
    }
  }
  return local_day;
}

sys_days NextStartDay(sys_days start, Cadence cadence) {
  const year_month_day ymd{start};
  switch (cadence) {
    case Cadence::kDay:
      return start + days{1};
    case Cadence::kWeek:
      return start + days{7};
    case Cadence::kMonth:
      return sys_days{year_month_day{ymd.year() / ymd.month() / 1} + std::chrono::months{1}};
    case Cadence::kQuarter:
      return sys_days{year_month_day{ymd.year() / ymd.month() / 1} + std::chrono::months{3}};
  }
  return start + days{1};
}

Window Make(sys_days start_day, Cadence cadence, const TimeZone& zone) {
  return Window{.start = LocalMidnight(start_day, zone),
                .end = LocalMidnight(NextStartDay(start_day, cadence), zone),
                .label = Label(start_day, cadence)};
}

}  // namespace

Window WindowContaining(int64_t t, Cadence cadence, const TimeZone& zone) {
  const sys_days local_day{days{zone.LocalDay(t)}};
  return Make(StartDay(local_day, cadence), cadence, zone);
}

Window NextWindow(const Window& w, Cadence cadence, const TimeZone& zone) {
  return WindowContaining(w.end, cadence, zone);
}

std::vector<Window> CompleteWindows(int64_t from, int64_t as_of, Cadence cadence,
                                    const TimeZone& zone, size_t limit) {
  std::vector<Window> out;
  Window w = WindowContaining(from, cadence, zone);
  while (w.end <= as_of && out.size() < limit) {
    out.push_back(w);
    w = NextWindow(w, cadence, zone);
  }
  return out;
}

Window ScheduleWindowEndingWith(const Schedule& s, const Window& period, const TimeZone& zone) {
  if (s.rolling <= 1) return period;
  Window first = period;
  for (int i = 1; i < s.rolling; ++i) {
    first = WindowContaining(first.start - 1, s.every, zone);
  }
  return Window{.start = first.start, .end = period.end, .label = first.label + "/" + period.label};
}

std::vector<Window> ScheduleWindows(const Schedule& s, int64_t from, int64_t as_of,
                                    const TimeZone& zone, size_t limit) {
  std::vector<Window> out;
  const int64_t first_start = WindowContaining(from, s.every, zone).start;
  // The first period that closes a whole rolling window.
  Window period = WindowContaining(from, s.every, zone);
  for (int i = 1; i < s.rolling; ++i) period = NextWindow(period, s.every, zone);
  while (period.end <= as_of && out.size() < limit) {
    Window w = ScheduleWindowEndingWith(s, period, zone);
    if (w.start >= first_start) out.push_back(std::move(w));
    period = NextWindow(period, s.every, zone);
  }
  return out;
}

std::optional<int64_t> NextWindowClose(const MonitorSpec& m, int64_t now) {
  std::optional<int64_t> next;
  for (const Schedule& s : m.schedules) {
    // The window containing `now` ends after it (end is exclusive).
    const int64_t end = WindowContaining(now, s.every, m.zone).end;
    if (!next || end < *next) next = end;
  }
  return next;
}

int64_t CanonicalToSeconds(const std::string& canonical) {
  int y = 0;
  unsigned mo = 0, d = 0, h = 0, mi = 0, s = 0;
  std::sscanf(canonical.c_str(), "%d-%u-%uT%u:%u:%u", &y, &mo, &d, &h, &mi, &s);
  const sys_days day{std::chrono::year{y} / std::chrono::month{mo} / std::chrono::day{d}};
  return static_cast<int64_t>(day.time_since_epoch().count()) * kDay + h * 3600 + mi * 60 + s;
}

std::string SecondsToCanonical(int64_t seconds) {
  std::string out;
  if (!store::FormatUtcSeconds(seconds, &out)) return "";
  return out;
}

}  // namespace airm::monitor
