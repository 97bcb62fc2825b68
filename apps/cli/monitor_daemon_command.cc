// `airm monitor daemon`: the monitors' schedules without cron
// (airm/usecases/monitor_daemon.h). One line per run on stdout, errors on
// stderr; SIGTERM or SIGINT finish the window being computed and exit 0.
// The schedule's flags are shared with `airm serve --with-scheduler`
// (monitor_command.h); the tick line is report::MonitorTickLine.
//
// The signals are blocked in every thread (set before the scheduler's and
// the thread pool's threads start, which inherit the mask) and taken by
// sigwait on the main thread, so no handler runs inside library code.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>

#include "airm/report/monitor_text.h"
#include "airm/usecases/monitor_daemon.h"
#include "cli_common.h"
#include "monitor_command.h"

namespace airm::cli {
namespace {

struct DaemonCommand {
  StoreFlags store;
  std::string monitor;
  SchedulerFlags schedule;
};

int RunDaemon(const DaemonCommand& c) {
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  if (pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr) != 0) {
    return Fail(Status::Internal("cannot block SIGTERM/SIGINT for the daemon"));
  }
  usecases::MonitorDaemonOptions options = DaemonOptionsOf(c.schedule);
  options.run.store = Locate(c.store);
  options.run.monitor = c.monitor;
  options.on_tick = [](const usecases::DaemonTick& tick) {
    // stdout is escaped line by line (StoreCommandSet); stderr is not.
    if (tick.status.ok()) {
      std::cout << report::MonitorTickLine(tick) << std::endl;
    } else {
      std::cerr << "airm monitor daemon: " << TerminalSafe(report::MonitorTickLine(tick))
                << std::endl;
    }
  };
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

void AddSchedulerFlags(CLI::App* sub, SchedulerFlags* flags, CLI::Option* needs) {
  CLI::Option* settle =
      sub->add_option("--settle", flags->settle_seconds,
                      "Compute a window this many seconds after it closes (late files)")
          ->check(CLI::NonNegativeNumber);
  CLI::Option* retry =
      sub->add_option("--retry", flags->retry_seconds,
                      "Seconds before retrying a failed run or an undelivered notification")
          ->check(CLI::PositiveNumber);
  CLI::Option* classifier =
      sub->add_flag("--no-domain-classifier", flags->no_domain_classifier,
                    "Skip the multivariate domain classifier in drift windows (faster)");
  if (needs != nullptr) {
    for (CLI::Option* o : {settle, retry, classifier}) o->needs(needs);
  }
}

usecases::MonitorDaemonOptions DaemonOptionsOf(const SchedulerFlags& flags) {
  usecases::MonitorDaemonOptions options;
  options.run.drift.domain_classifier = !flags.no_domain_classifier;
  options.settle_seconds = flags.settle_seconds;
  options.scheduler.retry_seconds = flags.retry_seconds;
  return options;
}

void AddMonitorDaemonCommand(CLI::App* group, StoreCommandSet* set) {
  static auto daemon = std::make_unique<DaemonCommand>();
  CLI::App* sub = group->add_subcommand(
      "daemon", "Run the monitors' schedules until SIGTERM: each window as it closes");
  sub->add_option("--monitor", daemon->monitor, "Only this monitor (default: all in airm.yaml)");
  AddSchedulerFlags(sub, &daemon->schedule);
  AddStoreFlags(sub, &daemon->store);
  set->Add(sub, [] { return RunDaemon(*daemon); });
}

}  // namespace airm::cli
