#include "load_summary.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "airm/stats/quantile.h"

namespace airm::chaos::load {
namespace {

std::optional<double> Share(int64_t part, int64_t whole) {
  if (whole <= 0) return std::nullopt;
  return static_cast<double>(part) / static_cast<double>(whole);
}

}  // namespace

LatencySummary SummarizeLatency(std::vector<double> latencies) {
  LatencySummary s;
  if (latencies.empty()) return s;
  std::sort(latencies.begin(), latencies.end());
  s.p50 = stats::QuantileLinear(latencies, 0.50);
  s.p90 = stats::QuantileLinear(latencies, 0.90);
  s.p95 = stats::QuantileLinear(latencies, 0.95);
  s.p99 = stats::QuantileLinear(latencies, 0.99);
  s.max = latencies.back();
  double sum = 0;
  for (double x : latencies) sum += x;
  s.mean = sum / static_cast<double>(latencies.size());
  return s;
}

LoadWindow SummarizeWindow(std::span<const RequestRecord> records, double start, double duration) {
  LoadWindow w;
  w.start_seconds = start;
  w.duration_seconds = duration;
  std::vector<double> latencies;
  for (const RequestRecord& r : records) {
    ++w.completed;
    if (!r.succeeded()) continue;
    ++w.succeeded;
    latencies.push_back(r.latency());
  }
  w.throughput_rps = duration > 0 ? static_cast<double>(w.succeeded) / duration : 0;
  w.p95_latency_seconds = SummarizeLatency(std::move(latencies)).p95;
  return w;
}

void SummarizeRun(std::span<const RequestRecord> records, double duration,
                  const RequestJudge& judge, LoadRunResult* run) {
  run->duration_seconds = duration;
  run->requests = static_cast<int64_t>(records.size());
  run->succeeded = 0;
  run->failures.clear();
  int64_t timeouts = 0, rows_ok = 0, changed = 0, labelled = 0, correct = 0, correct_unloaded = 0;
  std::vector<double> latencies;
  latencies.reserve(records.size());
  for (const RequestRecord& r : records) {
    if (r.slow) {
      ++run->failures["slow"];
      ++timeouts;
      continue;
    }
    if (r.failure != FailureKind::kNone) {
      ++run->failures[FailureKindName(r.failure)];
      if (r.failure == FailureKind::kTimeout) ++timeouts;
      continue;
    }
    ++run->succeeded;
    latencies.push_back(r.latency());
    rows_ok += r.rows;
    changed += r.rows_changed;
    labelled += r.labelled;
    correct += r.correct;
    correct_unloaded += r.correct_unloaded;
  }
  run->error_rate = Share(run->requests - run->succeeded, run->requests);
  run->timeout_rate = Share(timeouts, run->requests);
  run->latency = SummarizeLatency(std::move(latencies));
  run->throughput_rps = duration > 0 ? static_cast<double>(run->succeeded) / duration : 0;
  run->rows_per_second = duration > 0 ? static_cast<double>(rows_ok) / duration : 0;
  run->rows_served = rows_ok;
  run->rows_changed = judge.has_baseline() ? std::optional<int64_t>(changed) : std::nullopt;
  run->rows_labelled = labelled;
  run->served_accuracy = judge.has_labels() ? Share(correct, labelled) : std::nullopt;
  run->unloaded_accuracy_same_rows =
      judge.has_labels() && judge.has_baseline() ? Share(correct_unloaded, labelled) : std::nullopt;
}

}  // namespace airm::chaos::load
