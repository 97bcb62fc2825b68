#include "airm/usecases/monitor_daemon.h"

#include <algorithm>
#include <mutex>

#include "airm/monitor/windows.h"
#include "airm/store/monitor_run_lock.h"
#include "airm/store/timestamp.h"
#include "monitor_workspace.h"

namespace airm::usecases {

Status MonitorDaemonOptions::Validate() const {
  if (!run.as_of.empty() || !run.backfill_from.empty() || !run.recompute_from.empty()) {
    return Status::InvalidArgument(
        "the daemon sets each run's time itself: as_of, backfill_from and recompute_from must be "
        "empty (use `airm monitor run` for a backfill)");
  }
  if (run.lock_holder != nullptr || run.stop_requested) {
    return Status::InvalidArgument("the daemon holds the lock and stops its runs itself");
  }
  if (settle_seconds < 0) return Status::InvalidArgument("--settle: expected seconds >= 0");
  AIRM_RETURN_IF_ERROR(scheduler.Validate());
  return run.Validate();
}

struct MonitorScheduler::State {
  MonitorDaemonOptions options;
  std::unique_ptr<monitor::Clock> own_clock;
  monitor::Clock* clock = nullptr;
  internal::MonitorWorkspace ws;  // its store handle holds the lock
  store::RunLockHolder holder;
  bool locked = false;
  std::unique_ptr<monitor::Scheduler> scheduler;
  std::mutex stop_mutex;  // monitor::Scheduler::Stop must not run twice at once
  mutable std::mutex snapshot_mutex;
  SchedulerSnapshot snapshot;

  void SetRunning(bool running);

  Result<monitor::TickOutcome> Tick(int64_t now, std::stop_token stop);
};

Result<monitor::TickOutcome> MonitorScheduler::State::Tick(int64_t now, std::stop_token stop) {
  DaemonTick tick{.at = monitor::SecondsToCanonical(now)};
  RunMonitorsOptions run = options.run;
  run.as_of = monitor::SecondsToCanonical(now - options.settle_seconds);
  run.lock_holder = &holder;
  run.stop_requested = [&stop] { return stop.stop_requested(); };
  Result<RunMonitorsResult> result = RunMonitors(run);
  monitor::TickOutcome outcome;
  if (result.ok()) {
    if (result->next_due) {
      outcome.next_due = monitor::CanonicalToSeconds(*result->next_due) + options.settle_seconds;
      tick.next_wake = monitor::SecondsToCanonical(*outcome.next_due);
    }
    outcome.retry_soon =
        result->delivery &&
        std::any_of(result->delivery->channels.begin(), result->delivery->channels.end(),
                    [](const alerting::ChannelSummary& c) { return c.pending > 0; });
    tick.run = std::move(result).value();
  } else {
    tick.status = result.status();
  }
  {
    std::lock_guard<std::mutex> lock(snapshot_mutex);
    ++snapshot.ticks;
    snapshot.last_tick = tick.at;
    snapshot.last_error =
        tick.status.ok() ? std::nullopt : std::optional<std::string>(tick.status.ToString());
    snapshot.next_due = tick.next_wake;
  }
  if (options.on_tick) options.on_tick(tick);
  if (!tick.status.ok()) return tick.status;
  return outcome;
}

Result<std::unique_ptr<MonitorScheduler>> MonitorScheduler::Create(MonitorDaemonOptions options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  auto state = std::make_unique<State>();
  AIRM_ASSIGN_OR_RETURN(state->ws, internal::OpenMonitorWorkspace(options.run.store));
  if (!options.run.monitor.empty()) {
    AIRM_RETURN_IF_ERROR(internal::FindMonitor(state->ws, options.run.monitor).status());
  }
  state->holder = internal::MakeRunLockHolder();
  AIRM_RETURN_IF_ERROR(store::AcquireMonitorRunLock(*state->ws.opened.db, state->holder,
                                                    internal::RunLockHolderAlive));
  state->locked = true;
  if (options.clock == nullptr) {
    state->own_clock = monitor::MakeSystemClock();
    state->clock = state->own_clock.get();
  } else {
    state->clock = options.clock;
  }
  state->options = std::move(options);
  State* raw = state.get();
  state->scheduler = std::make_unique<monitor::Scheduler>(
      raw->clock, [raw](int64_t now, std::stop_token stop) { return raw->Tick(now, stop); },
      raw->options.scheduler);
  return std::unique_ptr<MonitorScheduler>(new MonitorScheduler(std::move(state)));
}

MonitorScheduler::MonitorScheduler(std::unique_ptr<State> state) : state_(std::move(state)) {}

MonitorScheduler::~MonitorScheduler() {
  Stop();
  if (state_->locked) (void)store::ReleaseMonitorRunLock(*state_->ws.opened.db, state_->holder);
}

void MonitorScheduler::State::SetRunning(bool running) {
  std::lock_guard<std::mutex> lock(snapshot_mutex);
  snapshot.running = running;
}

Status MonitorScheduler::Start() {
  std::lock_guard<std::mutex> lock(state_->stop_mutex);
  AIRM_RETURN_IF_ERROR(state_->scheduler->Start());
  state_->SetRunning(true);
  return Status::Ok();
}

void MonitorScheduler::Stop() {
  std::lock_guard<std::mutex> lock(state_->stop_mutex);
  state_->scheduler->Stop();
  state_->SetRunning(false);
}

void MonitorScheduler::Run(std::stop_token stop) {
  state_->SetRunning(true);
  state_->scheduler->Run(stop);
  state_->SetRunning(false);
}

SchedulerSnapshot MonitorScheduler::Snapshot() const {
  std::lock_guard<std::mutex> lock(state_->snapshot_mutex);
  return state_->snapshot;
}

}  // namespace airm::usecases
