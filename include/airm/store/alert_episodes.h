// Alert episodes and the notifications the monitor produced for them.
//
// An episode belongs to one rule of one monitor's schedule; at most one is
// open (pending or firing) per rule. The monitor steps it once per window
// (alert_rule_progress records the last window stepped) inside the window's
// WriteTransaction, so a window and its alert state are stored together.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::store {

struct AlertEpisode {
  int64_t id = 0;
  std::string episode_uid = {};
  std::string monitor = {};
  std::string schedule = {};
  std::string alert = {};
  std::string severity = {};  // info | warning | critical
  std::string expression = {};
  std::string state = {};  // pending | firing | resolved | cancelled
  int64_t consecutive = 0;
  std::string first_window_start = {};
  std::string last_window_end = {};
  std::optional<std::string> fired_window_end = {};
  std::optional<std::string> resolved_window_end = {};
  std::optional<double> observed = {};
  std::optional<std::string> acked_at = {};
  std::optional<std::string> acked_by = {};
  std::optional<std::string> silenced_until = {};
  std::string created_at = {};
  int64_t reminders_sent = 0;  // the last reminder number produced (0: none)
};

// The open (pending or firing) episode of a rule, if any.
Result<std::optional<AlertEpisode>> OpenAlertEpisode(Database& db, const std::string& monitor,
                                                     const std::string& schedule,
                                                     const std::string& alert);

// Inserts a new episode (id 0) or updates state, consecutive, last/fired/
// resolved window ends and observed of an existing one; returns its id.
Result<int64_t> SaveAlertEpisode(Database& db, const AlertEpisode& episode);

// Episodes, newest first; `open_only` = pending or firing. `monitor` "" = all.
struct EpisodeFilter {
  std::string monitor = "";
  bool open_only = false;
};
Result<std::vector<AlertEpisode>> ListAlertEpisodes(Database& db, const EpisodeFilter& filter);

// Acknowledges / silences an episode by its uid (or a unique prefix of at
// least 6 characters). NotFound listing the open episodes when none matches.
Status AckAlertEpisode(Database& db, const std::string& uid, const std::string& by,
                       const std::string& at);
Status SilenceAlertEpisode(Database& db, const std::string& uid, const std::string& until);

// Records that reminder `n` of the episode was produced.
Status SetAlertRemindersSent(Database& db, int64_t episode_id, int64_t n);

// The last window_start a rule was stepped on, if any.
Result<std::optional<std::string>> AlertRuleProgress(Database& db, const std::string& monitor,
                                                     const std::string& schedule,
                                                     const std::string& alert);
Status SetAlertRuleProgress(Database& db, const std::string& monitor, const std::string& schedule,
                            const std::string& alert, const std::string& window_start);

// Records a produced notification; false when (episode, state) was already
// recorded (nothing is produced twice).
Result<bool> RecordAlertNotification(Database& db, int64_t episode_id, const std::string& state,
                                     const std::string& payload_json, const std::string& at);

}  // namespace airm::store
