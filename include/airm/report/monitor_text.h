// The monitoring commands' human-readable summaries (`airm monitor run |
// status | history | report | daemon`, `airm labels log`, `airm alerts ...`),
// rendered from the same use-case result structs as their JSON documents
// (airm/report/monitor_documents.h). Plain text, one line per fact; user text
// (monitor, alert and channel names, error messages) is not escaped here: the
// face writes it through TerminalSafe.
#pragma once

#include <string>
#include <vector>

#include "airm/alerting/delivery.h"
#include "airm/store/alert_silences.h"
#include "airm/usecases/log_labels.h"
#include "airm/usecases/monitor_daemon.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/monitor_report.h"
#include "airm/usecases/run_monitors.h"

namespace airm::report {

// One line per computed window with its alert events, the notifications and
// reminders, a count, then the delivery per channel with the rows still
// pending ("nothing due as of T" when no window was due).
std::string MonitorRunText(const usecases::RunMonitorsResult& run);

// One daemon tick as one line: "AT  N window(s) computed, M notification(s);
// ALERT fired (WINDOW); CHANNEL: D delivered, P pending; next due T", or
// "AT: ERROR (retrying)" for a failed run. No trailing newline.
std::string MonitorTickLine(const usecases::DaemonTick& tick);

// Per monitor: each schedule's windows, last and next window, open alerts.
std::string MonitorStatusText(const std::vector<usecases::MonitorStatusEntry>& status);

// `airm monitor history --format text`: "SCHEDULE  WINDOW  VALUE" per point
// ("(empty)" for an empty window); `monitor` names the monitor when there is
// none.
std::string MonitorHistoryText(const std::string& monitor,
                               const std::vector<usecases::HistoryPoint>& points);
// `--format csv`: a header and one RFC 4180 row per point (empty value for an
// empty window).
std::string MonitorHistoryCsv(const std::vector<usecases::HistoryPoint>& points);

// Per monitor and schedule: windows, series and alert episodes of the trend
// report, then where the HTML page went (`html_path` "" = no page written).
std::string MonitorReportText(const usecases::MonitorReport& report, const std::string& html_path);

// "attached N label(s) ...; `airm monitor run --recompute FROM` ...".
std::string LabelsLoggedText(const usecases::LoggedLabels& logged);

// One line per alert episode: id, state, severity, monitor/alert, period,
// acknowledgement and silence.
std::string AlertListText(const std::vector<store::AlertEpisode>& episodes);
// One line per outbox row: id, channel, episode, state, status, attempts.
std::string AlertOutboxText(const std::vector<alerting::OutboxEntry>& entries);

// Which silences were listed: it words an empty list.
enum class SilenceScope { kActive, kIncludingExpired };
// One line per silence: id, matchers, expiry, who and why.
std::string AlertSilencesText(const std::vector<store::AlertSilence>& silences, SilenceScope scope);
// "silence UID (MATCHERS) until T": a silence just created.
std::string SilenceCreatedText(const store::AlertSilence& silence);
// The confirmations of `airm alerts ack | silence EPISODE | unsilence UID`,
// naming what the command was given.
std::string AlertAcknowledgedText(const std::string& episode);
std::string EpisodeSilencedText(const std::string& episode, const std::string& until);
std::string SilenceEndedText(const std::string& silence_uid);

}  // namespace airm::report
