// A monitor window from the stored profiles of shorter windows (a month from
// its days, a quarter from its months): the profiles of another drift
// schedule of the same monitor that tile the window exactly — contiguous,
// from its start to its end, no gap and no overlap — merged (MergeProfiles),
// so the window is computed without re-reading its rows.
//
// What merges exactly and what does not (docs/monitoring.md): row, null,
// NaN and infinity counts, min, max, mean and variance merge exactly; the
// KLL quantile sketches and HyperLogLog distinct counts merge within their
// stated error bounds, not exactly, so drift from a merged profile is
// CompareProfiles' (tests from sketches, p-value bounds, a conservative
// verdict), not AnalyzeDrift's on rows; top-k categorical counts are exact
// while a column has no more distinct values than the sketch's capacity.
// Row-level checks (data quality comparing rows, the domain classifier,
// segments) and evaluation windows do not merge: those windows read rows.
#pragma once

#include <optional>
#include <string>

#include "airm/profile.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::usecases::internal {

struct MergedWindowProfile {
  std::optional<Profile> profile;  // nullopt when every part was empty
  int64_t rows = 0;
  std::string schedule;  // the schedule whose windows were merged ("day-drift")
  size_t windows = 0;    // how many
};

// The stored profiles of another schedule than `own_schedule` that tile
// [start, end), merged; when several schedules tile it, the one with the
// fewest windows (a quarter from months rather than days). nullopt when none
// tiles it, or when the parts do not merge (their columns differ): the
// window is then computed from its rows.
Result<std::optional<MergedWindowProfile>> MergeStoredProfiles(store::Database& db,
                                                               const std::string& monitor,
                                                               const std::string& own_schedule,
                                                               const std::string& start,
                                                               const std::string& end);

}  // namespace airm::usecases::internal
