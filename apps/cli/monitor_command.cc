// The monitoring commands: flags to one use case, then text, JSON or CSV.
// `monitor run` exits 0 when the run completed, whatever alerts fired (it is
// meant for cron and timers); 2 for bad configuration or input; 3 when
// another run holds the lock.
#include "monitor_command.h"

#include <iostream>
#include <memory>

#include "airm/report/monitor_documents.h"
#include "airm/report/monitor_text.h"
#include "airm/report/prometheus_text.h"
#include "airm/usecases/alert_silences.h"
#include "airm/usecases/log_labels.h"
#include "airm/usecases/monitor_queries.h"
#include "airm/usecases/run_monitors.h"
#include "cli_common.h"

namespace airm::cli {
namespace {

// --- monitor run ---------------------------------------------------------

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
  if (c.store.TextToStdout()) std::cout << report::MonitorRunText(*run);
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
  if (c.store.TextToStdout()) std::cout << report::MonitorStatusText(*status);
  return kExitOk;
}

// --- monitor history -----------------------------------------------------

struct HistoryCommand {
  StoreFlags store;
  std::string monitor, metric, schedule, format = "text", out;
};

int RunHistory(const HistoryCommand& c) {
  auto history = usecases::MonitorHistory(
      {.store = Locate(c.store), .monitor = c.monitor, .metric = c.metric, .schedule = c.schedule});
  if (!history.ok()) return Fail(history.status());
  const std::string doc =
      report::RenderMonitorHistoryJson(c.monitor, c.metric, *history, StoreMeta());
  Status s = WriteJsonOutput(c.store, doc);
  if (!s.ok()) return Fail(s);
  // Written to the descriptor (or --out), not through the escaping stdout.
  std::string text = doc;
  if (c.format == "csv") text = report::MonitorHistoryCsv(*history);
  if (c.format == "text") text = TerminalSafe(report::MonitorHistoryText(c.monitor, *history));
  const bool to_file = !c.out.empty() && c.out != "-";
  if (to_file || c.store.TextToStdout()) {
    s = WriteOutput(c.out.empty() ? "-" : c.out, text);
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
  Status s = WriteOutput(c.prometheus, report::RenderPrometheusText(*families));
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
  if (c.store.TextToStdout()) std::cout << report::AlertListText(*episodes);
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
  if (c.store.TextToStdout()) std::cout << report::AlertOutboxText(*entries);
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
  if (c.store.TextToStdout()) std::cout << report::LabelsLoggedText(*logged);
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
    std::cout << report::SilenceCreatedText(*silence);
    return kExitOk;
  }
  Status s = usecases::SilenceAlert(
      {.store = Locate(c.action.store), .episode = c.action.episode, .until = c.action.until});
  if (!s.ok()) return Fail(s);
  std::cout << report::EpisodeSilencedText(c.action.episode, c.action.until);
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
    std::cout << report::AlertAcknowledgedText(ack->episode);
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
