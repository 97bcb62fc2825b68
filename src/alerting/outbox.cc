#include "outbox.h"

#include "airm/alerting/payloads.h"

namespace airm::alerting::internal {
namespace {

constexpr std::string_view kSelectEntry =
    "SELECT id, channel, episode_id, state, repeat_index, status, attempts, created_at,"
    " last_attempt_at, delivered_at, last_error, notification_json FROM alert_outbox ";

OutboxEntry EntryFromRow(const store::Row& row) {
  OutboxEntry e;
  e.id = row.Int(0);
  e.channel = row.Text(1);
  e.episode_id = row.Text(2);
  e.state = row.Text(3);
  e.repeat = static_cast<int>(row.Int(4));
  e.status = row.Text(5);
  e.attempts = row.Int(6);
  e.created_at = row.Text(7);
  e.last_attempt_at = row.OptionalText(8);
  e.delivered_at = row.OptionalText(9);
  e.last_error = row.OptionalText(10);
  return e;
}

}  // namespace

Result<bool> Enqueue(store::Database& db, const std::string& channel, const Outgoing& outgoing,
                     const std::string& now) {
  const Notification& n = outgoing.notification;
  // ON CONFLICT DO NOTHING is the idempotency rule (SQLite and PostgreSQL alike).
  AIRM_ASSIGN_OR_RETURN(
      std::vector<store::Row> inserted,
      db.Query("INSERT INTO alert_outbox (channel, episode_id, state, repeat_index,"
               " notification_json, status, created_at) VALUES (?, ?, ?, ?, ?, 'pending', ?)"
               " ON CONFLICT (channel, episode_id, state, repeat_index) DO NOTHING RETURNING id",
               {channel, n.episode_id, std::string(AlertStateName(n.state)),
                int64_t{outgoing.repeat}, GenericWebhookJson(n), now}));
  return !inserted.empty();
}

Result<std::vector<PendingRow>> PendingRows(store::Database& db) {
  std::vector<PendingRow> rows;
  AIRM_RETURN_IF_ERROR(
      db.QueryEach(std::string(kSelectEntry) + "WHERE status = 'pending' ORDER BY id", {},
                   [&](const store::Row& row) {
                     rows.push_back({EntryFromRow(row), row.Text(11)});
                     return Status::Ok();
                   }));
  return rows;
}

Status MarkDelivered(store::Database& db, int64_t id, int attempts, const std::string& now) {
  return db.WriteTransaction([&](store::Database& tx) {
    return tx.Execute(
        "UPDATE alert_outbox SET status = 'delivered', attempts = attempts + ?,"
        " last_attempt_at = ?, delivered_at = ?, last_error = NULL WHERE id = ?",
        {int64_t{attempts}, now, now, id});
  });
}

Status MarkFailed(store::Database& db, int64_t id, int attempts, const std::string& now,
                  const std::string& error) {
  return db.WriteTransaction([&](store::Database& tx) {
    return tx.Execute(
        "UPDATE alert_outbox SET attempts = attempts + ?, last_attempt_at = ?, last_error = ?"
        " WHERE id = ? AND status = 'pending'",
        {int64_t{attempts}, now, error, id});
  });
}

}  // namespace airm::alerting::internal

namespace airm::alerting {

Result<std::vector<OutboxEntry>> ListOutbox(store::Database& db) {
  std::vector<OutboxEntry> entries;
  AIRM_RETURN_IF_ERROR(db.QueryEach(
      "SELECT id, channel, episode_id, state, repeat_index, status, attempts, created_at,"
      " last_attempt_at, delivered_at, last_error FROM alert_outbox ORDER BY id",
      {}, [&](const store::Row& row) {
        entries.push_back(internal::EntryFromRow(row));
        return Status::Ok();
      }));
  return entries;
}

}  // namespace airm::alerting
