// Notification: the one message the monitor engine hands to alerting channels.
//
// The monitor (src/usecases RunMonitors) decides *what* to say: an alert
// episode started firing or resolved. Alerting channels (src/alerting:
// webhook, Slack, SMTP, Alertmanager, the persistent outbox) decide *how* to
// deliver it. This struct is the whole contract between the two; both sides
// include this header and nothing else of each other.
//
// Identity: `episode_id` is stable for one alert episode (the same rule
// crossing its threshold until it resolves) and is the same on the firing and
// the resolved notification, so receivers (Alertmanager's fingerprint, a
// ticket system) can pair them. `dedup_key` = episode_id + ":" + state names
// one notification; a delivery queue uses it to send each at most once.
//
// Times are ISO 8601 UTC text ("2026-03-02T00:00:00Z"), as in the store.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace airm::alerting {

enum class AlertSeverity { kInfo, kWarning, kCritical };
enum class AlertState { kFiring, kResolved };

// "info", "warning", "critical"; "firing", "resolved".
inline const char* AlertSeverityName(AlertSeverity severity) {
  switch (severity) {
    case AlertSeverity::kInfo:
      return "info";
    case AlertSeverity::kWarning:
      return "warning";
    case AlertSeverity::kCritical:
      return "critical";
  }
  return "warning";
}
inline const char* AlertStateName(AlertState state) {
  return state == AlertState::kFiring ? "firing" : "resolved";
}

// The one person a notification is for, with their addresses (a governance
// escalation resolved through airm.yaml's `people:`). An email channel sends
// it to `email` instead of its own `to`; a webhook channel posts it to
// `webhook` instead of its own url, without the channel's headers (they may
// hold the channel's credentials). Empty fields leave the channel's own
// address; Slack and Alertmanager channels always use their own.
struct Recipient {
  std::string person;  // the directory's id
  std::string email;
  std::string webhook;
};

struct Notification {
  std::string alert_name;  // the rule's name in airm.yaml, e.g. "income-drift"
  std::string monitor;     // the monitor's name in airm.yaml
  AlertSeverity severity = AlertSeverity::kWarning;
  AlertState state = AlertState::kFiring;
  // The window that made the episode fire (for kFiring) or resolve (kResolved);
  // [window_start, window_end).
  std::string window_start;
  std::string window_end;
  std::string expression;          // the gate expression, e.g. "columns.Income.effect_size>0.2"
  std::optional<double> observed;  // the value the gate read; nullopt for boolean gates (drift)
  std::string summary;             // one line for humans
  std::map<std::string, std::string> labels;  // model, schedule, … (Alertmanager labels)
  std::string episode_id;  // stable across the episode's firing and resolved notifications
  std::string
      started_at;  // when the episode started firing (window_end of its first firing window)
  std::optional<Recipient> recipient;  // nullopt: the channels' own addresses

  std::string dedup_key() const { return episode_id + ":" + AlertStateName(state); }
};

}  // namespace airm::alerting
