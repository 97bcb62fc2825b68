// `airm monitor daemon`: the monitors' schedules without cron
// (airm/usecases/monitor_daemon.h). One line per run on stdout, errors on
// stderr; SIGTERM or SIGINT finish the window being computed and exit 0.
//
// The signals are blocked in every thread (set before the scheduler's and
// the thread pool's threads start, which inherit the mask) and taken by
// sigwait on the main thread, so no handler runs inside library code.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>

#include "airm/usecases/monitor_daemon.h"
#include "cli_common.h"
#include "monitor_command.h"

namespace airm::cli {
namespace {

struct DaemonCommand {
  StoreFlags store;
  std::string monitor;
  int64_t settle_seconds = 0;
  int64_t retry_seconds = 60;
  bool no_domain_classifier = false;
};

void PrintTick(const usecases::DaemonTick& tick) {
  if (!tick.status.ok()) {
    std::cerr << "airm monitor daemon: " << tick.at << ": " << TerminalSafe(tick.status.ToString())
              << " (retrying)" << std::endl;
    return;
  }
  const usecases::RunMonitorsResult& run = *tick.run;
  std::cout << tick.at << "  " << run.windows.size() << " window(s) computed, "
            << run.notifications.size() << " notification(s)";
  for (const usecases::ComputedWindow& w : run.windows) {
    for (const usecases::AlertEvaluation& a : w.alerts) {
      if (a.event == "fired" || a.event == "resolved") {
        std::cout << "; " << TerminalSafe(a.alert) << " " << a.event << " (" << w.label << ")";
      }
    }
  }
  if (run.delivery) {
    for (const alerting::ChannelSummary& c : run.delivery->channels) {
      std::cout << "; " << TerminalSafe(c.channel) << ": " << c.delivered << " delivered, "
                << c.pending << " pending";
    }
  }
  if (run.interrupted) std::cout << "; stopped before the remaining windows";
  std::cout << "; next due " << tick.next_wake.value_or("—") << std::endl;
}

int RunDaemon(const DaemonCommand& c) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr) != 0) {
    return Fail(Status::Internal("cannot block SIGTERM/SIGINT for the daemon"));
  }
  usecases::MonitorDaemonOptions options;
  options.run.store = Locate(c.store);
  options.run.monitor = c.monitor;
  options.run.drift.domain_classifier = !c.no_domain_classifier;
  options.settle_seconds = c.settle_seconds;
  options.scheduler.retry_seconds = c.retry_seconds;
  options.on_tick = PrintTick;
  auto daemon = usecases::MonitorScheduler::Create(std::move(options));
  if (!daemon.ok()) return Fail(daemon.status());
  Status started = (*daemon)->Start();
  if (!started.ok()) return Fail(started);
  int signal_number = 0;
  if (sigwait(&stop_signals, &signal_number) != 0) signal_number = SIGTERM;
  std::cout << "airm monitor daemon: " << (signal_number == SIGINT ? "SIGINT" : "SIGTERM")
            << " received, finishing the current window" << std::endl;
  (*daemon)->Stop();
  std::cout << "airm monitor daemon: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddMonitorDaemonCommand(CLI::App* group, StoreCommandSet* set) {
  static auto daemon = std::make_unique<DaemonCommand>();
  CLI::App* sub = group->add_subcommand(
      "daemon", "Run the monitors' schedules until SIGTERM: each window as it closes");
  sub->add_option("--monitor", daemon->monitor, "Only this monitor (default: all in airm.yaml)");
  sub->add_option("--settle", daemon->settle_seconds,
                  "Compute a window this many seconds after it closes (late files)")
      ->check(CLI::NonNegativeNumber);
  sub->add_option("--retry", daemon->retry_seconds,
                  "Seconds before retrying a failed run or an undelivered notification")
      ->check(CLI::PositiveNumber);
  sub->add_flag("--no-domain-classifier", daemon->no_domain_classifier,
                "Skip the multivariate domain classifier in drift windows (faster)");
  AddStoreFlags(sub, &daemon->store);
  set->Add(sub, [] { return RunDaemon(*daemon); });
}

}  // namespace airm::cli
