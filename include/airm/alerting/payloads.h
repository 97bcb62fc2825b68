// What each channel sends for one Notification: pure functions from the
// struct to the bytes on the wire, so every payload shape is tested without a
// network. Transport (libcurl) and retries live in delivery.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "airm/alerting/notification.h"
#include "airm/status.h"

namespace airm::alerting {

// The generic webhook body, schema "airm.alert.v1": every Notification field
// under its own name (observed_value null when undefined), plus "version" and
// "dedup_key". The outbox stores notifications in this same form.
std::string GenericWebhookJson(const Notification& notification);

// The inverse of GenericWebhookJson; ParseError naming the field otherwise.
Result<Notification> NotificationFromJson(const std::string& json);

// Slack's incoming-webhook payload: "text" (the fallback line, with Slack's
// &, <, > escapes) and "blocks" (a header line and the fields).
std::string SlackWebhookJson(const Notification& notification);

// The body of Alertmanager's POST /api/v2/alerts: an array of one alert.
// labels: alertname, monitor, severity and the notification's labels (names
// made valid Prometheus label names); annotations: summary, expression,
// observed_value, window_start, window_end, episode_id. startsAt is when the
// episode started firing; a resolved alert has endsAt = its window_end, a
// firing one `firing_ends_at` when given (send time + the channel's
// firing_ttl_seconds), else none: Alertmanager's resolve_timeout applies.
std::string AlertmanagerJson(const Notification& notification,
                             const std::optional<std::string>& firing_ends_at);

struct MailEnvelope {
  std::string from;
  std::vector<std::string> to;
};

// An RFC 5322 plain-text message (CRLF line ends, UTF-8 body, non-ASCII
// subject as an RFC 2047 encoded word, header values stripped of CR/LF). The
// Message-ID is derived from the dedup key, and a resolved mail refers to its
// firing mail (In-Reply-To), so mail clients thread an episode. `date` is the
// RFC 5322 Date header value.
std::string EmailMessage(const Notification& notification, const MailEnvelope& envelope,
                         const std::string& date);

}  // namespace airm::alerting
