// `airm monitor run|status|history|export|daemon|report` and `airm alerts list|ack|silence`
// (docs/monitoring.md). They share the store commands' --store and --json and
// only translate: the work is in airm::usecases (run_monitors.h,
// monitor_queries.h).
#pragma once

#include <CLI/CLI.hpp>

#include "store_cli.h"

namespace airm::cli {

void AddMonitorCommands(CLI::App* app, StoreCommandSet* set);

// `airm monitor daemon` under the `monitor` group (monitor_daemon_command.cc).
void AddMonitorDaemonCommand(CLI::App* group, StoreCommandSet* set);
// `airm monitor report` (monitor_report_command.cc).
void AddMonitorReportCommand(CLI::App* group, StoreCommandSet* set);
// `airm alerts silences|unsilence` under `alerts` (alert_silence_commands.cc).
void AddAlertSilenceCommands(CLI::App* alerts, StoreCommandSet* set);

}  // namespace airm::cli
