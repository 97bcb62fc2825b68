#include "monitor_alerts.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <map>

#include "airm/gate.h"
#include "airm/monitor/alert_state.h"
#include "airm/monitor/notification_json.h"
#include "airm/monitor/silences.h"
#include "airm/sha256.h"
#include "airm/store/alert_episodes.h"
#include "airm/store/alert_silences.h"
#include "airm/store/timestamp.h"

namespace airm::usecases::internal {

using alerting::Notification;
using monitor::MonitorSpec;
using monitor::Schedule;
using monitor::Window;

std::optional<double> NumberOf(const std::string& json_text) {
  if (json_text.empty()) return std::nullopt;
  char* end = nullptr;
  const double v = std::strtod(json_text.c_str(), &end);
  if (end == json_text.c_str() || *end != '\0') return std::nullopt;
  return v;
}

namespace {

std::string FormatRate(const std::optional<double>& rate) {
  if (!rate) return "undefined";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3g", *rate);
  return buf;
}

std::string EpisodeUid(const MonitorSpec& m, const Schedule& s, const std::string& alert,
                       const std::string& first_window_start) {
  return Sha256Hex(m.name + "\n" + s.Key() + "\n" + alert + "\n" + first_window_start)
      .substr(0, 20);
}

alerting::AlertSeverity ToSeverity(monitor::Severity s) {
  switch (s) {
    case monitor::Severity::kInfo:
      return alerting::AlertSeverity::kInfo;
    case monitor::Severity::kWarning:
      return alerting::AlertSeverity::kWarning;
    case monitor::Severity::kCritical:
      return alerting::AlertSeverity::kCritical;
  }
  return alerting::AlertSeverity::kWarning;
}

}  // namespace

Status StepAlerts(store::Database& tx, const MonitorSpec& m, const Schedule& s, const Window& w,
                  const std::optional<std::string>& result_json, const WindowEvidence& evidence,
                  const WindowLearning& learning, ComputedWindow* computed,
                  std::vector<Notification>* out) {
  const std::string start = monitor::SecondsToCanonical(w.start);
  const std::string end = monitor::SecondsToCanonical(w.end);
  for (const monitor::AlertRule& rule : m.alerts) {
    AIRM_ASSIGN_OR_RETURN(std::optional<std::string> progress,
                          store::AlertRuleProgress(tx, m.name, s.Key(), rule.name));
    // Windows stepped already (a backfill behind the alert's history) and
    // empty windows leave the alert state alone.
    if (progress && *progress >= start) continue;
    if (!result_json) continue;
    if (!evidence.previous && rule.when.find("previous.") != std::string::npos) continue;
    const bool reads_estimate = rule.when.find("estimated.") != std::string::npos;
    if (!evidence.estimated && reads_estimate) continue;
    if (!evidence.realized && !reads_estimate) continue;
    // A learned rule compares with its learned number; without enough
    // earlier windows it has no threshold and does not step (no evidence).
    std::string expression = rule.when;
    std::optional<monitor::LearnedThreshold> learned;
    if (rule.learn) {
      auto found = learning.rules.find(rule.name);
      if (found == learning.rules.end()) continue;
      learned = found->second.threshold;
      if (found->second.expression.empty()) {
        computed->alerts.push_back({.alert = rule.name,
                                    .event = "insufficient_evidence",
                                    .learned = learned,
                                    .expression = ""});
        continue;
      }
      expression = found->second.expression;
    }
    auto gates = EvaluateGates(expression, *result_json, MonitorRuleAliases(m, s));
    if (!gates.ok()) {
      return Status(gates.status().code(), "monitor '" + m.name + "' alert '" + rule.name +
                                               "' (when: " + expression +
                                               "): " + gates.status().message());
    }
    AlertEvaluation evaluation{.alert = rule.name,
                               .held = AnyGateHeld(*gates),
                               .learned = learned,
                               .expression = expression};
    for (const GateOutcome& g : *gates) {
      if (g.held || !evaluation.held) {
        evaluation.observed = NumberOf(g.observed);
        if (g.held) break;
      }
    }
    AIRM_ASSIGN_OR_RETURN(std::optional<store::AlertEpisode> open,
                          store::OpenAlertEpisode(tx, m.name, s.Key(), rule.name));
    monitor::RuleState state;
    if (open) {
      state.phase =
          open->state == "firing" ? monitor::AlertPhase::kFiring : monitor::AlertPhase::kPending;
      state.consecutive = static_cast<int>(open->consecutive);
    }
    const monitor::AlertStep step = monitor::StepAlert(state, evaluation.held, rule.for_windows);
    evaluation.event = monitor::AlertEventName(step.event);
    computed->alerts.push_back(evaluation);
    AIRM_RETURN_IF_ERROR(store::SetAlertRuleProgress(tx, m.name, s.Key(), rule.name, start));
    if (step.event == monitor::AlertEvent::kNothing) continue;

    store::AlertEpisode episode;
    if (open) {
      episode = *open;
    } else {
      episode = {.episode_uid = EpisodeUid(m, s, rule.name, start),
                 .monitor = m.name,
                 .schedule = s.Key(),
                 .alert = rule.name,
                 .severity = monitor::SeverityName(rule.severity),
                 .expression = expression,
                 .first_window_start = start};
    }
    episode.last_window_end = end;
    episode.consecutive = step.next.consecutive;
    episode.observed = evaluation.observed;
    // A learned threshold is re-learned every window: the episode shows the
    // one of its latest window.
    if (learned) episode.expression = expression;
    switch (step.event) {
      case monitor::AlertEvent::kPending:
        episode.state = "pending";
        break;
      case monitor::AlertEvent::kFired:
        episode.state = "firing";
        episode.fired_window_end = end;
        break;
      case monitor::AlertEvent::kFiring:
        episode.state = "firing";
        break;
      case monitor::AlertEvent::kResolved:
        episode.state = "resolved";
        episode.resolved_window_end = end;
        break;
      case monitor::AlertEvent::kCancelled:
        episode.state = "cancelled";
        break;
      case monitor::AlertEvent::kNothing:
        break;
    }
    AIRM_ASSIGN_OR_RETURN(episode.id, store::SaveAlertEpisode(tx, episode));
    if (step.event != monitor::AlertEvent::kFired && step.event != monitor::AlertEvent::kResolved) {
      continue;
    }
    const bool firing = step.event == monitor::AlertEvent::kFired;
    Notification n{
        .alert_name = rule.name,
        .monitor = m.name,
        .severity = ToSeverity(rule.severity),
        .state = firing ? alerting::AlertState::kFiring : alerting::AlertState::kResolved,
        .window_start = start,
        .window_end = end,
        .expression = expression,
        .observed = evaluation.observed,
        .summary = rule.name + (firing ? " firing" : " resolved") + " on monitor " + m.name + " (" +
                   s.Key() + " " + w.label + "): " + expression +
                   (learned ? " (learned threshold, expected false-alarm rate " +
                                  FormatRate(learned->expected_false_alarm_rate) + " per window)"
                            : "") +
                   (firing ? " held for " + std::to_string(step.next.consecutive) + " window(s)"
                           : " no longer holds"),
        .labels = {{"monitor", m.name}, {"schedule", s.Key()}, {"window", w.label}},
        .episode_id = episode.episode_uid,
        .started_at = episode.fired_window_end.value_or(end),
        .recipient = std::nullopt};
    if (!m.model.empty()) n.labels["model"] = m.model;
    AIRM_ASSIGN_OR_RETURN(bool fresh, store::RecordAlertNotification(
                                          tx, episode.id, alerting::AlertStateName(n.state),
                                          monitor::RenderNotificationJson(n), ""));
    // A silenced episode's notification is recorded (so it is never sent
    // later) but not handed out while the silence lasts.
    bool silenced = episode.silenced_until && *episode.silenced_until > store::UtcNow();
    if (!silenced) {
      AIRM_ASSIGN_OR_RETURN(silenced, SilencedByMatchers(tx, n));
    }
    if (fresh && !silenced) out->push_back(std::move(n));
  }
  return Status::Ok();
}

Result<bool> SilencedByMatchers(store::Database& tx, const Notification& n) {
  AIRM_ASSIGN_OR_RETURN(std::vector<store::AlertSilence> active,
                        store::ListAlertSilences(tx, store::UtcNow()));
  if (active.empty()) return false;
  std::map<std::string, std::string> labels = n.labels;
  labels["alert"] = n.alert_name;
  labels["monitor"] = n.monitor;
  labels["severity"] = alerting::AlertSeverityName(n.severity);
  for (const store::AlertSilence& s : active) {
    if (monitor::SilenceMatches(s.matchers, labels)) return true;
  }
  return false;
}

Status StepReminders(store::Database& tx, const MonitorSpec& m, int64_t as_of,
                     std::vector<FiringReminder>* out, std::optional<int64_t>* next_due) {
  for (const monitor::AlertRule& rule : m.alerts) {
    if (rule.repeat_seconds <= 0) continue;
    for (const Schedule& s : m.schedules) {
      AIRM_ASSIGN_OR_RETURN(std::optional<store::AlertEpisode> open,
                            store::OpenAlertEpisode(tx, m.name, s.Key(), rule.name));
      if (!open || open->state != "firing" || !open->fired_window_end || open->acked_at) continue;
      const int64_t fired = monitor::CanonicalToSeconds(*open->fired_window_end);
      const int64_t n = as_of > fired ? (as_of - fired) / rule.repeat_seconds : 0;
      const int64_t next = fired + (std::max(n, open->reminders_sent) + 1) * rule.repeat_seconds;
      if (!*next_due || next < **next_due) *next_due = next;
      if (n <= open->reminders_sent) continue;
      AIRM_RETURN_IF_ERROR(store::SetAlertRemindersSent(tx, open->id, n));
      if (open->silenced_until && *open->silenced_until > store::UtcNow()) continue;
      Notification reminder{.alert_name = rule.name,
                            .monitor = m.name,
                            .severity = ToSeverity(rule.severity),
                            .state = alerting::AlertState::kFiring,
                            .window_start = open->first_window_start,
                            .window_end = open->last_window_end,
                            .expression = open->expression,
                            .observed = open->observed,
                            .summary = rule.name + " still firing on monitor " + m.name + " (" +
                                       s.Key() + ") since " + *open->fired_window_end +
                                       ": reminder " + std::to_string(n),
                            .labels = {{"monitor", m.name}, {"schedule", s.Key()}},
                            .episode_id = open->episode_uid,
                            .started_at = *open->fired_window_end,
                            .recipient = std::nullopt};
      if (!m.model.empty()) reminder.labels["model"] = m.model;
      AIRM_ASSIGN_OR_RETURN(bool silenced, SilencedByMatchers(tx, reminder));
      if (silenced) continue;
      out->push_back({.notification = std::move(reminder), .repeat = static_cast<int>(n)});
    }
  }
  return Status::Ok();
}

}  // namespace airm::usecases::internal
