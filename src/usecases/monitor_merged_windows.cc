#include "monitor_merged_windows.h"

#include <map>
#include <vector>

#include "airm/store/monitor_window_profiles.h"

namespace airm::usecases::internal {

Result<std::optional<MergedWindowProfile>> MergeStoredProfiles(store::Database& db,
                                                               const std::string& monitor,
                                                               const std::string& own_schedule,
                                                               const std::string& start,
                                                               const std::string& end) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::WindowProfileRecord> stored,
                        store::ListWindowProfiles(db, monitor, start, end));
  std::map<std::string, std::vector<const store::WindowProfileRecord*>> by_schedule;
  for (const store::WindowProfileRecord& r : stored) {
    if (r.schedule != own_schedule) by_schedule[r.schedule].push_back(&r);
  }
  // Ordered by window_start: a schedule tiles the window when each part
  // starts where the previous ended, the first at start, the last at end.
  const std::vector<const store::WindowProfileRecord*>* best = nullptr;
  for (const auto& [schedule, parts] : by_schedule) {
    std::string at = start;
    for (const store::WindowProfileRecord* part : parts) {
      if (part->window_start != at) {
        at.clear();
        break;
      }
      at = part->window_end;
    }
    if (at == end && (best == nullptr || parts.size() < best->size())) best = &parts;
  }
  if (best == nullptr) return std::optional<MergedWindowProfile>();
  MergedWindowProfile merged;
  merged.schedule = best->front()->schedule;
  merged.windows = best->size();
  for (const store::WindowProfileRecord* part : *best) {
    merged.rows += part->row_count;
    if (!part->profile) continue;
    AIRM_ASSIGN_OR_RETURN(Profile profile, DeserializeProfile(*part->profile));
    if (!merged.profile) {
      merged.profile = std::move(profile);
      continue;
    }
    Result<Profile> both = MergeProfiles(*merged.profile, profile);
    if (!both.ok()) return std::optional<MergedWindowProfile>();
    merged.profile = std::move(both).value();
  }
  return std::optional<MergedWindowProfile>(std::move(merged));
}

}  // namespace airm::usecases::internal
