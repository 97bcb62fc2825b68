#include "airm/store/alert_episodes.h"

#include "store_util.h"

namespace airm::store {
namespace {

using internal::Nullable;
using internal::OptionalReal;

constexpr std::string_view kSelectEpisode =
    "SELECT id, episode_uid, monitor, schedule, alert, severity, expression, state, consecutive,"
    " first_window_start, last_window_end, fired_window_end, resolved_window_end, observed,"
    " acked_at, acked_by, silenced_until, created_at, reminders_sent FROM alert_episodes ";

AlertEpisode FromRow(const Row& row) {
  return {row.Int(0),           row.Text(1),           row.Text(2),          row.Text(3),
          row.Text(4),          row.Text(5),           row.Text(6),          row.Text(7),
          row.Int(8),           row.Text(9),           row.Text(10),         row.OptionalText(11),
          row.OptionalText(12), OptionalReal(row, 13), row.OptionalText(14), row.OptionalText(15),
          row.OptionalText(16), row.Text(17),          row.Int(18)};
}

Result<std::vector<AlertEpisode>> Select(Database& db, const std::string& where,
                                         const std::vector<Value>& params) {
  std::vector<AlertEpisode> out;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach(std::string(kSelectEpisode) + where, params, [&](const Row& row) {
        out.push_back(FromRow(row));
        return Status::Ok();
      }));
  return out;
}

Result<AlertEpisode> FindByUid(Database& db, const std::string& uid) {
  if (uid.size() < 6) {
    return Status::InvalidArgument("episode id '" + uid + "' is too short (at least 6 characters)");
  }
  // PostgreSQL's substr takes an integer length; a bound int64 is a bigint.
  AIRM_ASSIGN_OR_RETURN(
      std::vector<AlertEpisode> found,
      Select(db, "WHERE substr(episode_uid, 1, CAST(? AS INTEGER)) = ? ORDER BY id",
             {static_cast<int64_t>(uid.size()), uid}));
  if (found.size() == 1) return found[0];
  if (found.size() > 1) {
    std::vector<std::string> ids;
    for (const AlertEpisode& e : found) ids.push_back(e.episode_uid);
    return Status::InvalidArgument("episode id '" + uid +
                                   "' is ambiguous: " + internal::JoinLimited(ids));
  }
  AIRM_ASSIGN_OR_RETURN(std::vector<AlertEpisode> open,
                        Select(db, "WHERE state IN ('pending', 'firing') ORDER BY id", {}));
  std::vector<std::string> ids;
  for (const AlertEpisode& e : open) ids.push_back(e.episode_uid + " (" + e.alert + ")");
  return Status::NotFound("no alert episode '" + uid + "'; open episodes: " +
                          (ids.empty() ? std::string("none") : internal::JoinLimited(ids)));
}

}  // namespace

Result<std::optional<AlertEpisode>> OpenAlertEpisode(Database& db, const std::string& monitor,
                                                     const std::string& schedule,
                                                     const std::string& alert) {
  AIRM_ASSIGN_OR_RETURN(std::vector<AlertEpisode> found,
                        Select(db,
                               "WHERE monitor = ? AND schedule = ? AND alert = ?"
                               " AND state IN ('pending', 'firing') ORDER BY id DESC LIMIT 1",
                               {monitor, schedule, alert}));
  if (found.empty()) return std::optional<AlertEpisode>();
  return std::optional<AlertEpisode>(found[0]);
}

Result<int64_t> SaveAlertEpisode(Database& db, const AlertEpisode& e) {
  if (e.id != 0) {
    AIRM_RETURN_IF_ERROR(
        db.Execute("UPDATE alert_episodes SET state = ?, consecutive = ?, last_window_end = ?,"
                   " fired_window_end = ?, resolved_window_end = ?, observed = ?, expression = ?"
                   " WHERE id = ?",
                   {e.state, e.consecutive, e.last_window_end, Nullable(e.fired_window_end),
                    Nullable(e.resolved_window_end), Nullable(e.observed), e.expression, e.id}));
    return e.id;
  }
  AIRM_ASSIGN_OR_RETURN(
      std::vector<Row> inserted,
      db.Query("INSERT INTO alert_episodes (episode_uid, monitor, schedule, alert, severity,"
               " expression, state, consecutive, first_window_start, last_window_end,"
               " fired_window_end, resolved_window_end, observed, created_at)"
               " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {e.episode_uid, e.monitor, e.schedule, e.alert, e.severity, e.expression, e.state,
                e.consecutive, e.first_window_start, e.last_window_end,
                Nullable(e.fired_window_end), Nullable(e.resolved_window_end), Nullable(e.observed),
                internal::NowIfEmpty(e.created_at)}));
  return inserted[0].Int(0);
}

Result<std::vector<AlertEpisode>> ListAlertEpisodes(Database& db, const EpisodeFilter& filter) {
  return Select(db,
                "WHERE (? = '' OR monitor = ?) AND (? = 0 OR state IN ('pending', 'firing'))"
                " ORDER BY first_window_start DESC, id DESC",
                {filter.monitor, filter.monitor, static_cast<int64_t>(filter.open_only)});
}

Status AckAlertEpisode(Database& db, const std::string& uid, const std::string& by,
                       const std::string& at) {
  AIRM_ASSIGN_OR_RETURN(AlertEpisode e, FindByUid(db, uid));
  return db.Execute("UPDATE alert_episodes SET acked_at = ?, acked_by = ? WHERE id = ?",
                    {internal::NowIfEmpty(at), by, e.id});
}

Status SilenceAlertEpisode(Database& db, const std::string& uid, const std::string& until) {
  AIRM_ASSIGN_OR_RETURN(AlertEpisode e, FindByUid(db, uid));
  return db.Execute("UPDATE alert_episodes SET silenced_until = ? WHERE id = ?", {until, e.id});
}

Status SetAlertRemindersSent(Database& db, int64_t episode_id, int64_t n) {
  return db.Execute("UPDATE alert_episodes SET reminders_sent = ? WHERE id = ?", {n, episode_id});
}

Result<std::optional<std::string>> AlertRuleProgress(Database& db, const std::string& monitor,
                                                     const std::string& schedule,
                                                     const std::string& alert) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("SELECT last_window_start FROM alert_rule_progress"
                                 " WHERE monitor = ? AND schedule = ? AND alert = ?",
                                 {monitor, schedule, alert}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

Status SetAlertRuleProgress(Database& db, const std::string& monitor, const std::string& schedule,
                            const std::string& alert, const std::string& window_start) {
  return db.Execute(
      "INSERT INTO alert_rule_progress (monitor, schedule, alert, last_window_start)"
      " VALUES (?, ?, ?, ?) ON CONFLICT (monitor, schedule, alert)"
      " DO UPDATE SET last_window_start = excluded.last_window_start",
      {monitor, schedule, alert, window_start});
}

Result<bool> RecordAlertNotification(Database& db, int64_t episode_id, const std::string& state,
                                     const std::string& payload_json, const std::string& at) {
  AIRM_ASSIGN_OR_RETURN(std::vector<Row> rows,
                        db.Query("INSERT INTO alert_notifications (episode_id, state, payload_json,"
                                 " created_at) VALUES (?, ?, ?, ?)"
                                 " ON CONFLICT (episode_id, state) DO NOTHING RETURNING id",
                                 {episode_id, state, payload_json, internal::NowIfEmpty(at)}));
  return !rows.empty();
}

}  // namespace airm::store
