// The load result as JSON (field reference: docs/chaos-load.md). Each run
// has a "name" ("concurrency_4", "rate") so --fail-on paths can select it:
// load.sweep.concurrency_4.error_rate.
#include <algorithm>
#include <string>

#include "airm/report/chaos_stress_report.h"
#include "airm/report/json_util.h"
#include "stress_json.h"

namespace airm::chaos {
namespace {

using report::Json;
using report::JsonNumber;

Json OptionalCount(std::optional<int64_t> n) { return n ? Json(*n) : Json(nullptr); }

Json RateJson(const RequestRate& rate) {
  return {{"requests_per_second", JsonNumber(rate.requests_per_second)},
          {"pattern", ArrivalPatternName(rate.pattern)},
          {"seed", rate.seed},
          {"max_in_flight", rate.max_in_flight}};
}

Json LatencyJson(const LatencySummary& s) {
  return {{"p50", JsonNumber(s.p50)}, {"p90", JsonNumber(s.p90)}, {"p95", JsonNumber(s.p95)},
          {"p99", JsonNumber(s.p99)}, {"max", JsonNumber(s.max)}, {"mean", JsonNumber(s.mean)}};
}

Json WindowJson(const LoadWindow& w) {
  return {{"start_seconds", JsonNumber(w.start_seconds)},
          {"duration_seconds", JsonNumber(w.duration_seconds)},
          {"completed", w.completed},
          {"succeeded", w.succeeded},
          {"throughput_rps", JsonNumber(w.throughput_rps)},
          {"p95_latency_seconds", JsonNumber(w.p95_latency_seconds)}};
}

Json RunJson(const LoadRunResult& run) {
  const bool closed = run.mode == LoadRunResult::Mode::kConcurrency;
  Json j = Json::object();
  j["name"] = closed ? "concurrency_" + std::to_string(run.concurrency) : std::string("rate");
  j["mode"] = closed ? "concurrency" : "request_rate";
  j["concurrency"] = closed ? Json(run.concurrency) : Json(nullptr);
  j["request_rate"] = run.request_rate ? RateJson(*run.request_rate) : Json(nullptr);
  j["stable"] = run.stable;
  j["duration_seconds"] = JsonNumber(run.duration_seconds);
  j["requests"] = run.requests;
  j["succeeded"] = run.succeeded;
  Json failures = Json::object();
  for (const auto& [kind, count] : run.failures) failures[kind] = count;
  j["failures"] = std::move(failures);
  j["error_rate"] = JsonNumber(run.error_rate);
  j["timeout_rate"] = JsonNumber(run.timeout_rate);
  j["latency_seconds"] = LatencyJson(run.latency);
  j["throughput_rps"] = JsonNumber(run.throughput_rps);
  j["rows_per_second"] = JsonNumber(run.rows_per_second);
  j["achieved_send_rate"] = JsonNumber(run.achieved_send_rate);
  j["late_send_share"] = JsonNumber(run.late_send_share);
  j["rows_served"] = run.rows_served;
  j["rows_changed"] = OptionalCount(run.rows_changed);
  j["rows_labelled"] = run.rows_labelled;
  j["served_accuracy"] = JsonNumber(run.served_accuracy);
  j["unloaded_accuracy_same_rows"] = JsonNumber(run.unloaded_accuracy_same_rows);
  Json windows = Json::array();
  for (const LoadWindow& w : run.windows) windows.push_back(WindowJson(w));
  j["windows"] = std::move(windows);
  return j;
}

// Worst values over all runs, for simple gates (load.summary.max_error_rate > 0).
Json SummaryJson(const LoadResult& r) {
  std::optional<double> max_error, max_p99, max_rps;
  bool all_stable = true;
  int64_t changed = 0;
  bool changed_known = r.baseline_error.empty();
  auto visit = [&](const LoadRunResult& run) {
    if (run.error_rate) max_error = std::max(max_error.value_or(0), *run.error_rate);
    if (run.latency.p99) max_p99 = std::max(max_p99.value_or(0), *run.latency.p99);
    max_rps = std::max(max_rps.value_or(0), run.throughput_rps);
    all_stable = all_stable && run.stable;
    if (run.rows_changed) changed += *run.rows_changed;
  };
  for (const LoadRunResult& run : r.sweep) visit(run);
  if (r.open_loop) visit(*r.open_loop);
  return {{"max_error_rate", JsonNumber(max_error)},
          {"max_p99_latency_seconds", JsonNumber(max_p99)},
          {"max_throughput_rps", JsonNumber(max_rps)},
          {"all_stable", all_stable},
          {"rows_changed", changed_known ? Json(changed) : Json(nullptr)}};
}

}  // namespace

nlohmann::ordered_json LoadResultJsonValue(const LoadResult& r) {
  const LoadOptions& o = r.options;
  Json options = {{"concurrency_levels", o.concurrency_levels},
                  {"run_sweep", o.run_sweep},
                  {"request_rate", o.request_rate ? RateJson(*o.request_rate) : Json(nullptr)},
                  {"window_seconds", JsonNumber(o.window_seconds)},
                  {"max_windows", o.max_windows},
                  {"stability_pct", JsonNumber(o.stability_pct)},
                  {"warmup_seconds", JsonNumber(o.warmup_seconds)},
                  {"rows_per_request", o.rows_per_request},
                  {"decision_threshold", JsonNumber(o.decision_threshold)},
                  {"timeout_seconds", JsonNumber(o.timeout_seconds)},
                  {"slo_p99_seconds", JsonNumber(o.slo_p99_seconds)},
                  {"answer_tolerance", JsonNumber(o.answer_tolerance)}};
  Json baseline = {{"ok", r.baseline_error.empty()},
                   {"error", r.baseline_error.empty() ? Json(nullptr) : Json(r.baseline_error)},
                   {"seconds", JsonNumber(r.baseline_seconds)},
                   {"unloaded_accuracy", JsonNumber(r.unloaded_accuracy)}};
  Json sweep = Json::array();
  for (const LoadRunResult& run : r.sweep) sweep.push_back(RunJson(run));
  Json findings = Json::array();
  for (const Finding& f : r.findings) findings.push_back(report::FindingJson(f));
  Json j = Json::object();
  j["target"] = r.target;
  j["pool_rows"] = r.pool_rows;
  j["percentile_method"] = "linear";
  j["options"] = std::move(options);
  j["baseline"] = std::move(baseline);
  j["summary"] = SummaryJson(r);
  j["sweep"] = std::move(sweep);
  j["open_loop"] = r.open_loop ? RunJson(*r.open_loop) : Json(nullptr);
  j["findings"] = std::move(findings);
  return j;
}

std::string LoadResultToJson(const LoadResult& result) {
  return LoadResultJsonValue(result).dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace airm::chaos
