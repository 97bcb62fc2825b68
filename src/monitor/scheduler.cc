#include "airm/monitor/scheduler.h"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <system_error>

namespace airm::monitor {
namespace {

class SystemClock : public Clock {
 public:
  int64_t Now() override {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
  }

  bool WaitUntil(int64_t deadline, std::stop_token stop) override {
    std::unique_lock lock(mu_);
    // A steady-clock wait, re-checked against the wall clock: a wall clock
    // set forward (NTP, a suspended laptop) ends the wait on the next check.
    while (!stop.stop_requested()) {
      const int64_t now = Now();
      if (now >= deadline) return true;
      const auto step = std::chrono::seconds(std::min<int64_t>(deadline - now, 60));
      cv_.wait_for(lock, stop, step, [] { return false; });
    }
    return false;
  }

 private:
  std::mutex mu_;
  std::condition_variable_any cv_;
};

}  // namespace

std::unique_ptr<Clock> MakeSystemClock() { return std::make_unique<SystemClock>(); }

Status SchedulerOptions::Validate() const {
  if (retry_seconds < 1) return Status::InvalidArgument("retry_seconds must be at least 1");
  if (max_sleep_seconds < 1) {
    return Status::InvalidArgument("max_sleep_seconds must be at least 1");
  }
  return Status::Ok();
}

Scheduler::Scheduler(Clock* clock, TickFn tick, SchedulerOptions options)
    : clock_(clock), tick_(std::move(tick)), options_(options) {}

Scheduler::~Scheduler() { Stop(); }

Status Scheduler::Start() {
  if (thread_.joinable()) return Status::Internal("the scheduler is already running");
  try {
    thread_ = std::jthread([this](std::stop_token stop) { Run(stop); });
  } catch (const std::system_error& e) {
    return Status::Internal(std::string("cannot start the scheduler thread: ") + e.what());
  }
  return Status::Ok();
}

void Scheduler::Stop() {
  if (!thread_.joinable()) return;
  thread_.request_stop();
  thread_.join();
}

void Scheduler::Run(std::stop_token stop) {
  while (!stop.stop_requested()) {
    const int64_t now = clock_->Now();
    const Result<TickOutcome> outcome = tick_(now, stop);
    int64_t wake = now + options_.max_sleep_seconds;
    if (!outcome.ok() || outcome->retry_soon) wake = std::min(wake, now + options_.retry_seconds);
    // A due time in the past (the tick ran long) means: tick again at once.
    if (outcome.ok() && outcome->next_due) wake = std::min(wake, std::max(now, *outcome->next_due));
    if (!clock_->WaitUntil(wake, stop)) return;
  }
}

}  // namespace airm::monitor
