// JSON documents of the monitoring use cases (airm/usecases/run_monitors.h,
// monitor_queries.h, log_labels.h). Each starts with the store documents'
// common header (kind, schema_version "1.0", airm_version, generated_at,
// command); docs/monitoring.md describes the shapes.
#pragma once

#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/report.h"
#include "airm/store/alert_silences.h"
#include "airm/usecases/log_labels.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/run_monitors.h"

namespace airm::report {

// "monitor_run" (schema 1.1): as_of, monitors, windows [{..., fdr_level, alerts}],
// notifications, reminders, incidents (opened by the run, as `airm incident
// list --json`), next_due, interrupted, delivery (per channel and per outbox
// row; configured=false with a note).
std::string RenderMonitorRunJson(const usecases::RunMonitorsResult& run, const ReportMeta& meta);
// "monitor_status": monitors [{monitor, time_zone, schedules, open_alerts}].
std::string RenderMonitorStatusJson(const std::vector<usecases::MonitorStatusEntry>& status,
                                    const ReportMeta& meta);
// "monitor_history": monitor, metric, points [{schedule, window, ..., value}].
std::string RenderMonitorHistoryJson(const std::string& monitor, const std::string& metric,
                                     const std::vector<usecases::HistoryPoint>& points,
                                     const ReportMeta& meta);
// "alert_list": episodes.
std::string RenderAlertListJson(const std::vector<store::AlertEpisode>& episodes,
                                const ReportMeta& meta);
// "alert_outbox": outbox rows.
std::string RenderAlertOutboxJson(const std::vector<alerting::OutboxEntry>& entries,
                                  const ReportMeta& meta);
// "alert_silences": silences [{silence_id, matchers ["alert=x"], until, created_by, comment,
// created_at}].
std::string RenderAlertSilencesJson(const std::vector<store::AlertSilence>& silences,
                                    const ReportMeta& meta);
// "labels_logged": file {path, sha256}, attached, without_label.
std::string RenderLabelsLoggedJson(const usecases::LoggedLabels& logged, const ReportMeta& meta);

}  // namespace airm::report
