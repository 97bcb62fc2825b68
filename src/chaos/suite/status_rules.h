// Internal: how a case's status is decided (docs/chaos.md, "Statuses").
//
// In order:
//   1. The model did not serve (an error, a timeout, a crash, a malformed
//      answer, the wrong number of predictions, or scores that are not
//      finite / not probabilities):
//        - with a fallback: failed when the fallback did not serve either, or
//          when its status metrics dropped by more than failed_drop against
//          the model's baseline; degraded otherwise;
//        - without: degraded when the input was rejected cleanly (HTTP 4xx,
//          or the in-process adapter refusing to encode it) outside the
//          upstream family; failed otherwise.
//   2. Rows that must score as the baseline (invariant cases, duplicates)
//      came back different: failed.
//   3. A status metric dropped by more than failed_drop: failed; by more
//      than degraded_drop: degraded (ROC AUC and accuracy absolute, RMSE
//      relative to the baseline).
//   4. More than degraded_changed_share of decisions changed: degraded.
//   5. Otherwise handled.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "airm/chaos/chaos_options.h"
#include "airm/chaos/chaos_result.h"

namespace airm::chaos::internal {

struct Judgement {
  CaseStatus status = CaseStatus::kHandled;
  std::string reason;
};

// The largest drop among the status metrics of `metrics` (roc_auc and
// accuracy: baseline - perturbed; rmse: (perturbed - baseline) / baseline);
// nullopt when none is defined. *which names the metric.
std::optional<double> WorstDrop(const std::vector<MetricChange>& metrics, std::string* which);

// Public in airm/chaos/chaos_result.h (the renderers word answers too).
using chaos::DescribeFailure;
using chaos::Served;

// REQUIRES: the case's primary / fallback / comparison fields are filled.
// `baseline_served`: whether the unperturbed batch was answered (without it
// no metric can be compared).
Judgement JudgeCase(const ChaosCase& c, bool invariant, bool baseline_served,
                    const StatusThresholds& thresholds);

}  // namespace airm::chaos::internal
