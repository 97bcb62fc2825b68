// The monitoring commands: flags to one use case, then text, JSON or CSV.
// `monitor run` exits 0 when the run completed, whatever alerts fired (it is
// meant for cron and timers); 2 for bad configuration or input; 3 when
// another run holds the lock.
#include "monitor_command.h"

#include <iostream>
#include <memory>
#include <sstream>

#include "airm/monitor/prometheus.h"
#include "airm/report/monitor_documents.h"
#include "airm/usecases/alert_silences.h"
#include "airm/usecases/log_labels.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/run_monitors.h"
#include "cli_common.h"

namespace airm::cli {
namespace {

std::string OptionalText(const std::optional<std::string>& v) { return v ? *v : "—"; }

// --- monitor run ---------------------------------------------------------

void PrintDelivery(const usecases::RunMonitorsResult& run) {
  if (!run.delivery) {
    std::cout << "delivery: none (" << TerminalSafe(run.no_delivery) << ")\n";
    return;
  }
  for (const alerting::ChannelSummary& c : run.delivery->channels) {
    std::cout << "delivery " << TerminalSafe(c.channel) << ": " << c.delivered << " delivered, "
              << c.pending << " pending, " << c.duplicates << " duplicate(s) not queued again\n";
  }
  for (const alerting::DeliveryRecord& r : run.delivery->records) {
    if (r.status == alerting::DeliveryStatus::kDelivered) continue;
    std::cout << "  pending " << TerminalSafe(r.channel) << " " << r.dedup_key << " ("
              << r.attempts_total << " attempt(s)): " << TerminalSafe(r.error) << "\n";
  }
  if (run.delivery->orphaned > 0) {
    std::cout << "  " << run.delivery->orphaned
              << " pending row(s) of channels no longer in airm.yaml kept, not sent\n";
  }
}

void PrintReminders(const usecases::RunMonitorsResult& run) {
  for (const usecases::FiringReminder& r : run.reminders) {
    std::cout << "REMINDER " << alerting::AlertSeverityName(r.notification.severity) << ": "
              << TerminalSafe(r.notification.summary) << " [episode " << r.notification.episode_id
              << "]\n";
  }
}

struct RunCommand {
  StoreFlags store;
  std::string monitor, as_of, backfill, recompute;
  bool no_domain_classifier = false;
};

int Run(const RunCommand& c) {
  usecases::RunMonitorsOptions options{.store = Locate(c.store),
                                       .monitor = c.monitor,
                                       .as_of = c.as_of,
                                       .backfill_from = c.backfill,
                                       .recompute_from = c.recompute,
                                       .progress = CliProgress()};
  options.drift.domain_classifier = !c.no_domain_classifier;
  auto run = usecases::RunMonitors(options);
  if (!run.ok()) return Fail(run.status());
  Status s = WriteJsonOutput(c.store, report::RenderMonitorRunJson(*run, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (!c.store.TextToStdout()) return kExitOk;
  if (run->windows.empty()) {
    std::cout << "nothing due as of " << run->as_of << "\n";
    PrintReminders(*run);
    PrintDelivery(*run);
    return kExitOk;
  }
  for (const usecases::ComputedWindow& w : run->windows) {
    std::cout << TerminalSafe(w.monitor) << "  " << w.schedule << "  " << w.label << "  ";
    if (w.version > 1) std::cout << "(version " << w.version << ") ";
    const bool evaluation = w.schedule.ends_with("-evaluation");
    if (w.status == "empty") {
      std::cout << (evaluation ? "empty (no labelled rows)\n" : "empty (no rows)\n");
    } else if (evaluation) {
      std::cout << w.rows << " labelled rows evaluated\n";
    } else {
      std::cout << w.rows
                << " rows  input drift: " << (w.input_drift && *w.input_drift ? "yes" : "no");
      if (w.output_drift) std::cout << "  output drift: " << (*w.output_drift ? "yes" : "no");
      if (w.input_drift_vs_previous) {
        std::cout << "  vs " << *w.previous_window << ": "
                  << (*w.input_drift_vs_previous ? "drift" : "no drift");
      }
      std::cout << "\n";
    }
    for (const usecases::AlertEvaluation& a : w.alerts) {
      if (a.event != "nothing")
        std::cout << "    " << TerminalSafe(a.alert) << ": " << a.event << "\n";
    }
  }
  for (const alerting::Notification& n : run->notifications) {
    std::cout << (n.state == alerting::AlertState::kFiring ? "FIRING " : "RESOLVED ")
              << alerting::AlertSeverityName(n.severity) << ": " << TerminalSafe(n.summary)
              << " [episode " << n.episode_id << "]\n";
  }
  PrintReminders(*run);
  std::cout << run->windows.size() << " window(s) computed, " << run->notifications.size()
            << " notification(s)\n";
  PrintDelivery(*run);
  return kExitOk;
}

// --- monitor status ------------------------------------------------------

struct StatusCommand {
  StoreFlags store;
  std::string as_of;
};

int RunStatus(const StatusCommand& c) {
  auto status = usecases::MonitorStatus({.store = Locate(c.store), .as_of = c.as_of});
  if (!status.ok()) return Fail(status.status());
  Status s = WriteJsonOutput(c.store, report::RenderMonitorStatusJson(*status, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (!c.store.TextToStdout()) return kExitOk;
  if (status->empty()) std::cout << "no monitors declared in airm.yaml\n";
  for (const usecases::MonitorStatusEntry& m : *status) {
    std::cout << TerminalSafe(m.monitor) << " (time zone " << m.time_zone << ")\n";
    for (const usecases::ScheduleStatus& s : m.schedules) {
      std::cout << "  " << s.schedule << ": " << s.windows << " window(s)";
      if (s.empty_windows > 0) std::cout << " (" << s.empty_windows << " empty)";
      std::cout << ", last " << OptionalText(s.last_label) << ", next " << s.next_window_label
                << " due " << s.next_due << "\n";
    }
    for (const store::AlertEpisode& e : m.open_alerts) {
      std::cout << "  alert " << TerminalSafe(e.alert) << " " << e.state << " (" << e.severity
                << ") since " << e.first_window_start << " [episode " << e.episode_uid << "]\n";
    }
    if (m.open_alerts.empty()) std::cout << "  no open alerts\n";
  }
  return kExitOk;
}

// --- monitor history -----------------------------------------------------

struct HistoryCommand {
  StoreFlags store;
  std::string monitor, metric, schedule, format = "text", out;
};

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\n\r") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) out += ch == '"' ? std::string("\"\"") : std::string(1, ch);
  return out + "\"";
}

int RunHistory(const HistoryCommand& c) {
  auto history = usecases::MonitorHistory(
      {.store = Locate(c.store), .monitor = c.monitor, .metric = c.metric, .schedule = c.schedule});
  if (!history.ok()) return Fail(history.status());
  const std::string doc =
      report::RenderMonitorHistoryJson(c.monitor, c.metric, *history, StoreMeta());
  Status s = WriteJsonOutput(c.store, doc);
  if (!s.ok()) return Fail(s);
  std::ostringstream text;
  if (c.format == "json") {
    text << doc;
  } else if (c.format == "csv") {
    text << "schedule,window,window_start,window_end,version,status,value\n";
    for (const usecases::HistoryPoint& p : *history) {
      text << CsvField(p.schedule) << "," << CsvField(p.label) << "," << p.window_start << ","
           << p.window_end << "," << p.version << "," << p.status << ","
           << (p.status == "empty" ? "" : CsvField(p.value_json)) << "\n";
    }
  } else {
    for (const usecases::HistoryPoint& p : *history) {
      text << p.schedule << "  " << p.label << "  "
           << (p.status == "empty" ? std::string("(empty)") : TerminalSafe(p.value_json)) << "\n";
    }
    if (history->empty()) text << "no windows computed yet for " << c.monitor << "\n";
  }
  const bool to_file = !c.out.empty() && c.out != "-";
  if (to_file || c.store.TextToStdout()) {
    s = WriteOutput(c.out.empty() ? "-" : c.out, text.str());
    if (!s.ok()) return Fail(s);
  }
  return kExitOk;
}

// --- monitor export ------------------------------------------------------

struct ExportCommand {
  StoreFlags store;
  std::string prometheus;
};

int RunExport(const ExportCommand& c) {
  auto families = usecases::ExportMonitorMetrics({.store = Locate(c.store)});
  if (!families.ok()) return Fail(families.status());
  Status s = WriteOutput(c.prometheus, monitor::RenderPrometheusText(*families));
  return s.ok() ? kExitOk : Fail(s);
}

// --- alerts --------------------------------------------------------------

struct AlertsListCommand {
  StoreFlags store;
  std::string monitor;
  bool open = false;
};

int RunAlertsList(const AlertsListCommand& c) {
  auto episodes =
      usecases::ListAlerts({.store = Locate(c.store), .monitor = c.monitor, .open_only = c.open});
  if (!episodes.ok()) return Fail(episodes.status());
  Status s = WriteJsonOutput(c.store, report::RenderAlertListJson(*episodes, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (!c.store.TextToStdout()) return kExitOk;
  if (episodes->empty()) std::cout << "no alert episodes\n";
  for (const store::AlertEpisode& e : *episodes) {
    std::cout << e.episode_uid << "  " << e.state << "  " << e.severity << "  "
              << TerminalSafe(e.monitor) << "/" << TerminalSafe(e.alert) << "  from "
              << e.first_window_start << " to " << e.last_window_end;
    if (e.acked_at) std::cout << "  acked by " << TerminalSafe(e.acked_by.value_or("?"));
    if (e.silenced_until) std::cout << "  silenced until " << *e.silenced_until;
    std::cout << "\n";
  }
  return kExitOk;
}

// --- alerts outbox -------------------------------------------------------

struct OutboxCommand {
  StoreFlags store;
  bool pending = false;
};

int RunOutbox(const OutboxCommand& c) {
  auto entries = usecases::ListAlertOutbox({.store = Locate(c.store), .pending_only = c.pending});
  if (!entries.ok()) return Fail(entries.status());
  Status s = WriteJsonOutput(c.store, report::RenderAlertOutboxJson(*entries, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (!c.store.TextToStdout()) return kExitOk;
  if (entries->empty()) std::cout << "the alert outbox is empty\n";
  for (const alerting::OutboxEntry& e : *entries) {
    std::cout << e.id << "  " << TerminalSafe(e.channel) << "  " << e.episode_id << "  " << e.state;
    if (e.repeat > 0) std::cout << " (repeat " << e.repeat << ")";
    std::cout << "  " << e.status << "  " << e.attempts << " attempt(s)";
    if (e.delivered_at) std::cout << "  delivered " << *e.delivered_at;
    if (e.status != "delivered" && e.last_error) {
      std::cout << "  last error: " << TerminalSafe(*e.last_error);
    }
    std::cout << "\n";
  }
  return kExitOk;
}

// --- labels log ----------------------------------------------------------

struct LabelsLogCommand {
  StoreFlags store;
  std::string file, id_column, label_column;
};

int RunLabelsLog(const LabelsLogCommand& c) {
  auto logged = usecases::LogLabels({.store = Locate(c.store),
                                     .file = c.file,
                                     .id_column = c.id_column,
                                     .label_column = c.label_column,
                                     .progress = CliProgress()});
  if (!logged.ok()) return Fail(logged.status());
  Status s = WriteJsonOutput(c.store, report::RenderLabelsLoggedJson(*logged, StoreMeta()));
  if (!s.ok()) return Fail(s);
  if (c.store.TextToStdout()) {
    std::cout << "attached " << logged->attached << " label(s)";
    if (logged->without_label > 0)
      std::cout << " (" << logged->without_label << " rows without one)";
    std::cout << "; `airm monitor run --recompute FROM` updates the windows they fall in\n";
  }
  return kExitOk;
}

struct AlertActionCommand {
  StoreFlags store;
  std::string episode, by, until;
};

struct SilenceCommand {
  AlertActionCommand action;
  std::vector<std::string> matchers;
  std::string comment;
};

// An episode id silences that episode; --match silences by labels.
int RunSilence(const SilenceCommand& c) {
  if (c.action.episode.empty() == c.matchers.empty()) {
    return Fail(Status::InvalidArgument(
        "alerts silence: give an episode id or --match LABEL=VALUE, not both and not neither"));
  }
  if (!c.matchers.empty()) {
    auto silence = usecases::CreateSilence({.store = Locate(c.action.store),
                                            .matchers = c.matchers,
                                            .until = c.action.until,
                                            .by = c.action.by,
                                            .comment = c.comment});
    if (!silence.ok()) return Fail(silence.status());
    std::cout << "silence " << silence->silence_uid << " (" << TerminalSafe(silence->MatchersText())
              << ") until " << silence->until << "\n";
    return kExitOk;
  }
  Status s = usecases::SilenceAlert(
      {.store = Locate(c.action.store), .episode = c.action.episode, .until = c.action.until});
  if (!s.ok()) return Fail(s);
  std::cout << "silenced " << c.action.episode << " until " << c.action.until << "\n";
  return kExitOk;
}

}  // namespace

void AddMonitorCommands(CLI::App* app, StoreCommandSet* set) {
  CLI::App* group = CommandGroup(app, "monitor", "Scheduled monitoring windows and their history");

  static auto run = std::make_unique<RunCommand>();
  CLI::App* sub = group->add_subcommand("run", "Compute every due window and evaluate alerts");
  sub->add_option("--monitor", run->monitor, "Only this monitor (default: all in airm.yaml)");
  sub->add_option("--as-of", run->as_of, "Treat this ISO 8601 time as now (default: now)");
  sub->add_option("--backfill", run->backfill,
                  "Compute windows from this time instead of each monitor's start");
  sub->add_option("--recompute", run->recompute,
                  "Compute stored windows from this time again; changed inputs (late labels) "
                  "become a new version");
  sub->add_flag("--no-domain-classifier", run->no_domain_classifier,
                "Skip the multivariate domain classifier in drift windows (faster)");
  AddStoreFlags(sub, &run->store);
  set->Add(sub, [] { return Run(*run); });
  AddMonitorDaemonCommand(group, set);
  AddMonitorReportCommand(group, set);
  AddMonitorPackCommand(group, set);

  static auto status = std::make_unique<StatusCommand>();
  sub = group->add_subcommand("status", "Each monitor's last window, next due window, open alerts");
  sub->add_option("--as-of", status->as_of, "Reference time (default: now)");
  AddStoreFlags(sub, &status->store);
  set->Add(sub, [] { return RunStatus(*status); });

  static auto history = std::make_unique<HistoryCommand>();
  sub = group->add_subcommand("history", "A metric of a monitor across its windows");
  sub->add_option("monitor", history->monitor, "Monitor name")->required();
  sub->add_option("--metric", history->metric,
                  "A path into each window's result, as in --fail-on (columns.x.effect_size)")
      ->required();
  sub->add_option("--schedule", history->schedule, "Only this schedule (e.g. week-drift)");
  sub->add_option("--format", history->format, "text, json or csv")
      ->check(CLI::IsMember({"text", "json", "csv"}));
  sub->add_option("--out", history->out, "Write here instead of stdout (atomically)");
  AddStoreFlags(sub, &history->store);
  set->Add(sub, [] { return RunHistory(*history); });

  static auto export_command = std::make_unique<ExportCommand>();
  sub = group->add_subcommand("export", "Latest windows as Prometheus text metrics");
  sub->add_option("--prometheus", export_command->prometheus,
                  "File for node_exporter's textfile collector (- = stdout)")
      ->required();
  AddStoreFlags(sub, &export_command->store);
  set->Add(sub, [] { return RunExport(*export_command); });

  static auto labels = std::make_unique<LabelsLogCommand>();
  CLI::App* labels_group = CommandGroup(app, "labels", "Outcomes that arrive after predictions");
  sub = labels_group->add_subcommand("log", "Attach late labels to logged predictions");
  sub->add_option("file", labels->file, "Labels (CSV, TSV, JSONL, Parquet; .gz/.zst ok)")
      ->required();
  sub->add_option("--id-column", labels->id_column, "Prediction ids, as logged")->required();
  sub->add_option("--label-column", labels->label_column, "The outcomes")->required();
  AddStoreFlags(sub, &labels->store);
  set->Add(sub, [] { return RunLabelsLog(*labels); });

  CLI::App* alerts = CommandGroup(app, "alerts", "Alert episodes of the monitors");
  static auto list = std::make_unique<AlertsListCommand>();
  sub = alerts->add_subcommand("list", "Alert episodes, newest first");
  sub->add_option("--monitor", list->monitor, "Only this monitor");
  sub->add_flag("--open", list->open, "Only pending or firing episodes");
  AddStoreFlags(sub, &list->store);
  set->Add(sub, [] { return RunAlertsList(*list); });

  static auto outbox = std::make_unique<OutboxCommand>();
  sub = alerts->add_subcommand("outbox", "Notifications queued for the alerting channels");
  sub->add_flag("--pending", outbox->pending, "Only notifications not delivered yet");
  AddStoreFlags(sub, &outbox->store);
  set->Add(sub, [] { return RunOutbox(*outbox); });

  static auto ack = std::make_unique<AlertActionCommand>();
  sub = alerts->add_subcommand("ack", "Acknowledge an alert episode");
  sub->add_option("episode", ack->episode, "Episode id (or a prefix of 6+ characters)")->required();
  sub->add_option("--by", ack->by, "Who acknowledges (default: $USER)");
  AddStoreFlags(sub, &ack->store);
  set->Add(sub, [] {
    std::string by = ack->by;
    if (by.empty() && std::getenv("USER") != nullptr) by = std::getenv("USER");
    Status s = usecases::AckAlert({.store = Locate(ack->store), .episode = ack->episode, .by = by});
    if (!s.ok()) return Fail(s);
    std::cout << "acknowledged " << ack->episode << "\n";
    return kExitOk;
  });

  static auto silence = std::make_unique<SilenceCommand>();
  sub = alerts->add_subcommand(
      "silence", "Silence an episode, or every episode matching labels, until a time");
  sub->add_option("episode", silence->action.episode,
                  "Episode id (or a prefix of 6+ characters); or use --match");
  sub->add_option("--match", silence->matchers,
                  "LABEL=VALUE or LABEL!=VALUE (monitor, schedule, alert, severity, model, "
                  "window); repeat for all of several");
  sub->add_option("--until", silence->action.until, "ISO 8601 expiry of the silence")->required();
  sub->add_option("--by", silence->action.by, "Who silences (recorded)");
  sub->add_option("--comment", silence->comment, "Why (recorded)");
  AddStoreFlags(sub, &silence->action.store);
  set->Add(sub, [] { return RunSilence(*silence); });
  AddAlertSilenceCommands(alerts, set);
}

}  // namespace airm::cli
