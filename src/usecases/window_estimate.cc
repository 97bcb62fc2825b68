#include "window_estimate.h"

#include <utility>
#include <vector>

#include "airm/groups.h"

namespace airm::usecases::internal {

namespace {

EstimatedPerformance Unavailable(std::string note) {
  EstimatedPerformance e;
  e.status = "unavailable";
  e.note = std::move(note);
  return e;
}

// The estimate of one segment: its rows' scores (positions into `scores`).
Result<SegmentEstimate> EstimateSegment(const CbpeCalibrator& calibrator,
                                        const std::vector<double>& scores, std::string column,
                                        RowGroup group, uint64_t min_rows) {
  SegmentEstimate s{.column = std::move(column),
                    .value = std::move(group.label),
                    .rows = group.rows.size(),
                    .sufficient = !group.rows.empty() && group.rows.size() >= min_rows};
  if (group.rows.empty()) return s;
  std::vector<double> segment_scores;
  segment_scores.reserve(group.rows.size());
  for (uint32_t i : group.rows) segment_scores.push_back(scores[i]);
  AIRM_ASSIGN_OR_RETURN(CbpeEstimate estimate, EstimateCbpe(calibrator, segment_scores));
  s.estimate = s.sufficient ? std::move(estimate) : WithoutBands(std::move(estimate));
  return s;
}

// Every segment of the window's scored rows (`scored`: their window rows,
// `scores` their scores), grouped as evaluate groups labelled rows
// (SegmentGroups): each column's values first, then each pair of columns.
Result<std::vector<SegmentEstimate>> EstimateSegments(const CbpeCalibrator& calibrator,
                                                      const Table& reference, const Table& window,
                                                      std::vector<uint32_t> scored,
                                                      const std::vector<double>& scores,
                                                      const EvalConfig& config,
                                                      const std::string& context) {
  // GroupRows reads only which table row each position is.
  EvalData rows;
  rows.source_rows = std::move(scored);
  Result<std::vector<SegmentGroup>> segments = SegmentGroups(window, rows, config, &reference);
  if (!segments.ok()) {
    return Status::InvalidArgument(context + ": segment " + segments.status().raw_message());
  }
  std::vector<SegmentEstimate> out;
  for (SegmentGroup& s : *segments) {
    AIRM_ASSIGN_OR_RETURN(SegmentEstimate estimate,
                          EstimateSegment(calibrator, scores, std::move(s.column),
                                          std::move(s.group), config.min_group_rows));
    out.push_back(std::move(estimate));
  }
  return out;
}

}  // namespace

Result<EstimatedPerformance> EstimateWindowPerformance(const Table& reference, const Table& window,
                                                       const EvalSpec& spec,
                                                       const EvalConfig& config,
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
  std::vector<uint32_t> scored;  // the window row of each score
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
    scored.push_back(static_cast<uint32_t>(row));
    if (target_idx && window.column(*target_idx).IsValid(row)) ++e.labelled_rows;
  }
  e.rows = scores.size();
  Result<CbpeEstimate> estimate = EstimateCbpe(*calibrator, scores);
  if (!estimate.ok())
    return Status(estimate.status().code(), context + ": " + estimate.status().message());
  e.estimate = std::move(estimate).value();
  if (!config.segment_columns.empty()) {
    e.min_segment_rows = config.min_group_rows;
    AIRM_ASSIGN_OR_RETURN(e.segments, EstimateSegments(*calibrator, reference, window,
                                                       std::move(scored), scores, config, context));
  }
  e.status = "ok";
  e.note =
      "an estimate, not a measurement: it assumes P(label | score) is what it was on the "
      "reference (covariate shift, not concept drift)";
  return e;
}

}  // namespace airm::usecases::internal
