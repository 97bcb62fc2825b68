// Delivering notifications: the outbox, retries with backoff, idempotency.
//
// DeliverNotifications is what the monitor run calls after evaluating its
// alerts. Its steps:
//   1. queue: each notification × channel becomes an outbox row (store table
//      alert_outbox) in one write transaction, before anything is sent. The
//      row's key is (channel, episode_id, state, repeat): a notification that
//      is already queued or delivered is not queued again, so a second run,
//      a restart or a backfill never sends the same episode's firing (or
//      resolved) notice twice;
//   2. drain: every pending row of the configured channels, oldest first —
//      this run's and earlier runs' — is sent with up to retry.attempts tries
//      and exponential backoff; a row of an episode whose earlier row on the
//      same channel is still pending waits, so a receiver never sees an
//      episode resolve before it fired; once a row has used up its retries on
//      a transient failure (unreachable, 5xx), the channel's remaining rows
//      wait for the next run, so a receiver that is down costs one row's
//      retries per run;
//   3. record: each row's outcome is written in its own short transaction:
//      delivered (with the time), or still pending with the attempt count and
//      the last error. Nothing is ever deleted, so nothing is lost.
//
// Delivery is at least once: if the process dies after a receiver accepted a
// notification and before step 3 stored that, the next run sends it again.
// Every payload carries the episode id and dedup key for receivers that
// deduplicate (Alertmanager merges by labels on its own).
//
// A receiver that fails never fails the call: the outcome is in the report.
// Only the store itself failing is a Status error.
//
// Thread-safety: one call at a time per Database object.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/alerting/channels.h"
#include "airm/alerting/notification.h"
#include "airm/status.h"
#include "airm/store/database.h"

namespace airm::alerting {

// One notification to queue; `repeat` > 0 for a reminder of a still-firing
// episode (the monitor's repeat interval), so each reminder is its own row.
struct Outgoing {
  Notification notification;
  int repeat = 0;
};

struct DeliveryOptions {
  // How a backoff wait is spent; tests pass a recorder instead of sleeping.
  std::function<void(std::chrono::milliseconds)> sleep;
  // The current time in seconds since 1970 UTC, for the outbox's times, the
  // mail's Date and Alertmanager's endsAt; unset: the system clock.
  std::optional<int64_t> now_unix_seconds;
  // Channel names to deliver to; empty: every configured channel.
  std::vector<std::string> only_channels;
};

enum class DeliveryStatus {
  kDelivered,  // the receiver accepted it in this call
  kPending,    // not delivered yet: kept in the outbox for the next run
};

struct DeliveryRecord {
  int64_t outbox_id = 0;
  std::string channel;
  std::string dedup_key;  // episode_id:state, ":repeat-N" appended for reminders
  DeliveryStatus status = DeliveryStatus::kPending;
  int attempts_this_run = 0;
  int64_t attempts_total = 0;
  std::string error;                // the last failure; empty when delivered
  std::vector<int64_t> backoff_ms;  // the waits between this run's attempts
};

// One channel's share of a DeliverNotifications call.
struct ChannelSummary {
  std::string channel;
  int queued = 0;      // new outbox rows of this channel
  int duplicates = 0;  // notifications already queued or delivered on this channel before
  int delivered = 0;   // rows the receiver accepted in this call (this run's and earlier runs')
  int pending = 0;     // rows attempted or held back, kept in the outbox for the next run
};

struct DeliveryReport {
  int queued = 0;      // new outbox rows this call
  int duplicates = 0;  // notifications already queued or delivered before (not queued again)
  std::vector<DeliveryRecord> records;  // every row attempted (or held back) this call
  // Pending rows of channels that are no longer configured: kept, not sent.
  int64_t orphaned = 0;
  // Every channel delivered to, in airm.yaml order (also those with nothing to send).
  std::vector<ChannelSummary> channels;

  int Delivered() const;
  int Pending() const;
};

// Steps 1-3 above. Errors only from the store (kUnavailable on a busy lock,
// kCorrupt, …) and InvalidArgument for an invalid config.
Result<DeliveryReport> DeliverNotifications(store::Database& db, const AlertingConfig& config,
                                            std::span<const Outgoing> outgoing,
                                            const DeliveryOptions& options);

// Step 1 alone, inside the caller's write transaction `tx`: a caller queues
// notifications atomically with what produced them (the monitor run queues a
// window's notifications in the transaction that stores the window, so a
// crash between storing and queueing cannot lose one). Adds to
// report->queued, report->duplicates and report->channels; when the caller's
// transaction body runs again (a busy lock), pass a fresh report.
Status QueueNotifications(store::Database& tx, const AlertingConfig& config,
                          std::span<const Outgoing> outgoing, const DeliveryOptions& options,
                          DeliveryReport* report);

// Steps 2-3 alone: sends every pending outbox row of the selected channels
// (whatever run queued it) and adds the records and per-channel counts to
// `report`. DeliverNotifications = QueueNotifications in one transaction, then
// DrainOutbox.
Status DrainOutbox(store::Database& db, const AlertingConfig& config,
                   const DeliveryOptions& options, DeliveryReport* report);

// A row of the outbox, for `airm alerts` and tests.
struct OutboxEntry {
  int64_t id = 0;
  std::string channel;
  std::string episode_id;
  std::string state;
  int repeat = 0;
  std::string status;  // "pending" or "delivered"
  int64_t attempts = 0;
  std::string created_at;
  std::optional<std::string> last_attempt_at;
  std::optional<std::string> delivered_at;
  std::optional<std::string> last_error;
};

// Every outbox row, oldest first.
Result<std::vector<OutboxEntry>> ListOutbox(store::Database& db);

}  // namespace airm::alerting
