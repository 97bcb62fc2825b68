#include "airm/report/monitor_text.h"

#include <cmath>
#include <sstream>

#include "airm/report/format.h"

namespace airm::report {
namespace {

std::string OptionalText(const std::optional<std::string>& v) { return v ? *v : "—"; }

void Reminders(const usecases::RunMonitorsResult& run, std::ostringstream& out) {
  for (const usecases::FiringReminder& r : run.reminders) {
    out << "REMINDER " << alerting::AlertSeverityName(r.notification.severity) << ": "
        << r.notification.summary << " [episode " << r.notification.episode_id << "]\n";
  }
}

// The incidents the run opened, one line each: what `airm incident close` takes.
void Incidents(const usecases::RunMonitorsResult& run, std::ostringstream& out) {
  for (const governance::Incident& i : run.incidents) {
    out << "INCIDENT " << i.Key() << " opened on system " << i.system << " (" << i.severity << ", "
        << i.category << "): " << i.title << " [episode "
        << (i.episodes.empty() ? "—" : i.episodes[0]) << "]\n";
  }
}

// Per channel, then the rows not delivered with their last error.
void Delivery(const usecases::RunMonitorsResult& run, std::ostringstream& out) {
  if (!run.delivery) {
    out << "delivery: none (" << run.no_delivery << ")\n";
    return;
  }
  for (const alerting::ChannelSummary& c : run.delivery->channels) {
    out << "delivery " << c.channel << ": " << c.delivered << " delivered, " << c.pending
        << " pending, " << c.duplicates << " duplicate(s) not queued again\n";
  }
  for (const alerting::DeliveryRecord& r : run.delivery->records) {
    if (r.status == alerting::DeliveryStatus::kDelivered) continue;
    out << "  pending " << r.channel << " " << r.dedup_key << " (" << r.attempts_total
        << " attempt(s)): " << r.error << "\n";
  }
  if (run.delivery->orphaned > 0) {
    out << "  " << run.delivery->orphaned
        << " pending row(s) of channels no longer in airm.yaml kept, not sent\n";
  }
}

void WindowLine(const usecases::ComputedWindow& w, std::ostringstream& out) {
  out << w.monitor << "  " << w.schedule << "  " << w.label << "  ";
  if (w.version > 1) out << "(version " << w.version << ") ";
  const bool evaluation = w.schedule.ends_with("-evaluation");
  if (w.status == "empty") {
    out << (evaluation ? "empty (no labelled rows)\n" : "empty (no rows)\n");
  } else if (w.status == "estimated") {
    out << w.rows << " rows without labels: performance estimated (CBPE)\n";
  } else if (evaluation) {
    out << w.rows << " labelled rows evaluated\n";
  } else {
    // Under `fdr:` the verdicts are the false-discovery-controlled ones, and say so.
    const std::string fdr = w.fdr_level ? " (FDR " + FormatNumber(*w.fdr_level) + ")" : "";
    out << w.rows << " rows  input drift" << fdr << ": "
        << (w.input_drift && *w.input_drift ? "yes" : "no");
    if (w.output_drift) {
      out << "  output drift" << fdr << ": " << (*w.output_drift ? "yes" : "no");
    }
    if (w.input_drift_vs_previous) {
      out << "  vs " << *w.previous_window << ": "
          << (*w.input_drift_vs_previous ? "drift" : "no drift");
    }
    out << "\n";
  }
  for (const usecases::AlertEvaluation& a : w.alerts) {
    if (a.event == "insufficient_evidence" && a.learned) {
      out << "    " << a.alert << ": no learned threshold yet (" << a.learned->note << ")\n";
    } else if (a.event != "nothing") {
      out << "    " << a.alert << ": " << a.event;
      if (a.learned) out << " (" << a.expression << ", learned)";
      out << "\n";
    }
  }
}

// RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled.
std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

}  // namespace

std::string MonitorRunText(const usecases::RunMonitorsResult& run) {
  std::ostringstream out;
  if (run.windows.empty()) {
    out << "nothing due as of " << run.as_of << "\n";
    Reminders(run, out);
    Delivery(run, out);
    return out.str();
  }
  for (const usecases::ComputedWindow& w : run.windows) WindowLine(w, out);
  for (const alerting::Notification& n : run.notifications) {
    out << (n.state == alerting::AlertState::kFiring ? "FIRING " : "RESOLVED ")
        << alerting::AlertSeverityName(n.severity) << ": " << n.summary << " [episode "
        << n.episode_id << "]\n";
  }
  Incidents(run, out);
  Reminders(run, out);
  out << run.windows.size() << " window(s) computed, " << run.notifications.size()
      << " notification(s)";
  if (!run.incidents.empty()) out << ", " << run.incidents.size() << " incident(s) opened";
  out << "\n";
  Delivery(run, out);
  return out.str();
}

std::string MonitorTickLine(const usecases::DaemonTick& tick) {
  if (!tick.status.ok()) return tick.at + ": " + tick.status.ToString() + " (retrying)";
  const usecases::RunMonitorsResult& run = *tick.run;
  std::string line = tick.at + "  " + std::to_string(run.windows.size()) + " window(s) computed, " +
                     std::to_string(run.notifications.size()) + " notification(s)";
  for (const governance::Incident& i : run.incidents) {
    line += "; incident " + i.Key() + " opened on " + i.system;
  }
  for (const usecases::ComputedWindow& w : run.windows) {
    for (const usecases::AlertEvaluation& a : w.alerts) {
      if (a.event == "fired" || a.event == "resolved") {
        line += "; " + a.alert + " " + a.event + " (" + w.label + ")";
      }
    }
  }
  if (run.delivery) {
    for (const alerting::ChannelSummary& c : run.delivery->channels) {
      line += "; " + c.channel + ": " + std::to_string(c.delivered) + " delivered, " +
              std::to_string(c.pending) + " pending";
    }
  }
  if (run.interrupted) line += "; stopped before the remaining windows";
  return line + "; next due " + tick.next_wake.value_or("—");
}

std::string MonitorStatusText(const std::vector<usecases::MonitorStatusEntry>& status) {
  std::ostringstream out;
  if (status.empty()) out << "no monitors declared in airm.yaml\n";
  for (const usecases::MonitorStatusEntry& m : status) {
    out << m.monitor << " (time zone " << m.time_zone << ")\n";
    for (const usecases::ScheduleStatus& s : m.schedules) {
      out << "  " << s.schedule << ": " << s.windows << " window(s)";
      if (s.empty_windows > 0) out << " (" << s.empty_windows << " empty)";
      out << ", last " << OptionalText(s.last_label) << ", next " << s.next_window_label << " due "
          << s.next_due << "\n";
      for (const usecases::LearnedRuleThreshold& t : s.learned_thresholds) {
        out << "    " << t.alert << " learned threshold (" << t.window << "): ";
        if (t.status != "ok") {
          out << "insufficient evidence (" << t.windows
              << (t.from == "reference" ? " reference chunk(s))\n" : " window(s))\n");
          continue;
        }
        out << "[" << FormatNumber(t.lower.value_or(NAN)) << ", "
            << FormatNumber(t.upper.value_or(NAN)) << "] from ";
        if (t.from == "reference") {
          out << "the reference (" << t.windows << " chunk(s) of " << t.chunk_rows.value_or(0)
              << " rows)";
        } else {
          out << t.windows << " window(s)";
        }
        out << ", expected false-alarm rate "
            << FormatNumber(t.expected_false_alarm_rate.value_or(NAN)) << " per window\n";
      }
    }
    for (const store::AlertEpisode& e : m.open_alerts) {
      out << "  alert " << e.alert << " " << e.state << " (" << e.severity << ") since "
          << e.first_window_start << " [episode " << e.episode_uid << "]\n";
    }
    if (m.open_alerts.empty()) out << "  no open alerts\n";
  }
  return out.str();
}

std::string MonitorHistoryText(const std::string& monitor,
                               const std::vector<usecases::HistoryPoint>& points) {
  std::ostringstream out;
  for (const usecases::HistoryPoint& p : points) {
    out << p.schedule << "  " << p.label << "  "
        << (p.status == "empty" ? std::string("(empty)") : p.value_json) << "\n";
  }
  if (points.empty()) out << "no windows computed yet for " << monitor << "\n";
  return out.str();
}

std::string MonitorHistoryCsv(const std::vector<usecases::HistoryPoint>& points) {
  std::ostringstream out;
  out << "schedule,window,window_start,window_end,version,status,value\n";
  for (const usecases::HistoryPoint& p : points) {
    out << CsvField(p.schedule) << "," << CsvField(p.label) << "," << p.window_start << ","
        << p.window_end << "," << p.version << "," << p.status << ","
        << (p.status == "empty" ? "" : CsvField(p.value_json)) << "\n";
  }
  return out.str();
}

std::string MonitorReportText(const usecases::MonitorReport& report, const std::string& html_path) {
  std::ostringstream out;
  for (const usecases::MonitorTrend& m : report.monitors) {
    for (const usecases::ScheduleTrend& s : m.schedules) {
      out << m.monitor << "  " << s.schedule << ": " << s.windows.size() << " window(s), "
          << s.series.size() << " series, " << s.alerts.size() << " alert episode(s)\n";
    }
  }
  if (!html_path.empty()) out << "trend report written to " << html_path << "\n";
  return out.str();
}

std::string LabelsLoggedText(const usecases::LoggedLabels& logged) {
  std::ostringstream out;
  out << "attached " << logged.attached << " label(s)";
  if (logged.without_label > 0) out << " (" << logged.without_label << " rows without one)";
  out << "; `airm monitor run --recompute FROM` updates the windows they fall in\n";
  return out.str();
}

std::string AlertListText(const std::vector<store::AlertEpisode>& episodes) {
  std::ostringstream out;
  if (episodes.empty()) out << "no alert episodes\n";
  for (const store::AlertEpisode& e : episodes) {
    out << e.episode_uid << "  " << e.state << "  " << e.severity << "  " << e.monitor << "/"
        << e.alert << "  from " << e.first_window_start << " to " << e.last_window_end;
    if (e.acked_at) out << "  acked by " << e.acked_by.value_or("?");
    if (e.silenced_until) out << "  silenced until " << *e.silenced_until;
    out << "\n";
  }
  return out.str();
}

std::string AlertOutboxText(const std::vector<alerting::OutboxEntry>& entries) {
  std::ostringstream out;
  if (entries.empty()) out << "the alert outbox is empty\n";
  for (const alerting::OutboxEntry& e : entries) {
    out << e.id << "  " << e.channel << "  " << e.episode_id << "  " << e.state;
    if (e.repeat > 0) out << " (repeat " << e.repeat << ")";
    out << "  " << e.status << "  " << e.attempts << " attempt(s)";
    if (e.delivered_at) out << "  delivered " << *e.delivered_at;
    if (e.status != "delivered" && e.last_error) out << "  last error: " << *e.last_error;
    out << "\n";
  }
  return out.str();
}

std::string AlertSilencesText(const std::vector<store::AlertSilence>& silences,
                              SilenceScope scope) {
  std::ostringstream out;
  if (silences.empty()) {
    out << (scope == SilenceScope::kIncludingExpired ? "no silences\n" : "no active silences\n");
  }
  for (const store::AlertSilence& silence : silences) {
    out << silence.silence_uid << "  " << silence.MatchersText() << "  until " << silence.until;
    if (!silence.created_by.empty()) out << "  by " << silence.created_by;
    if (!silence.comment.empty()) out << "  (" << silence.comment << ")";
    out << "\n";
  }
  return out.str();
}

std::string SilenceCreatedText(const store::AlertSilence& silence) {
  return "silence " + silence.silence_uid + " (" + silence.MatchersText() + ") until " +
         silence.until + "\n";
}

std::string AlertAcknowledgedText(const std::string& episode) {
  return "acknowledged " + episode + "\n";
}

std::string EpisodeSilencedText(const std::string& episode, const std::string& until) {
  return "silenced " + episode + " until " + until + "\n";
}

std::string SilenceEndedText(const std::string& silence_uid) {
  return "silence " + silence_uid + " ended\n";
}

}  // namespace airm::report
