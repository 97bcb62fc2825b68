// AnalyzeEvaluation: risk-relevant evaluation of a scored table.
//
// A pure function (no I/O). The steps:
//   1. BuildEvalData: labels, predictions, scores (exclusions counted).
//   2. Headline metrics with confidence intervals (metrics.h).
//   3. Per-segment metrics for each segment column and each pair (groups.h).
//   4. Fairness for each sensitive attribute and each pair (groups.h).
//   5. Calibration overall and per segment (calibration.h).
//   6. Weak-slice search over the feature columns; the worst significant
//      slice becomes worst_case (slices.h).
//   7. Tail behaviour: unusualness against the reference (or the data), the
//      most unusual rows vs the rest, CVaR of the loss (tail.h).
//   8. Findings, most severe first.
// Steps 2-7 run concurrently (and their bootstraps on all cores); every
// number depends on the inputs and the seed only, not on the scheduling.
#pragma once

#include "airm/eval_result.h"
#include "airm/status.h"
#include "airm/table.h"

namespace airm {

Status ValidateEvalConfig(const EvalConfig& config);

// `reference` may be null; when given it bins numeric segments and anchors
// the unusualness score.
Result<EvalResult> AnalyzeEvaluation(const Table& data, const Table* reference,
                                     const EvalSpec& spec, const EvalConfig& config);

}  // namespace airm
