// Monitor window profiles: the mergeable profile (airm/profile.h) of each
// computed window's rows, one per (monitor, schedule, window), so a longer
// window is the merge of stored shorter ones (RunMonitors).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct WindowProfileRecord {
  std::string monitor = {};
  std::string schedule = {};  // "day-drift"
  std::string window_start = {};
  std::string window_end = {};
  int64_t row_count = 0;
  // SerializeProfile's bytes; nullopt for an empty window (no rows).
  std::optional<std::string> profile = {};
};

// Stores the window's profile inside the caller's transaction, replacing the
// one stored before for the same window.
Status PutWindowProfile(Database& db, const WindowProfileRecord& record);

// The profiles of the monitor's windows lying inside [start, end) (both
// canonical ISO 8601 UTC), of any schedule, ordered by window_start then
// window_end descending (longest first). Corrupt when a stored profile is not
// base64.
Result<std::vector<WindowProfileRecord>> ListWindowProfiles(Database& db,
                                                            const std::string& monitor,
                                                            const std::string& start,
                                                            const std::string& end);

}  // namespace airm::store
