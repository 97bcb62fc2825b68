// CBPE: confidence-based performance estimation of a binary classifier on
// rows whose labels are not known yet (as NannyML's CBPE).
//
// Steps:
//   1. On the labelled reference, the scores are calibrated by isotonic
//      regression of the label on the score (airm/stats/isotonic.h), and the
//      sampling-error components of each metric are measured.
//   2. On the unlabelled rows, each row's calibrated probability p is its
//      expected share of a positive: a row predicted positive (score >=
//      threshold) adds p to the expected true positives and 1 - p to the false
//      positives; a row predicted negative adds p to the false negatives and
//      1 - p to the true negatives. Accuracy, precision, recall and F1 are read
//      from that expected confusion matrix.
//   3. ROC AUC (NannyML's CBPE method): every row counts as a positive with
//      weight p and as a negative with weight 1 - p, ordered by p; the
//      trapezoid area under the ROC curve these weights trace (ties in p
//      count one half; stats::RocAucOfAscending).
//   4. Sampling error (NannyML's approach): the standard deviation of the
//      metric's per-row parts on the reference divided by the square root of
//      the rows of the window that the metric rests on. ROC AUC has two parts,
//      as in DeLong et al. (1988): the positives' placements (share of
//      negatives below) and the negatives' (share of positives above), so
//      SE^2 = sd_pos^2 / (n p_pos) + sd_neg^2 / (n p_neg); NannyML keeps only
//      the minority class's term, which understates the error. The band is
//      the estimate ± 3 sampling errors, clipped to [0, 1].
// The estimate is only as good as the calibration: it assumes P(y | score) on
// the new rows is what it was on the reference (covariate shift, not concept
// drift). Reference values: scripts/fixtures/make_cbpe_fixtures.py
// (numpy / scikit-learn). Thread-safety: pure.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/stats/isotonic.h"
#include "airm/status.h"

namespace airm {

// The metrics CBPE estimates, in this order.
inline constexpr const char* kCbpeMetricNames[] = {"accuracy", "precision", "recall", "f1",
                                                   "roc_auc"};
inline constexpr int kCbpeMetricCount = 5;
inline constexpr double kCbpeBandSigmas = 3.0;

// One metric's sampling-error component on the reference: the standard
// deviation (numpy's, ddof 0) of its per-row parts and the share of reference
// rows they are taken over (accuracy: all rows; precision: predicted
// positives; recall: actual positives; F1: TP, FP and FN rows; ROC AUC: the
// positives, the negatives' term apart). Undefined when the reference has no
// such rows.
struct CbpeSamplingComponent {
  std::optional<double> std_dev;
  double fraction = 0;
};

struct CbpeCalibrator {
  stats::IsotonicFit calibration;  // score -> P(positive)
  double threshold = 0.5;          // predicted positive when score >= threshold
  uint64_t reference_rows = 0;
  double reference_positive_rate = 0;
  CbpeSamplingComponent sampling[kCbpeMetricCount];
  CbpeSamplingComponent auc_negatives;  // ROC AUC's second term (the negatives' placements)
};

struct CbpeMetric {
  std::string name;
  std::optional<double> value;           // nullopt: zero denominator (e.g. no predicted positive)
  std::optional<double> sampling_error;  // nullopt when the reference gives none
  std::optional<double> lower, upper;    // value ± 3 sampling errors, clipped to [0, 1]
};

struct CbpeEstimate {
  uint64_t rows = 0;  // rows estimated on
  // The expected confusion matrix (sums of calibrated probabilities).
  double true_positives = 0, false_positives = 0, false_negatives = 0, true_negatives = 0;
  std::vector<CbpeMetric> metrics;  // kCbpeMetricNames order
};

// CBPE on one segment of a window: the rows with one value of a segment
// column ("region" = "north") or one pair of values of two columns ("region &
// channel" = "north & web"), as evaluate's segments (airm/groups.h). The
// estimate of a segment rests on its rows only: fewer than the minimum rows
// and it keeps its point values but no sampling errors or bands
// (`sufficient` false: insufficient evidence, as a realized segment's
// intervals); an empty pair has rows 0 and no estimate.
struct SegmentEstimate {
  std::string column;                         // "A" or "A & B"
  std::string value;                          // "x" or "x & y"
  uint64_t rows = 0;                          // the segment's scored rows
  bool sufficient = false;                    // rows >= the minimum
  std::optional<CbpeEstimate> estimate = {};  // unset when rows == 0
};

// CBPE on one window as monitoring stores it (the `estimated` section of an
// evaluation window, airm/report/estimated_performance.h): what was estimated
// on, or why nothing was.
struct EstimatedPerformance {
  std::string status = "unavailable";  // ok | unavailable
  std::string note = "";               // why unavailable; else the assumption it rests on
  uint64_t rows = 0;                   // rows estimated on (all the window's rows with a score)
  uint64_t labelled_rows = 0;          // of those, already labelled (the estimate ignores labels)
  uint64_t rows_without_score = 0;     // skipped
  uint64_t reference_rows = 0;         // labelled reference rows the calibration was fitted on
  std::string positive_label = "";
  double threshold = 0.5;
  std::optional<CbpeEstimate> estimate = {};  // set when status is ok
  // Per segment when segment columns are configured and status is ok:
  // every value of each column, then every pair of columns.
  std::vector<SegmentEstimate> segments = {};
  uint64_t min_segment_rows = 0;  // the minimum rows for a segment's bands
};

// `estimate` without its sampling errors and bands: the point values of a
// segment with too few rows to state their uncertainty.
CbpeEstimate WithoutBands(CbpeEstimate estimate);

// Fits the calibration and the sampling components on the reference:
// `scores` in [0, 1], `labels` 1 = positive, 0 = negative. InvalidArgument
// (naming what is wrong) when the spans differ in length, a score is NaN or
// outside [0, 1], a label is not 0 or 1, or the reference lacks a class.
Result<CbpeCalibrator> FitCbpe(std::span<const double> scores, std::span<const uint8_t> labels,
                               double threshold);

// The estimate on unlabelled rows' scores. InvalidArgument when a score is
// NaN or outside [0, 1]; an empty span gives rows 0 and undefined metrics.
Result<CbpeEstimate> EstimateCbpe(const CbpeCalibrator& calibrator, std::span<const double> scores);

}  // namespace airm
