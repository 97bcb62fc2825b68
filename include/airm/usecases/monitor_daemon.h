// The monitor daemon (`airm monitor daemon`, and `airm serve
// --with-scheduler`): RunMonitors on the monitors' own schedules, without
// cron.
//
// A MonitorScheduler
//   1. on Create, opens the workspace, reads airm.yaml (its errors stop the
//      daemon before it starts) and takes the monitor run lock for its whole
//      life: a second daemon, or a `monitor run` from cron, gets
//      kUnavailable naming the holder while it runs (a daemon killed with
//      -9 leaves a lock the next one takes over);
//   2. on each tick, runs RunMonitors as of (now - settle_seconds): after a
//      downtime the first tick computes every window missed, oldest first;
//   3. sleeps until the next window of any monitor closes (+ settle), or
//      retry_seconds when a notification is still undelivered or the tick
//      failed (airm.yaml is re-read on every tick, so a bad edit is logged
//      and retried, not fatal);
//   4. on Stop (SIGTERM in the CLI), finishes the window being computed,
//      stores it, and returns; the windows left are computed on the next
//      start. The lock is released when the scheduler is destroyed.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <string>

#include "airm/monitor/scheduler.h"
#include "airm/status.h"
#include "airm/usecases/run_monitors.h"

namespace airm::usecases {

// One tick, reported to `on_tick` on the scheduler's thread.
struct DaemonTick {
  std::string at = {};  // the tick's clock time, ISO 8601 UTC
  Status status = {};   // the run's error (the daemon goes on)
  std::optional<RunMonitorsResult> run = {};
  std::optional<std::string> next_wake = {};  // when the next window is due (+ settle)
};

struct MonitorDaemonOptions {
  // The runs' options: store, monitor, drift, read, delivery. `as_of`,
  // `backfill_from`, `recompute_from`, `lock_holder` and `stop_requested` are
  // the daemon's and must be empty.
  RunMonitorsOptions run = {};
  // Windows are computed this long after they close, for files that land late.
  int64_t settle_seconds = 0;
  monitor::SchedulerOptions scheduler = {};
  monitor::Clock* clock = nullptr;  // nullptr = the system clock; must outlive the daemon
  std::function<void(const DaemonTick&)> on_tick = {};
  Status Validate() const;
};

// What a server shows of its scheduler (`/readyz`): a copy, cheap to take.
struct SchedulerSnapshot {
  bool running = false;                        // Start (or Run) began and Stop has not ended it
  int64_t ticks = 0;                           // ticks since Create
  std::optional<std::string> last_tick = {};   // the last tick's clock time, ISO 8601 UTC
  std::optional<std::string> last_error = {};  // the last tick's error; nullopt when it succeeded
  // When the next window is due (+ settle), from the last tick; nullopt
  // before the first tick, after a failed one (retried after retry_seconds)
  // and when no monitor has a window ahead.
  std::optional<std::string> next_due = {};
};

class MonitorScheduler {
 public:
  // Errors: Validate's, the workspace's and airm.yaml's (as RunMonitors),
  // NotFound for an unknown run.monitor, kUnavailable when another daemon or
  // run holds the lock.
  static Result<std::unique_ptr<MonitorScheduler>> Create(MonitorDaemonOptions options);
  ~MonitorScheduler();  // stops, then releases the lock
  MonitorScheduler(const MonitorScheduler&) = delete;
  MonitorScheduler& operator=(const MonitorScheduler&) = delete;

  // Runs the schedule on a thread of its own (a server owns the scheduler).
  Status Start();
  // Finishes the running window, stops the loop. Idempotent and safe to
  // call from several threads at once (a signal watcher and the server).
  void Stop();
  // Runs the schedule on the calling thread until `stop` is requested.
  void Run(std::stop_token stop);

  // Thread-safe; updated after each tick.
  SchedulerSnapshot Snapshot() const;

 private:
  struct State;
  explicit MonitorScheduler(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace airm::usecases
