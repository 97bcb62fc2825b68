// Load testing a model's serving path: how fast, how reliably and how
// correctly it answers when many requests arrive at once.
//
// Two kinds of run, with the semantics of NVIDIA Perf Analyzer (see
// docs/chaos-load.md for every definition):
//   * closed loop ("concurrency sweep"): for each concurrency level c, c
//     worker threads each send a request, wait for the answer and send the
//     next one at once;
//   * open loop ("request rate"): requests are sent at scheduled times
//     (constant spacing or Poisson arrivals) whether or not earlier ones have
//     been answered. Latency counts from the scheduled send time, so a server
//     that falls behind is charged for the queueing it causes (no coordinated
//     omission).
// Each run is measured in windows of `window_seconds` until three consecutive
// windows agree within `stability_pct` percent on throughput and p95 latency
// (the run is "stable") or `max_windows` windows have passed ("unstable").
//
// Every request carries rows of a known pool. The pool is first scored once,
// unloaded, so every answer served under load can be compared with the
// unloaded answer for the same rows and, when labels are given, with the
// truth: a server that gives different or worse answers under load is a
// finding, not only a slow one.
//
// Thread-safety: RunLoadTest calls adapter.Predict from many threads at once
// (ModelAdapter's contract allows it); the function itself is reentrant.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/model_adapter.h"
#include "airm/finding.h"
#include "airm/status.h"

namespace airm::chaos {

enum class ArrivalPattern { kConstant, kPoisson };
const char* ArrivalPatternName(ArrivalPattern pattern);  // "constant", "poisson"

// An open-loop run at a fixed mean request rate.
struct RequestRate {
  double requests_per_second = 0;  // REQUIRES: > 0
  ArrivalPattern pattern = ArrivalPattern::kConstant;
  uint64_t seed = 1;  // for Poisson arrivals (exponential gaps), so runs repeat
  // Requests in flight at most (the sender threads). Requests due while all
  // are busy are sent late and their latency includes the wait.
  int max_in_flight = 32;
};

struct LoadOptions {
  // Closed-loop concurrency levels, each >= 1. Empty: DefaultConcurrencyLevels().
  std::vector<int> concurrency_levels;
  // Skip the sweep (run only the open-loop rate, which then must be set).
  bool run_sweep = true;
  std::optional<RequestRate> request_rate;  // also run an open-loop run at this rate
  double window_seconds = 1.0;              // measurement window, > 0
  int max_windows = 10;                     // windows per run at most, >= 3
  double stability_pct = 10.0;              // three windows agree within this many percent, > 0
  double warmup_seconds = 0.5;              // traffic before measuring each run, >= 0
  int rows_per_request = 1;                 // rows per request, >= 1
  // Score at or above which a row is predicted positive, for accuracy.
  double decision_threshold = 0.5;
  // An answer slower than this counts as a timeout (and is not used for
  // accuracy) even if it arrived; the adapter's own timeout applies as well.
  std::optional<double> timeout_seconds;
  // A p99 latency above this is a finding (seconds).
  std::optional<double> slo_p99_seconds;
  // Served and unloaded scores "agree" when they differ by at most this.
  double answer_tolerance = 1e-9;

  // InvalidArgument naming the first bad option.
  Status Validate() const;
};

// 1, 2, 4, ... up to N = 2 × std::thread::hardware_concurrency() (N itself
// is the last level when it is not a power of two).
std::vector<int> DefaultConcurrencyLevels();

// Latency of the successful requests of a run, in seconds. Percentiles use
// linear interpolation between order statistics (numpy.percentile's default,
// "linear" / Hyndman & Fan type 7). All empty when nothing succeeded.
struct LatencySummary {
  std::optional<double> p50, p90, p95, p99, max, mean;
};

// One measurement window. Requests belong to the window in which they
// completed.
struct LoadWindow {
  double start_seconds = 0;  // since the end of the warm-up
  double duration_seconds = 0;
  int64_t completed = 0;  // requests answered or failed in the window
  int64_t succeeded = 0;
  double throughput_rps = 0;                  // succeeded / duration
  std::optional<double> p95_latency_seconds;  // of the succeeded ones; empty if none
};

// One run: a concurrency level or the open-loop rate.
struct LoadRunResult {
  enum class Mode { kConcurrency, kRequestRate } mode = Mode::kConcurrency;
  int concurrency = 0;                      // kConcurrency: worker threads
  std::optional<RequestRate> request_rate;  // kRequestRate
  std::vector<LoadWindow> windows;          // measured windows, in order
  bool stable = false;                      // the last three windows agree (see Stable())
  double duration_seconds = 0;              // sum of window durations

