// `airm monitor run|status|history|export|daemon|report` and `airm alerts list|ack|silence`
// (docs/monitoring.md). They share the store commands' --store and --json and
// only translate: the work is in airm::usecases (run_monitors.h,
// monitor_queries.h).
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "airm/usecases/monitor_daemon.h"
#include "store_cli.h"

namespace airm::cli {

void AddMonitorCommands(CLI::App* app, StoreCommandSet* set);

// `airm monitor daemon` under the `monitor` group (monitor_daemon_command.cc).
void AddMonitorDaemonCommand(CLI::App* group, StoreCommandSet* set);
// The schedule's flags, shared by `airm monitor daemon` and `airm serve
// --with-scheduler` (monitor_daemon_command.cc).
struct SchedulerFlags {
  int64_t settle_seconds = 0;
  int64_t retry_seconds = 60;
  bool no_domain_classifier = false;
};
// Adds --settle, --retry and --no-domain-classifier to `sub`; each needs
// `needs` when it is given (serve: --with-scheduler).
void AddSchedulerFlags(CLI::App* sub, SchedulerFlags* flags, CLI::Option* needs = nullptr);
// The daemon's options of the flags; the caller sets the store and on_tick.
usecases::MonitorDaemonOptions DaemonOptionsOf(const SchedulerFlags& flags);

// `airm monitor report` (monitor_report_command.cc).
void AddMonitorReportCommand(CLI::App* group, StoreCommandSet* set);
// `airm monitor pack` (monitor_pack_command.cc).
void AddMonitorPackCommand(CLI::App* group, StoreCommandSet* set);
// `airm alerts silences|unsilence` under `alerts` (alert_silence_commands.cc).
void AddAlertSilenceCommands(CLI::App* alerts, StoreCommandSet* set);

}  // namespace airm::cli
