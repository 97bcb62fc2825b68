#include "load_findings.h"

#include <fmt/format.h>

#include <algorithm>
#include <string>

namespace airm::chaos::load {
namespace {

std::string Percent(double share) { return fmt::format("{:.3g}%", 100.0 * share); }

std::string FailureList(const LoadRunResult& run) {
  std::string out;
  for (const auto& [kind, count] : run.failures) {
    if (!out.empty()) out += ", ";
    out += fmt::format("{} {}", count, kind);
  }
  return out;
}

void AddRunFindings(const LoadRunResult& run, const LoadOptions& options,
                    std::vector<Finding>* out) {
  const std::string name = LoadRunName(run);
  if (run.requests > 0 && run.succeeded == 0) {
    Finding f =
        MakeFinding(Severity::kFail, "load.no_success", name,
                    fmt::format("No request succeeded at {} ({}).", name, FailureList(run)));
    f.evidence["requests"] = static_cast<double>(run.requests);
    out->push_back(std::move(f));
  } else if (run.error_rate && *run.error_rate > 0) {
    Finding f = MakeFinding(Severity::kFail, "load.errors", name,
                            fmt::format("{} of requests failed at {} ({}).",
                                        Percent(*run.error_rate), name, FailureList(run)));
    f.evidence["error_rate"] = *run.error_rate;
    f.evidence["timeout_rate"] = run.timeout_rate.value_or(0);
    f.evidence["requests"] = static_cast<double>(run.requests);
    out->push_back(std::move(f));
  }
  if (run.rows_changed && *run.rows_changed > 0) {
    Finding f =
        MakeFinding(Severity::kFail, "load.answers_changed", name,
                    fmt::format("{} of {} rows served at {} got a different score than unloaded.",
                                *run.rows_changed, run.rows_served, name));
    f.evidence["rows_changed"] = static_cast<double>(*run.rows_changed);
    f.evidence["rows_served"] = static_cast<double>(run.rows_served);
    out->push_back(std::move(f));
  }
  if (run.served_accuracy && run.unloaded_accuracy_same_rows &&
      *run.served_accuracy < *run.unloaded_accuracy_same_rows) {
    Finding f = MakeFinding(
        Severity::kFail, "load.accuracy_drop", name,
        fmt::format("Accuracy of the answers served at {} is {:.4f}, unloaded {:.4f} on the same "
                    "rows.",
                    name, *run.served_accuracy, *run.unloaded_accuracy_same_rows));
    f.evidence["served_accuracy"] = *run.served_accuracy;
    f.evidence["unloaded_accuracy"] = *run.unloaded_accuracy_same_rows;
    out->push_back(std::move(f));
  }
  if (options.slo_p99_seconds && run.latency.p99 && *run.latency.p99 > *options.slo_p99_seconds) {
    Finding f = MakeFinding(Severity::kFail, "load.slo_p99", name,
                            fmt::format("p99 latency at {} is {:.4g} s, above the SLO of {:.4g} s.",
                                        name, *run.latency.p99, *options.slo_p99_seconds));
    f.evidence["p99_seconds"] = *run.latency.p99;
    f.evidence["slo_seconds"] = *options.slo_p99_seconds;
    out->push_back(std::move(f));
  }
  if (!run.stable) {
    Finding f = MakeFinding(
        Severity::kWarn, "load.unstable", name,
        fmt::format("Throughput and p95 latency at {} did not settle within {}% over three "
                    "windows in {} windows; its numbers vary from window to window.",
                    name, options.stability_pct, run.windows.size()));
    f.evidence["windows"] = static_cast<double>(run.windows.size());
    out->push_back(std::move(f));
  }
}

}  // namespace

std::vector<Finding> LoadFindings(const LoadResult& result) {
  std::vector<Finding> out;
  if (!result.baseline_error.empty()) {
    out.push_back(MakeFinding(Severity::kFail, "load.baseline_failed", "pool",
                              "Scoring the pool unloaded failed (" + result.baseline_error +
                                  "); served answers cannot be compared with unloaded ones."));
  }
  for (const LoadRunResult& run : result.sweep) AddRunFindings(run, result.options, &out);
  if (result.open_loop) AddRunFindings(*result.open_loop, result.options, &out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& a, const Finding& b) {
    return static_cast<int>(a.severity) > static_cast<int>(b.severity);
  });
  return out;
}

}  // namespace airm::chaos::load
