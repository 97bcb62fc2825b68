// RunLoadTest: the unloaded pass, the concurrency sweep, the open-loop run
// and the findings.
//
// Steps:
//   1. validate options and inputs; refuse targets that are not local;
//   2. score the whole pool once, unloaded (one Predict call; the adapter
//      splits it into max_batch_rows requests): the answers every served
//      answer is compared with;
//   3. one closed-loop run per concurrency level, in the order given;
//   4. the open-loop run at the requested rate, when set;
//   5. findings (load_findings.cc).
#include "airm/chaos/load_test.h"

#include <fmt/format.h>

#include <chrono>
#include <cmath>
#include <string>
#include <utility>

#include "load_findings.h"
#include "load_request.h"
#include "load_runner.h"

namespace airm::chaos {

Result<LoadResult> RunLoadTest(ModelAdapter& adapter, const Batch& pool,
                               const std::vector<double>* labels, const LoadOptions& options) {
  AIRM_RETURN_IF_ERROR(options.Validate());
  if (!adapter.IsLocal()) {
    return Status::InvalidArgument(
        "load tests run against loopback targets only (target: " + adapter.Describe() + ")");
  }
  if (pool.rows.empty()) return Status::InvalidArgument("load test: the pool of rows is empty");
  if (labels && labels->size() != pool.rows.size()) {
    return Status::InvalidArgument("load test: " + std::to_string(labels->size()) + " labels for " +
                                   std::to_string(pool.rows.size()) +
                                   " pool rows; expected one label per row");
  }

  LoadResult result;
  result.target = adapter.Describe();
  result.options = options;
  if (result.options.concurrency_levels.empty()) {
    result.options.concurrency_levels = DefaultConcurrencyLevels();
  }
  result.pool_rows = static_cast<int64_t>(pool.rows.size());

  const auto started = std::chrono::steady_clock::now();
  PredictOutcome unloaded = adapter.Predict(pool);
  result.baseline_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::vector<double> baseline;
  if (!unloaded.ok()) {
    result.baseline_error = std::string(FailureKindName(unloaded.failure)) + ": " + unloaded.detail;
  } else if (unloaded.scores.size() != pool.rows.size()) {
    result.baseline_error = "wrong_count: " + std::to_string(unloaded.scores.size()) +
                            " scores for " + std::to_string(pool.rows.size()) + " rows";
  } else {
    baseline = std::move(unloaded.scores);
  }
  if (labels && !baseline.empty()) {
    int64_t labelled = 0, correct = 0;
    for (size_t i = 0; i < baseline.size(); ++i) {
      if (!std::isfinite((*labels)[i])) continue;
      ++labelled;
      correct += load::CorrectAt(baseline[i], (*labels)[i], options.decision_threshold);
    }
    if (labelled > 0) result.unloaded_accuracy = static_cast<double>(correct) / labelled;
  }

  const load::RequestJudge judge(pool, std::move(baseline), labels, result.options);
  if (options.run_sweep) {
    for (int level : result.options.concurrency_levels) {
      AIRM_ASSIGN_OR_RETURN(LoadRunResult run,
                            load::RunClosedLoop(adapter, judge, level, result.options));
      result.sweep.push_back(std::move(run));
    }
  }
  if (options.request_rate) {
    AIRM_ASSIGN_OR_RETURN(LoadRunResult run,
                          load::RunOpenLoop(adapter, judge, *options.request_rate, result.options));
    result.open_loop = std::move(run);
  }
  result.findings = load::LoadFindings(result);
  return result;
}

std::string LoadRunName(const LoadRunResult& run) {
  if (run.mode == LoadRunResult::Mode::kConcurrency) {
    return fmt::format("concurrency {}", run.concurrency);
  }
  if (!run.request_rate) return "request rate";
  return fmt::format("rate {:g}/s ({})", run.request_rate->requests_per_second,
                     ArrivalPatternName(run.request_rate->pattern));
}

}  // namespace airm::chaos
