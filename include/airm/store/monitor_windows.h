// Monitor windows: each computed window of a monitor's schedule, versioned.
//
// A window is written whole (its result document and row count) inside the
// caller's WriteTransaction; recomputing it adds the next version and keeps
// the old ones. Reads return the latest version of each window unless asked.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct MonitorWindowRecord {
  int64_t id = 0;
  std::string monitor = {};
  std::string schedule = {};  // "week-drift"
  std::string label = {};     // "2026-W10"
  std::string window_start = {};
  std::string window_end = {};
  int64_t version = 1;
  std::string status = {};  // "ok", "empty" or "estimated" (an evaluation estimate only)
  int64_t row_count = 0;
  std::optional<std::string> result_json = {};
  std::optional<std::string> inputs_json = {};
  std::string computed_at = {};
};

// Inserts the next version of the window (1 when new); returns its id and
// sets record->version. InvalidArgument for a status other than ok / empty.
Result<int64_t> InsertMonitorWindow(Database& db, MonitorWindowRecord* record);

// The window_start of every window of (monitor, schedule) already stored.
Result<std::set<std::string>> ComputedWindowStarts(Database& db, const std::string& monitor,
                                                   const std::string& schedule);

// The latest version of each window, oldest window first. `schedule` "" = all.
Result<std::vector<MonitorWindowRecord>> ListMonitorWindows(Database& db,
                                                            const std::string& monitor,
                                                            const std::string& schedule);

// ListMonitorWindows without the documents (result_json and inputs_json
// unset): a series' index, cheap however large each window's result is.
Result<std::vector<MonitorWindowRecord>> ListMonitorWindowHeads(Database& db,
                                                                const std::string& monitor,
                                                                const std::string& schedule);

// The newest window of (monitor, schedule) in its latest version, without
// its documents; nullopt when none is stored. One index look-up.
Result<std::optional<MonitorWindowRecord>> LatestMonitorWindowHead(Database& db,
                                                                   const std::string& monitor,
                                                                   const std::string& schedule);

// The stored result document of the window row `id` (nullopt for an empty
// window); NotFound when there is no such row.
Result<std::optional<std::string>> MonitorWindowResult(Database& db, int64_t id);

}  // namespace airm::store
