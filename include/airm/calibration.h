// Calibration: do the model's stated probabilities match observed frequencies?
//
// Definitions (bins, ECE variants, Brier decomposition, over/under-confidence)
// and how to read a reliability diagram: docs/calibration.md.
// Thread-safety: pure; safe to call concurrently.
#pragma once

#include <cstdint>
#include <span>

#include "airm/eval_data.h"
#include "airm/eval_result.h"

namespace airm {

// Calibration of the rows `rows` of `data` (indices into EvalData; ALL rows
// when `rows` is empty, as in ComputeMetrics -- a caller analysing an empty
// segment must not call this).
//   Binary with scores: reliability curve of P(positive) on `bins`
//   equal-width bins exactly as sklearn.calibration.calibration_curve(
//   strategy='uniform') bins it (edges numpy.linspace(0, 1, bins + 1), bin =
//   numpy.searchsorted(edges[1:-1], p), i.e. (e_b, e_b+1], the first bin
//   closed); `bins` lists every bin, empty ones with count 0 and no means.
//   ece = sum over non-empty bins of n_b/N |fraction_positive - mean_predicted|;
//   ece_equal_mass the same on strategy='quantile' bins; mce = max bin gap;
//   brier = mean (p - y)^2 and its Murphy (1973) decomposition on the uniform
//   bins; overconfidence_rate = share of rows in bins whose mean prediction is
//   above the 95% Wilson interval of the observed frequency,
//   underconfidence_rate = share in bins whose mean is below it.
//   Multiclass with probabilities: the same on the top label (confidence =
//   max probability, correct = first argmax equals the label); classwise_ece
//   = mean over classes of the one-vs-rest uniform ECE; no Brier numbers.
// Not available (available = false, note says why): no scores, regression,
// bins < 1, no rows, probabilities outside [0, 1]. Rows with a NaN score are
// skipped and counted in the note. ece_by_segment is left to the caller.
CalibrationResult AnalyzeCalibration(const EvalData& data, std::span<const uint32_t> rows,
                                     int bins);

}  // namespace airm