  // Totals over all measured windows.
  int64_t requests = 0;  // completed (succeeded + failed)
  int64_t succeeded = 0;
  // Failed requests per FailureKindName (e.g. "timeout", "http_status"), plus
  // "slow" for answers over LoadOptions::timeout_seconds. Kinds with 0 omitted.
  std::map<std::string, int64_t> failures;
  std::optional<double> error_rate;    // failed / requests; empty when requests == 0
  std::optional<double> timeout_rate;  // (timeout + slow) / requests
  LatencySummary latency;
  double throughput_rps = 0;   // succeeded requests per second of measurement
  double rows_per_second = 0;  // rows of the succeeded requests per second
  // Open loop only: requests sent per second as achieved, and the share of
  // requests sent more than 1 ms after their scheduled time.
  std::optional<double> achieved_send_rate;
  std::optional<double> late_send_share;

  // Answers actually served, row by row.
  int64_t rows_served = 0;  // rows of succeeded requests (slow answers excluded)
  // Rows whose served score differs from the unloaded one by more than
  // answer_tolerance (or is non-finite when the unloaded one was finite).
  // Empty when the unloaded baseline failed.
  std::optional<int64_t> rows_changed;
  // Accuracy at the decision threshold of the served answers, and of the
  // unloaded answers for the very same rows (so the two differ only through
  // changed answers). Empty without labels or without labelled served rows.
  std::optional<double> served_accuracy;
  std::optional<double> unloaded_accuracy_same_rows;
  int64_t rows_labelled = 0;  // served rows that had a finite label
};

// "concurrency 4" or "rate 50/s (poisson)": how findings and reports name a run.
std::string LoadRunName(const LoadRunResult& run);

struct LoadResult {
  std::string target;   // ModelAdapter::Describe()
  LoadOptions options;  // as used (concurrency levels filled in)
  int64_t pool_rows = 0;
  // The unloaded pass over the pool: empty error when it succeeded.
  std::string baseline_error;
  std::optional<double> baseline_seconds;
  std::optional<double> unloaded_accuracy;  // over the whole labelled pool
  std::vector<LoadRunResult> sweep;         // one per concurrency level, in order
  std::optional<LoadRunResult> open_loop;   // when options.request_rate is set
  std::vector<Finding> findings;            // most severe first
};

// Runs the sweep and/or the open-loop run against `adapter`.
// `pool` holds the rows requests are drawn from (cyclically,
// rows_per_request at a time); `labels` (or null) holds one 0/1 label per
// pool row, NaN for unknown. Errors:
//   InvalidArgument: bad options, an empty pool, labels of the wrong length,
//     or a target that is not local ("load tests run against loopback
//     targets only").
//   Unavailable: the system refused to start the worker threads.
// Model failures are never an error: they are counted per run.
Result<LoadResult> RunLoadTest(ModelAdapter& adapter, const Batch& pool,
                               const std::vector<double>* labels, const LoadOptions& options);

// Whether three windows agree: for throughput and for p95 latency,
// max / min <= 1 + stability_pct / 100. Windows without a succeeded request
// never agree. Uses the last three windows; false for fewer than three.
bool WindowsStable(const std::vector<LoadWindow>& windows, double stability_pct);

}  // namespace airm::chaos
