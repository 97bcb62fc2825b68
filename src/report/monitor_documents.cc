// The monitoring commands' JSON documents, each from its use case's result
// (moved out of apps/cli, which only writes what these return).
#include "airm/report/monitor_documents.h"

#include "airm/monitor/notification_json.h"
#include "airm/report/json_util.h"
#include "governance/incident_json.h"
#include "store_record_json.h"

namespace airm::report {
namespace {

Json EpisodeJson(const store::AlertEpisode& e) {
  return {{"episode_id", e.episode_uid},
          {"monitor", e.monitor},
          {"schedule", e.schedule},
          {"alert", e.alert},
          {"severity", e.severity},
          {"expression", e.expression},
          {"state", e.state},
          {"consecutive_windows", e.consecutive},
          {"first_window_start", e.first_window_start},
          {"last_window_end", e.last_window_end},
          {"fired_window_end", OrNull(e.fired_window_end)},
          {"resolved_window_end", OrNull(e.resolved_window_end)},
          {"observed", OrNull(e.observed)},
          {"acked_at", OrNull(e.acked_at)},
          {"acked_by", OrNull(e.acked_by)},
          {"silenced_until", OrNull(e.silenced_until)}};
}

// The outbox's outcome of a run: per channel, and each row tried or held.
Json DeliveryJson(const usecases::RunMonitorsResult& run) {
  if (!run.delivery) return {{"configured", false}, {"note", run.no_delivery}};
  const alerting::DeliveryReport& d = *run.delivery;
  Json channels = Json::array();
  for (const alerting::ChannelSummary& c : d.channels) {
    channels.push_back({{"channel", c.channel},
                        {"queued", c.queued},
                        {"duplicates", c.duplicates},
                        {"delivered", c.delivered},
                        {"pending", c.pending}});
  }
  Json records = Json::array();
  for (const alerting::DeliveryRecord& r : d.records) {
    records.push_back(
        {{"outbox_id", r.outbox_id},
         {"channel", r.channel},
         {"dedup_key", r.dedup_key},
         {"status", r.status == alerting::DeliveryStatus::kDelivered ? "delivered" : "pending"},
         {"attempts_this_run", r.attempts_this_run},
         {"attempts_total", r.attempts_total},
         {"error", r.error.empty() ? Json() : Json(r.error)}});
  }
  return {{"configured", true},         {"queued", d.queued},     {"duplicates", d.duplicates},
          {"delivered", d.Delivered()}, {"pending", d.Pending()}, {"orphaned", d.orphaned},
          {"channels", channels},       {"records", records}};
}

}  // namespace

namespace {

// A learned threshold as `monitor run --json` shows it beside the rule's
// step (the window's stored result has the full record, `alert_thresholds`).
Json LearnedJson(const monitor::LearnedThreshold& t, const std::string& expression) {
  return {{"status", t.status},
          {"method", monitor::LearnMethodName(t.method)},
          {"side", monitor::ThresholdSideName(t.side)},
          {"windows", t.windows},
          {"lower", JsonNumber(t.lower)},
          {"upper", JsonNumber(t.upper)},
          {"expected_false_alarm_rate", JsonNumber(t.expected_false_alarm_rate)},
          {"false_alarm_rate_with_n", JsonNumber(t.false_alarm_rate_with_n)},
          {"expression", expression.empty() ? Json() : Json(expression)},
          {"note", t.note}};
}

Json LearnSpecJson(const monitor::LearnSpec& spec) {
  Json out = {{"from", spec.from}, {"method", monitor::LearnMethodName(spec.method)}};
  if (spec.method == monitor::LearnMethod::kMeanSigma) {
    out["k"] = spec.k;
  } else {
    out["q"] = spec.q;
  }
  out["min_windows"] = spec.min_windows;
  out["windows"] = spec.windows == 0 ? Json() : Json(spec.windows);
  out["until"] = spec.until.empty() ? Json() : Json(spec.until);
  out["rows"] = spec.rows == 0 ? Json() : Json(spec.rows);
  return out;
}

Json LearnedStatusJson(const std::vector<usecases::LearnedRuleThreshold>& learned) {
  Json out = Json::array();
  for (const usecases::LearnedRuleThreshold& t : learned) {
    out.push_back({{"alert", t.alert},
                   {"window", t.window},
                   {"status", t.status},
                   {"windows", t.windows},
                   {"from", t.from},
                   {"chunks", t.chunks ? Json(*t.chunks) : Json()},
                   {"chunk_rows", t.chunk_rows ? Json(*t.chunk_rows) : Json()},
                   {"lower", JsonNumber(t.lower)},
                   {"upper", JsonNumber(t.upper)},
                   {"expected_false_alarm_rate", JsonNumber(t.expected_false_alarm_rate)},
                   {"false_alarm_rate_with_n", JsonNumber(t.false_alarm_rate_with_n)}});
  }
  return out;
}

}  // namespace

std::string RenderMonitorRunJson(const usecases::RunMonitorsResult& run, const ReportMeta& meta) {
  // 1.1: `incidents`, the incidents the run opened.
  Json doc = DocumentHeader("monitor_run", "1.1", meta);
  doc["as_of"] = run.as_of;
  doc["monitors"] = run.monitors;
  Json windows = Json::array();
  for (const usecases::ComputedWindow& w : run.windows) {
    Json alerts = Json::array();
    for (const usecases::AlertEvaluation& a : w.alerts) {
      Json alert = {{"alert", a.alert},
                    {"held", a.held},
                    {"observed", OrNull(a.observed)},
                    {"event", a.event}};
      if (a.learned) alert["learned"] = LearnedJson(*a.learned, a.expression);
      alerts.push_back(std::move(alert));
    }
    windows.push_back({{"monitor", w.monitor},
                       {"schedule", w.schedule},
                       {"label", w.label},
                       {"window_start", w.window_start},
                       {"window_end", w.window_end},
                       {"version", w.version},
                       {"status", w.status},
                       {"rows", w.rows},
                       {"input_drift", OrNull(w.input_drift)},
                       {"output_drift", OrNull(w.output_drift)},
                       {"fdr_level", OrNull(w.fdr_level)},
                       {"previous_window", OrNull(w.previous_window)},
                       {"input_drift_vs_previous", OrNull(w.input_drift_vs_previous)},
                       {"alerts", alerts}});
  }
  doc["windows"] = windows;
  Json notifications = Json::array();
  for (const alerting::Notification& n : run.notifications) {
    notifications.push_back(Json::parse(monitor::RenderNotificationJson(n)));
  }
  doc["notifications"] = notifications;
  Json reminders = Json::array();
  for (const usecases::FiringReminder& r : run.reminders) {
    Json n = Json::parse(monitor::RenderNotificationJson(r.notification));
    n["repeat"] = r.repeat;
    reminders.push_back(std::move(n));
  }
  doc["reminders"] = reminders;
  Json incidents = Json::array();
  for (const governance::Incident& i : run.incidents) incidents.push_back(IncidentJson(i));
  doc["incidents"] = incidents;
  doc["next_due"] = OrNull(run.next_due);
  doc["interrupted"] = run.interrupted;
  doc["delivery"] = DeliveryJson(run);
  return DumpJson(doc);
}

std::string RenderMonitorStatusJson(const std::vector<usecases::MonitorStatusEntry>& status,
                                    const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("monitor_status", meta);
  Json monitors = Json::array();
  for (const usecases::MonitorStatusEntry& m : status) {
    Json schedules = Json::array();
    for (const usecases::ScheduleStatus& s : m.schedules) {
      schedules.push_back({{"schedule", s.schedule},
                           {"windows", s.windows},
                           {"empty_windows", s.empty_windows},
                           {"last_window", OrNull(s.last_label)},
                           {"last_window_end", OrNull(s.last_window_end)},
                           {"last_status", OrNull(s.last_status)},
                           {"next_window", s.next_window_label},
                           {"next_due", s.next_due},
                           {"learned_thresholds", LearnedStatusJson(s.learned_thresholds)}});
    }
    Json open = Json::array();
    for (const store::AlertEpisode& e : m.open_alerts) open.push_back(EpisodeJson(e));
    Json rules = Json::array();
    for (const usecases::AlertRuleStatus& r : m.rules) {
      Json thresholds = Json::array();
      for (const GateThreshold& t : r.thresholds) {
        thresholds.push_back({{"metric", t.path}, {"op", t.op}, {"value", t.value}});
      }
      // A learned threshold moves from window to window: its values are a
      // history series of their own.
      Json learned;
      if (r.learn) {
        Json lines = Json::array();
        for (const usecases::AlertRuleStatus::LearnedLine& l : r.learned_lines) {
          lines.push_back({{"op", l.op}, {"history_metric", l.history_metric}});
        }
        learned = {{"metric", r.learned_metric},
                   {"from", r.learn->from},
                   {"label", r.learn->from == "reference" ? "learned from the reference"
                                                          : "learned from earlier windows"},
                   {"lines", std::move(lines)}};
      }
      rules.push_back({{"name", r.name},
                       {"when", r.when},
                       {"severity", r.severity},
                       {"for", r.for_windows},
                       {"thresholds", thresholds},
                       {"learn", r.learn ? LearnSpecJson(*r.learn) : Json()},
                       {"learned", learned}});
    }
    monitors.push_back({{"monitor", m.monitor},
                        {"model", m.model.empty() ? Json(nullptr) : Json(m.model)},
                        {"time_zone", m.time_zone},
                        {"alert_rules", rules},
                        {"schedules", schedules},
                        {"open_alerts", open}});
  }
  doc["monitors"] = monitors;
  return DumpJson(doc);
}

std::string RenderMonitorHistoryJson(const std::string& monitor, const std::string& metric,
                                     const std::vector<usecases::HistoryPoint>& points,
                                     const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("monitor_history", meta);
  doc["monitor"] = monitor;
  doc["metric"] = metric;
  Json list = Json::array();
  for (const usecases::HistoryPoint& p : points) {
    // The stored value is JSON text; a value that does not parse stays text.
    Json value = Json::parse(p.value_json, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) value = p.value_json;
    list.push_back({{"schedule", p.schedule},
                    {"window", p.label},
                    {"window_start", p.window_start},
                    {"window_end", p.window_end},
                    {"version", p.version},
                    {"status", p.status},
                    {"value", value}});
  }
  doc["points"] = list;
  return DumpJson(doc);
}

std::string RenderAlertListJson(const std::vector<store::AlertEpisode>& episodes,
                                const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("alert_list", meta);
  Json list = Json::array();
  for (const store::AlertEpisode& e : episodes) list.push_back(EpisodeJson(e));
  doc["episodes"] = list;
  return DumpJson(doc);
}

std::string RenderAlertOutboxJson(const std::vector<alerting::OutboxEntry>& entries,
                                  const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("alert_outbox", meta);
  Json rows = Json::array();
  for (const alerting::OutboxEntry& e : entries) {
    rows.push_back({{"id", e.id},
                    {"channel", e.channel},
                    {"episode_id", e.episode_id},
                    {"state", e.state},
                    {"repeat", e.repeat},
                    {"status", e.status},
                    {"attempts", e.attempts},
                    {"created_at", e.created_at},
                    {"last_attempt_at", OrNull(e.last_attempt_at)},
                    {"delivered_at", OrNull(e.delivered_at)},
                    {"last_error", OrNull(e.last_error)}});
  }
  doc["outbox"] = rows;
  return DumpJson(doc);
}

std::string RenderAlertSilencesJson(const std::vector<store::AlertSilence>& silences,
                                    const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("alert_silences", meta);
  Json list = Json::array();
  for (const store::AlertSilence& s : silences) {
    Json matchers = Json::array();
    for (const store::SilenceMatcher& m : s.matchers) matchers.push_back(m.ToString());
    list.push_back({{"silence_id", s.silence_uid},
                    {"matchers", matchers},
                    {"until", s.until},
                    {"created_by", s.created_by},
                    {"comment", s.comment},
                    {"created_at", s.created_at}});
  }
  doc["silences"] = list;
  return DumpJson(doc);
}

std::string RenderLabelsLoggedJson(const usecases::LoggedLabels& logged, const ReportMeta& meta) {
  Json doc = StoreDocumentHeader("labels_logged", meta);
  doc["file"] = {{"path", logged.file.path}, {"sha256", logged.file.sha256}};
  doc["attached"] = logged.attached;
  doc["without_label"] = logged.without_label;
  return DumpJson(doc);
}

}  // namespace airm::report
