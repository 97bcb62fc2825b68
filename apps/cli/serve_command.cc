// `airm serve`: starts the server, logs requests to stderr, stops gracefully
// on SIGTERM / SIGINT (in-flight requests finish). With --with-scheduler the
// server runs the monitor daemon's schedule too; its ticks are logged as
// `airm serve: scheduler: …` lines.
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <memory>
#include <mutex>
#include <thread>

#include "airm/report.h"
#include "airm/report/monitor_text.h"
#include "airm/server/server.h"
#include "cli_common.h"
#include "monitor_command.h"
#include "serve_commands.h"

namespace airm::cli {
namespace {

struct ServeFlags {
  StoreFlags store;
  server::ServeOptions options;
  bool with_scheduler = false;
  SchedulerFlags schedule;
};

int RunServe(ServeFlags& f) {
  f.options.store = Locate(f.store);
  // Block the stop signals and SIGHUP in every thread the server starts; one
  // thread waits for them: SIGHUP reloads airm.yaml, the others stop it.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGHUP);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  std::mutex log_mutex;
  auto log = [&log_mutex](const std::string& line) {
    std::lock_guard<std::mutex> lock(log_mutex);
    std::cerr << line << "\n";
  };
  if (f.with_scheduler) {
    f.options.scheduler = DaemonOptionsOf(f.schedule);
    f.options.scheduler->on_tick = [&log](const usecases::DaemonTick& tick) {
      log("airm serve: scheduler: " + TerminalSafe(report::MonitorTickLine(tick)));
    };
  }
  auto server = server::Server::Create(f.options, log);
  if (!server.ok()) return Fail(server.status());
  server::Server* s = server->get();
  std::string host;
  int port = 0;
  (void)server::ParseListen(f.options.listen, &host, &port);
  if (f.options.tls_cert.empty()) {
    std::cerr << (server::IsLoopbackHost(host)
                      ? "airm serve: no TLS certificate given: listening on loopback only\n"
                      : "airm serve: WARNING: no TLS and --allow-insecure-remote: sessions and "
                        "tokens cross the network in clear text\n");
  }
  std::cerr << "airm serve: listening on " << s->url() << " (" << f.options.workers << " workers"
            << (f.with_scheduler ? ", with the monitor scheduler" : "")
            << "); stop with Ctrl-C or SIGTERM" << std::endl;
  std::thread watcher([&stop_signals, &log, s] {
    int signal = 0;
    while (sigwait(&stop_signals, &signal) == 0 && signal == SIGHUP) {
      s->Reload();
      log("airm serve: SIGHUP: airm.yaml is read again and store connections reopened");
    }
    s->Stop();
  });
  Status run = s->Run();
  // When Run ended on its own, release the watcher with a signal of its set.
  pthread_kill(watcher.native_handle(), SIGTERM);
  watcher.join();
  if (!run.ok()) return Fail(run);
  std::cerr << "airm serve: stopped" << std::endl;
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App* app, StoreCommandSet* set) {
  static std::unique_ptr<ServeFlags> holder = std::make_unique<ServeFlags>();
  ServeFlags* f = holder.get();
  CLI::App* serve = app->add_subcommand("serve", "Serve the JSON API over the workspace's store");
  serve->add_option("--listen", f->options.listen, "HOST:PORT (port 0: any free port)")
      ->capture_default_str();
  serve->add_option("--tls-cert", f->options.tls_cert, "PEM certificate (chain) for HTTPS");
  serve->add_option("--tls-key", f->options.tls_key, "PEM private key of --tls-cert");
  serve->add_flag("--allow-insecure-remote", f->options.allow_insecure_remote,
                  "Listen on a non-loopback address without TLS");
  serve->add_option("--workers", f->options.workers, "Worker threads")->capture_default_str();
  serve->add_option("--session-hours", f->options.session_hours, "Lifetime of a login session")
      ->capture_default_str();
  CLI::Option* with_scheduler = serve->add_flag(
      "--with-scheduler", f->with_scheduler,
      "Also run the monitors' schedules (as `airm monitor daemon`; takes the monitor run lock)");
  AddSchedulerFlags(serve, &f->schedule, with_scheduler);
  AddStoreFlags(serve, &f->store);
  set->Add(serve, [f] { return RunServe(*f); });
}

}  // namespace airm::cli
