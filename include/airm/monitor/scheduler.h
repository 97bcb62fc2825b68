// The monitor scheduler: a loop that runs a tick when something is due and
// sleeps until the next thing is due, on a clock that tests can replace.
//
// It knows nothing about the store or the analyses: each tick is a callback
// (the use case airm/usecases/monitor_daemon.h calls RunMonitors in it) that
// says when it wants to run next. The loop
//   1. reads the clock and runs the tick;
//   2. sleeps until the earliest of: the time the tick asked for, now +
//      `retry_seconds` when the tick failed or asked to retry soon (a
//      receiver still down), now + `max_sleep_seconds` (so an edited
//      airm.yaml or a clock that jumped is noticed);
//   3. stops between ticks when stop is requested — never inside one, so a
//      window being computed is finished and stored (or, on a crash, not
//      stored at all: the store's transaction).
//
// Thread-safety: Start/Stop may be called from any thread, Stop more than
// once; the tick runs on the scheduler's own thread (Start) or the caller's
// (Run).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <stop_token>
#include <thread>

#include "airm/status.h"

namespace airm::monitor {

// Seconds since the epoch, UTC, and a way to wait for one of them.
class Clock {
 public:
  virtual ~Clock() = default;
  virtual int64_t Now() = 0;
  // Blocks until Now() >= deadline or `stop` is requested. True when the
  // deadline was reached, false when stopped.
  virtual bool WaitUntil(int64_t deadline, std::stop_token stop) = 0;
};

// The system's wall clock; waits wake at once on a stop request.
std::unique_ptr<Clock> MakeSystemClock();

struct TickOutcome {
  // When the tick wants to run next (seconds, UTC); nullopt = nothing
  // scheduled (the loop still wakes after max_sleep_seconds).
  std::optional<int64_t> next_due = std::nullopt;
  // Something is left to retry (an undelivered notification, a busy lock):
  // wake after retry_seconds at the latest.
  bool retry_soon = false;
};

// A tick's error does not stop the loop (a bad edit of airm.yaml is fixed
// while the daemon runs); the loop retries after retry_seconds. `stop` is the
// loop's: a long tick checks it between units of work (windows) and returns.
using TickFn = std::function<Result<TickOutcome>(int64_t now, std::stop_token stop)>;

struct SchedulerOptions {
  int64_t retry_seconds = 60;
  int64_t max_sleep_seconds = 3600;
  Status Validate() const;
};

class Scheduler {
 public:
  // REQUIRES: `clock` outlives the scheduler; options.Validate() is ok.
  Scheduler(Clock* clock, TickFn tick, SchedulerOptions options);
  ~Scheduler();  // stops and joins
  Scheduler(const Scheduler&) = delete;
  Scheduler& operator=(const Scheduler&) = delete;

  // Runs the loop on a thread of its own. Internal when already
  // started; Internal when the thread cannot be started.
  Status Start();
  // Requests the stop and waits for the running tick to finish. Idempotent.
  void Stop();

  // Runs the loop on the calling thread until `stop` is requested.
  void Run(std::stop_token stop);

 private:
  Clock* clock_;
  TickFn tick_;
  SchedulerOptions options_;
  std::jthread thread_;
};

}  // namespace airm::monitor
