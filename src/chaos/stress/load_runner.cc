// Threads and clocks of a load run.
//
// Workers stamp each request's finishing time and hand the record over under
// one mutex, so records reach the measuring thread in finishing order and a
// window, once its end time has passed, can never receive another record.
// Records finished during warm-up or after the last window (the drain of
// requests in flight when the run stops) are not counted.
#include "load_runner.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <random>
#include <span>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "load_summary.h"

namespace airm::chaos::load {
namespace {

using Clock = std::chrono::steady_clock;

Clock::time_point At(Clock::time_point t0, double seconds) {
  return t0 + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
}

class RecordSink {
 public:
  RecordSink(Clock::time_point t0, const RequestJudge& judge) : t0_(t0), judge_(judge) {}

  double Now() const { return std::chrono::duration<double>(Clock::now() - t0_).count(); }

  void Finish(int64_t k, const PredictOutcome& outcome, RequestRecord record) {
    std::lock_guard<std::mutex> lock(mutex_);
    record.finished = Now();
    judge_.Judge(k, outcome, &record);
    pending_.push_back(record);
  }

  std::vector<RequestRecord> Drain() {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::exchange(pending_, {});
  }

 private:
  const Clock::time_point t0_;
  const RequestJudge& judge_;
  std::mutex mutex_;
  std::vector<RequestRecord> pending_;
};

// Stop signal that also wakes threads waiting for a scheduled send time.
class StopFlag {
 public:
  void Set() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopped_ = true;
    }
    cv_.notify_all();
  }
  bool IsSet() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopped_;
  }
  // Waits until `deadline`; false when stopped first.
  bool WaitUntil(Clock::time_point deadline) {
    std::unique_lock<std::mutex> lock(mutex_);
    return !cv_.wait_until(lock, deadline, [this] { return stopped_; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable cv_;
  bool stopped_ = false;
};

struct Measurement {
  std::vector<LoadWindow> windows;
  std::vector<RequestRecord> records;  // finished inside the windows
  bool stable = false;
  double start = 0;
  double end = 0;
};

// Cuts windows after the warm-up until the last three agree or max_windows.
Measurement MeasureWindows(Clock::time_point t0, RecordSink& sink, const LoadOptions& options) {
  Measurement m;
  m.start = options.warmup_seconds;
  m.end = m.start;
  size_t window_first = 0;  // index in m.records of the current window's first record
  for (int w = 0; w < options.max_windows; ++w) {
    const double window_start = m.start + w * options.window_seconds;
    const double window_end = window_start + options.window_seconds;
    std::this_thread::sleep_until(At(t0, window_end));
    for (const RequestRecord& r : sink.Drain()) {
      if (r.finished >= m.start) m.records.push_back(r);
    }
    size_t window_last = window_first;
    while (window_last < m.records.size() && m.records[window_last].finished < window_end) {
      ++window_last;
    }
    m.windows.push_back(SummarizeWindow(
        std::span<const RequestRecord>(m.records).subspan(window_first, window_last - window_first),
        window_start - m.start, options.window_seconds));
    window_first = window_last;
    m.end = window_end;
    m.stable = WindowsStable(m.windows, options.stability_pct);
    if (m.stable) break;
  }
  m.records.resize(window_first);  // drop what finished after the last window
  return m;
}

LoadRunResult Finish(Measurement m, const RequestJudge& judge) {
  LoadRunResult run;
  SummarizeRun(m.records, m.end - m.start, judge, &run);
  run.windows = std::move(m.windows);
  run.stable = m.stable;
  return run;
}

// The send times of an open-loop run, in seconds from its start.
class ArrivalSchedule {
 public:
  explicit ArrivalSchedule(const RequestRate& rate)
      : rate_(rate), rng_(rate.seed), gap_(rate.requests_per_second) {}

  // The next request's index and time. Not thread-safe.
  std::pair<int64_t, double> Next() {
    const int64_t k = next_++;
    if (rate_.pattern == ArrivalPattern::kConstant) {
      return {k, static_cast<double>(k) / rate_.requests_per_second};
    }
    const double t = time_;
    time_ += gap_(rng_);  // Poisson process: exponential gaps with mean 1 / rate
    return {k, t};
  }

 private:
  RequestRate rate_;
  std::mt19937_64 rng_;
  std::exponential_distribution<double> gap_;
  int64_t next_ = 0;
  double time_ = 0;
};

// Starts `count` threads running body(i). std::thread throws when the system
// refuses a thread; that becomes a Status after the threads already started
// were stopped (by `stop`) and joined, so nothing escapes the library.
template <typename Body, typename Stop>
Status StartThreads(int count, Body body, Stop stop, std::vector<std::thread>* threads) {
  threads->reserve(count);
  try {
    for (int i = 0; i < count; ++i) threads->emplace_back(body, i);
  } catch (const std::system_error& e) {
    stop();
    for (std::thread& t : *threads) t.join();
    return Status::Unavailable("load test: cannot start " + std::to_string(count) +
                               " threads: " + e.what());
  }
  return Status::Ok();
}

}  // namespace

Result<LoadRunResult> RunClosedLoop(ModelAdapter& adapter, const RequestJudge& judge,
                                    int concurrency, const LoadOptions& options) {
  const Clock::time_point t0 = Clock::now();
  RecordSink sink(t0, judge);
  std::atomic<bool> stop{false};
  std::atomic<int64_t> next_request{0};
  std::vector<std::thread> workers;
  const auto worker = [&](int) {
    while (!stop.load(std::memory_order_relaxed)) {
      const int64_t k = next_request.fetch_add(1, std::memory_order_relaxed);
      const Batch request = judge.MakeRequest(k);
      RequestRecord record;
      record.sent = record.scheduled = sink.Now();
      const PredictOutcome outcome = adapter.Predict(request);
      sink.Finish(k, outcome, record);
    }
  };
  AIRM_RETURN_IF_ERROR(StartThreads(
      concurrency, worker, [&] { stop.store(true); }, &workers));
  Measurement m = MeasureWindows(t0, sink, options);
  stop.store(true);
  for (std::thread& t : workers) t.join();
  LoadRunResult run = Finish(std::move(m), judge);
  run.mode = LoadRunResult::Mode::kConcurrency;
  run.concurrency = concurrency;
  return run;
}

Result<LoadRunResult> RunOpenLoop(ModelAdapter& adapter, const RequestJudge& judge,
                                  const RequestRate& rate, const LoadOptions& options) {
  const Clock::time_point t0 = Clock::now();
  RecordSink sink(t0, judge);
  StopFlag stop;
  std::mutex schedule_mutex;
  ArrivalSchedule schedule(rate);
  std::vector<std::vector<double>> sent_times(rate.max_in_flight);
  std::vector<std::thread> senders;
  const auto sender = [&](int i) {
    for (;;) {
      std::pair<int64_t, double> due;
      {
        std::lock_guard<std::mutex> lock(schedule_mutex);
        due = schedule.Next();
      }
      if (!stop.WaitUntil(At(t0, due.second))) return;
      const Batch request = judge.MakeRequest(due.first);
      RequestRecord record;
      record.scheduled = due.second;
      record.sent = sink.Now();
      sent_times[i].push_back(record.sent);
      const PredictOutcome outcome = adapter.Predict(request);
      sink.Finish(due.first, outcome, record);
      if (stop.IsSet()) return;
    }
  };
  AIRM_RETURN_IF_ERROR(StartThreads(
      rate.max_in_flight, sender, [&] { stop.Set(); }, &senders));
  Measurement m = MeasureWindows(t0, sink, options);
  stop.Set();
  for (std::thread& t : senders) t.join();

  int64_t sent_in_span = 0;
  for (const std::vector<double>& times : sent_times) {
    for (double t : times) sent_in_span += (t >= m.start && t < m.end);
  }
  int64_t late = 0;
  for (const RequestRecord& r : m.records) late += (r.sent - r.scheduled > 1e-3);
  const double span = m.end - m.start;
  const size_t measured = m.records.size();
  LoadRunResult run = Finish(std::move(m), judge);
  run.mode = LoadRunResult::Mode::kRequestRate;
  run.request_rate = rate;
  run.achieved_send_rate = span > 0 ? static_cast<double>(sent_in_span) / span : 0;
  if (measured > 0) run.late_send_share = static_cast<double>(late) / static_cast<double>(measured);
  return run;
}

}  // namespace airm::chaos::load
