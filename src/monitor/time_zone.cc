#include "airm/monitor/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <stdexcept>

namespace airm::monitor {
namespace {

constexpr int64_t kDay = 86400;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

const date::time_zone* Zone(const void* p) { return static_cast<const date::time_zone*>(p); }

}  // namespace

TimeZone::TimeZone(int utc_offset_minutes) : offset_seconds_(utc_offset_minutes * 60) {}

Result<TimeZone> TimeZone::Named(const std::string& iana_name) {
  // The date library reports an unknown zone (or an unreadable database) by
  // throwing; it stops here.
  try {
    TimeZone tz;
    tz.zone_ = date::locate_zone(iana_name);
    return tz;
  } catch (const std::exception& e) {
    return Status::NotFound("time zone '" + iana_name +
                            "' is not in the system's time zone database (" + e.what() + ")");
  }
}

int64_t TimeZone::LocalDay(int64_t t) const {
  if (zone_ == nullptr) return FloorDiv(t + offset_seconds_, kDay);
  const auto local = Zone(zone_)->to_local(date::sys_seconds{std::chrono::seconds{t}});
  return date::floor<date::days>(local).time_since_epoch().count();
}

int64_t TimeZone::DayStart(int64_t day) const {
  if (zone_ == nullptr) return day * kDay - offset_seconds_;
  const date::local_days local{date::days{day}};
  const date::local_info info = Zone(zone_)->get_info(date::local_seconds{local});
  if (info.result == date::local_info::nonexistent) {
    // Midnight falls in a gap: the day starts when the gap ends.
    return info.second.begin.time_since_epoch().count();
  }
  // Ambiguous (a fold at midnight): the earlier instant, so no time is lost.
  const date::sys_seconds start = Zone(zone_)->to_sys(local, date::choose::earliest);
  return start.time_since_epoch().count();
}

}  // namespace airm::monitor
