#include "window_estimate.h"

#include <vector>

namespace airm::usecases::internal {

namespace {

EstimatedPerformance Unavailable(std::string note) {
  EstimatedPerformance e;
  e.status = "unavailable";
  e.note = std::move(note);
  return e;
}

}  // namespace

Result<EstimatedPerformance> EstimateWindowPerformance(const Table& reference, const Table& window,
                                                       const EvalSpec& spec,
                                                       const std::string& context) {
  if (spec.score.empty()) {
    return Unavailable("CBPE needs a score (roles.score): the calibrated probability of each row");
  }
  // The calibration is fitted on the reference's labelled, scored rows, with
  // the positive label and threshold evaluation uses.
  Result<EvalData> ref = BuildEvalData(reference, spec);
  if (!ref.ok()) {
    return Unavailable("the reference cannot calibrate the scores: " + ref.status().message());
  }
  if (ref->task != TaskType::kBinary || ref->score.empty()) {
    return Unavailable("CBPE here covers binary classification with a score");
  }
  std::vector<uint8_t> labels(ref->y_true.begin(), ref->y_true.end());
  Result<CbpeCalibrator> calibrator = FitCbpe(ref->score, labels, ref->threshold);
  if (!calibrator.ok()) return Unavailable(calibrator.status().message());

  std::optional<size_t> score_idx = window.FindColumn(spec.score);
  if (!score_idx) {
    return Status::InvalidArgument(context + ": the score column '" + spec.score +
                                   "' is not in the data");
  }
  const Column& score = window.column(*score_idx);
  if (!score.is_numeric()) {
    return Status::InvalidArgument(context + ": the score column '" + spec.score +
                                   "' is not numeric");
  }
  std::optional<size_t> target_idx = window.FindColumn(spec.target);
  EstimatedPerformance e;
  e.reference_rows = labels.size();
  e.positive_label = ref->classes[1];
  e.threshold = ref->threshold;
  std::vector<double> scores;
  for (size_t row = 0; row < window.num_rows(); ++row) {
    if (!score.IsValid(row)) {
      ++e.rows_without_score;
      continue;
    }
    const double value = score.NumericAt(row);
    if (!(value >= 0.0 && value <= 1.0)) {
      return Status::InvalidArgument(context + ": the score '" + spec.score + "' of window row " +
                                     std::to_string(row + 1) + " is " + std::to_string(value) +
                                     "; CBPE needs probabilities in [0, 1]");
    }
    scores.push_back(value);
    if (target_idx && window.column(*target_idx).IsValid(row)) ++e.labelled_rows;
  }
  e.rows = scores.size();
  Result<CbpeEstimate> estimate = EstimateCbpe(*calibrator, scores);
  if (!estimate.ok())
    return Status(estimate.status().code(), context + ": " + estimate.status().message());
  e.estimate = std::move(estimate).value();
  e.status = "ok";
  e.note =
      "an estimate, not a measurement: it assumes P(label | score) is what it was on the "
      "reference (covariate shift, not concept drift)";
  return e;
}

}  // namespace airm::usecases::internal
