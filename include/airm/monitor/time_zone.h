// The time zone a monitor's windows are calendar-aligned in: a fixed offset
// from UTC, or an IANA zone ("Europe/Paris") read from the system's tz
// database (/usr/share/zoneinfo, Debian's tzdata), with its daylight-saving
// changes: a day in Paris on 2026-03-29 lasts 23 hours.
//
// libstdc++ 12 has no std::chrono::locate_zone; the zone comes from Howard
// Hinnant's date library (the reference implementation of C++20's tzdb),
// which stays inside time_zone.cc. Thread-safe; copies are cheap.
#pragma once

#include <cstdint>
#include <string>

#include "airm/status.h"

namespace airm::monitor {

class TimeZone {
 public:
  // A fixed offset, minutes east of UTC (0 = UTC). Implicit: an offset is a zone.
  TimeZone(int utc_offset_minutes = 0);  // NOLINT(google-explicit-constructor)

  // "Europe/Paris". NotFound naming the name when the system's tz database
  // has no such zone.
  static Result<TimeZone> Named(const std::string& iana_name);

  // The local calendar day (days since 1970-01-01) containing instant `t`
  // (seconds since the epoch, UTC).
  int64_t LocalDay(int64_t t) const;
  // The instant local day `day` begins: local midnight, or when midnight
  // does not exist (a daylight-saving gap at midnight) the first instant of
  // the day.
  int64_t DayStart(int64_t day) const;

  bool fixed() const { return zone_ == nullptr; }

 private:
  int offset_seconds_ = 0;
  const void* zone_ = nullptr;  // a date::time_zone of the tz database, which owns it
};

}  // namespace airm::monitor
