// Calendar-aligned windows of a schedule.
//
// A window is [start, end) in UTC seconds; its bounds fall on local calendar
// boundaries of the monitor's time zone (a fixed offset or an IANA zone, whose
// days can last 23 or 25 hours): midnight for days, Monday 00:00 for ISO
// weeks, the 1st for months, January/April/July/October for quarters.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/monitor/monitor_config.h"
#include "airm/monitor/time_zone.h"

namespace airm::monitor {

struct Window {
  int64_t start = 0;  // seconds since 1970-01-01 UTC, inclusive
  int64_t end = 0;    // exclusive
  std::string label;  // local calendar name: "2026-03-02", "2026-W10", "2026-03", "2026-Q1"
};

// The window of `cadence` containing the instant `t` (seconds, UTC).
Window WindowContaining(int64_t t, Cadence cadence, const TimeZone& zone);

// The window that starts where `w` ends.
Window NextWindow(const Window& w, Cadence cadence, const TimeZone& zone);

// Every window that starts at or after the window containing `from` and ends
// at or before `as_of`, oldest first. At most `limit` windows (a backfill
// over a decade of days is refused by the caller, not computed silently).
std::vector<Window> CompleteWindows(int64_t from, int64_t as_of, Cadence cadence,
                                    const TimeZone& zone, size_t limit);

// The windows of schedule `s` from `from` to `as_of` (as CompleteWindows).
// Rolling schedules (s.rolling = N > 1): one window per period close, each
// covering that period and the N-1 before it, labelled "FIRST/LAST"
// ("2026-W02/2026-W05"); only whole ones, so the first ends N periods after
// the period containing `from`.
std::vector<Window> ScheduleWindows(const Schedule& s, int64_t from, int64_t as_of,
                                    const TimeZone& zone, size_t limit);

// The window of schedule `s` that closes with the period starting at or
// containing `t`'s period (rolling: that period and the N-1 before it).
Window ScheduleWindowEndingWith(const Schedule& s, const Window& period, const TimeZone& zone);

// When the next window of any of `m`'s schedules closes after `now`: the
// time a scheduler wakes to compute it. nullopt without schedules.
std::optional<int64_t> NextWindowClose(const MonitorSpec& m, int64_t now);

// Seconds since the epoch of a canonical ISO 8601 UTC time ("2026-03-02T00:00:00Z").
// REQUIRES: `canonical` came from store::ParseIso8601.
int64_t CanonicalToSeconds(const std::string& canonical);
std::string SecondsToCanonical(int64_t seconds);

}  // namespace airm::monitor
