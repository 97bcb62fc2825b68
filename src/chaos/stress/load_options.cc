// LoadOptions validation, the default concurrency sweep and the stability
// rule shared by both kinds of run.
#include <algorithm>
#include <cmath>
#include <string>
#include <thread>

#include "airm/chaos/load_test.h"

namespace airm::chaos {
namespace {

Status Bad(const std::string& option, const std::string& expected) {
  return Status::InvalidArgument("load option " + option + ": expected " + expected);
}

bool Positive(double x) { return std::isfinite(x) && x > 0; }

}  // namespace

const char* ArrivalPatternName(ArrivalPattern pattern) {
  switch (pattern) {
    case ArrivalPattern::kConstant:
      return "constant";
    case ArrivalPattern::kPoisson:
      return "poisson";
  }
  return "unknown";
}

Status LoadOptions::Validate() const {
  for (int level : concurrency_levels) {
    if (level < 1 || level > 1024) return Bad("concurrency_levels", "levels in [1, 1024]");
  }
  if (!run_sweep && !request_rate) {
    return Bad("request_rate", "a request rate when the concurrency sweep is off");
  }
  if (request_rate) {
    if (!Positive(request_rate->requests_per_second) || request_rate->requests_per_second > 1e6) {
      return Bad("request_rate.requests_per_second", "a rate in (0, 1e6] requests per second");
    }
    if (request_rate->max_in_flight < 1 || request_rate->max_in_flight > 1024) {
      return Bad("request_rate.max_in_flight", "an integer in [1, 1024]");
    }
  }
  if (!Positive(window_seconds) || window_seconds > 3600) {
    return Bad("window_seconds", "a duration in (0, 3600] seconds");
  }
  if (max_windows < 3 || max_windows > 10000) {
    return Bad("max_windows", "an integer in [3, 10000] (stability needs three windows)");
  }
  if (!Positive(stability_pct)) return Bad("stability_pct", "a percentage > 0");
  if (!std::isfinite(warmup_seconds) || warmup_seconds < 0 || warmup_seconds > 3600) {
    return Bad("warmup_seconds", "a duration in [0, 3600] seconds");
  }
  if (rows_per_request < 1 || rows_per_request > 1000000) {
    return Bad("rows_per_request", "an integer in [1, 1000000]");
  }
  if (!std::isfinite(decision_threshold)) return Bad("decision_threshold", "a finite number");
  if (timeout_seconds && !Positive(*timeout_seconds)) {
    return Bad("timeout_seconds", "a duration > 0 seconds");
  }
  if (slo_p99_seconds && !Positive(*slo_p99_seconds)) {
    return Bad("slo_p99_seconds", "a duration > 0 seconds");
  }
  if (!std::isfinite(answer_tolerance) || answer_tolerance < 0) {
    return Bad("answer_tolerance", "a finite number >= 0");
  }
  return Status::Ok();
}

std::vector<int> DefaultConcurrencyLevels() {
  // hardware_concurrency may report 0 when unknown: assume one core.
  const int cores = std::max(1u, std::thread::hardware_concurrency());
  const int top = 2 * cores;
  std::vector<int> levels;
  for (int level = 1; level < top; level *= 2) levels.push_back(level);
  levels.push_back(top);
  return levels;
}

bool WindowsStable(const std::vector<LoadWindow>& windows, double stability_pct) {
  if (windows.size() < 3) return false;
  double min_rps = INFINITY, max_rps = 0, min_p95 = INFINITY, max_p95 = 0;
  for (size_t i = windows.size() - 3; i < windows.size(); ++i) {
    const LoadWindow& w = windows[i];
    if (w.succeeded == 0 || !w.p95_latency_seconds) return false;
    min_rps = std::min(min_rps, w.throughput_rps);
    max_rps = std::max(max_rps, w.throughput_rps);
    min_p95 = std::min(min_p95, *w.p95_latency_seconds);
    max_p95 = std::max(max_p95, *w.p95_latency_seconds);
  }
  const double limit = 1.0 + stability_pct / 100.0;
  // min > 0 holds here: a window with a success has positive throughput, and
  // a latency of exactly 0 cannot be measured by a steady clock in practice;
  // guard anyway so a zero never divides.
  if (min_rps <= 0 || min_p95 <= 0) return max_rps == min_rps && max_p95 == min_p95;
  return max_rps / min_rps <= limit && max_p95 / min_p95 <= limit;
}

}  // namespace airm::chaos
