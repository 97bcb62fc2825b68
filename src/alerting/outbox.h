// The outbox table (store migration alert_outbox): the SQL behind
// DeliverNotifications, one function per statement.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/store/database.h"

namespace airm::alerting::internal {

// Queues one notification for one channel; false when that (channel,
// episode, state, repeat) is already queued or delivered.
Result<bool> Enqueue(store::Database& db, const std::string& channel, const Outgoing& outgoing,
                     const std::string& now);

struct PendingRow {
  OutboxEntry entry;
  std::string notification_json;
};

// Pending rows, oldest first.
Result<std::vector<PendingRow>> PendingRows(store::Database& db);

Status MarkDelivered(store::Database& db, int64_t id, int attempts, const std::string& now);
Status MarkFailed(store::Database& db, int64_t id, int attempts, const std::string& now,
                  const std::string& error);

}  // namespace airm::alerting::internal
