#include "airm/cbpe.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/stats/roc_auc.h"

namespace airm {

namespace {

enum MetricIndex { kAccuracy = 0, kPrecision, kRecall, kF1, kRocAuc };

Status CheckScores(std::span<const double> scores, const char* what) {
  for (size_t i = 0; i < scores.size(); ++i) {
    if (!(scores[i] >= 0.0 && scores[i] <= 1.0)) {
      return Status::InvalidArgument(std::string(what) + " score at row " + std::to_string(i) +
                                     " is " + (std::isnan(scores[i]) ? "NaN" : "outside [0, 1]") +
                                     "; CBPE needs probabilities");
    }
  }
  return Status::Ok();
}

// numpy.std (ddof 0) of the values, scaled by `factor`; nullopt when empty.
CbpeSamplingComponent Component(const std::vector<double>& values, double factor,
                                size_t reference_rows) {
  CbpeSamplingComponent c;
  if (values.empty()) return c;
  const double n = static_cast<double>(values.size());
  const double mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double ss = 0;
  for (double v : values) ss += (v - mean) * (v - mean);
  c.std_dev = factor * std::sqrt(ss / n);
  c.fraction = n / static_cast<double>(reference_rows);
  return c;
}

// Each row's placement among the other class (DeLong et al. 1988): a
// positive's share of negatives scored below it, a negative's share of
// positives scored above it, ties counting one half. Either class's mean is
// the AUC.
std::vector<double> Placements(std::span<const double> scores, std::span<const uint8_t> labels,
                               uint8_t of_class) {
  std::vector<double> other;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] != of_class) other.push_back(scores[i]);
  }
  std::sort(other.begin(), other.end());
  std::vector<double> placements;
  for (size_t i = 0; i < scores.size(); ++i) {
    if (labels[i] != of_class) continue;
    const auto below = std::lower_bound(other.begin(), other.end(), scores[i]) - other.begin();
    const auto not_above = std::upper_bound(other.begin(), other.end(), scores[i]) - other.begin();
    const double tied = static_cast<double>(not_above - below);
    const double beaten =
        of_class == 1 ? static_cast<double>(below) : static_cast<double>(other.size() - not_above);
    placements.push_back((beaten + 0.5 * tied) / static_cast<double>(other.size()));
  }
  return placements;
}

std::optional<double> Ratio(double numerator, double denominator) {
  if (denominator <= 0) return std::nullopt;
  return numerator / denominator;
}

}  // namespace

Result<CbpeCalibrator> FitCbpe(std::span<const double> scores, std::span<const uint8_t> labels,
                               double threshold) {
  if (scores.size() != labels.size()) {
    return Status::InvalidArgument("CBPE reference: " + std::to_string(scores.size()) +
                                   " scores but " + std::to_string(labels.size()) + " labels");
  }
  AIRM_RETURN_IF_ERROR(CheckScores(scores, "CBPE reference"));
  size_t positives = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    if (labels[i] > 1) {
      return Status::InvalidArgument("CBPE reference: label at row " + std::to_string(i) +
                                     " is not 0 or 1");
    }
    positives += labels[i];
  }
  if (positives == 0 || positives == labels.size()) {
    return Status::InvalidArgument(
        "CBPE reference: needs labelled rows of both classes to calibrate the scores (" +
        std::to_string(positives) + " positive of " + std::to_string(labels.size()) + ")");
  }
  std::vector<double> outcome(labels.begin(), labels.end());
  std::optional<stats::IsotonicFit> fit = stats::FitIsotonic(scores, outcome);
  if (!fit) return Status::Internal("CBPE reference: isotonic fit refused checked scores");

  CbpeCalibrator c;
  c.calibration = std::move(*fit);
  c.threshold = threshold;
  c.reference_rows = labels.size();
  c.reference_positive_rate = static_cast<double>(positives) / static_cast<double>(labels.size());

  // Per-row parts of each metric on the reference (NannyML's sampling-error
  // components): accuracy's correct/incorrect over every row; precision's
  // over predicted positives; recall's over actual positives; F1's TP rows 1,
  // FP and FN rows 0, scaled so that their mean is the F1.
  std::vector<double> correct, precision_parts, recall_parts, f1_parts;
  double tp = 0, fp = 0, fn = 0;
  for (size_t i = 0; i < labels.size(); ++i) {
    const bool predicted = scores[i] >= threshold;
    const bool actual = labels[i] == 1;
    correct.push_back(predicted == actual ? 1.0 : 0.0);
    if (predicted) precision_parts.push_back(actual ? 1.0 : 0.0);
    if (actual) recall_parts.push_back(predicted ? 1.0 : 0.0);
    if (predicted && actual) {
      f1_parts.push_back(1.0);
      ++tp;
    } else if (predicted || actual) {
      f1_parts.push_back(0.0);
      (predicted ? fp : fn) += 1;
    }
  }
  const size_t n = labels.size();
  c.sampling[kAccuracy] = Component(correct, 1.0, n);
  c.sampling[kPrecision] = Component(precision_parts, 1.0, n);
  c.sampling[kRecall] = Component(recall_parts, 1.0, n);
  // F1 = 2TP / (2TP + FP + FN) = mean of the parts times (TP + FP + FN) / (TP + (FP + FN) / 2).
  c.sampling[kF1] = tp + fp + fn > 0
                        ? Component(f1_parts, (tp + fp + fn) / (tp + 0.5 * (fp + fn)), n)
                        : CbpeSamplingComponent{};
  c.sampling[kRocAuc] = Component(Placements(scores, labels, 1), 1.0, n);
  c.auc_negatives = Component(Placements(scores, labels, 0), 1.0, n);
  return c;
}

Result<CbpeEstimate> EstimateCbpe(const CbpeCalibrator& calibrator,
                                  std::span<const double> scores) {
  AIRM_RETURN_IF_ERROR(CheckScores(scores, "CBPE window"));
  CbpeEstimate e;
  e.rows = scores.size();
  std::vector<double> p(scores.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    p[i] = stats::PredictIsotonic(calibrator.calibration, scores[i]);
    if (scores[i] >= calibrator.threshold) {
      e.true_positives += p[i];
      e.false_positives += 1.0 - p[i];
    } else {
      e.false_negatives += p[i];
      e.true_negatives += 1.0 - p[i];
    }
  }
  const double tp = e.true_positives, fp = e.false_positives, fn = e.false_negatives,
               tn = e.true_negatives;
  std::optional<double> values[kCbpeMetricCount] = {Ratio(tp + tn, tp + fp + fn + tn),
                                                    Ratio(tp, tp + fp), Ratio(tp, tp + fn),
                                                    Ratio(2 * tp, 2 * tp + fp + fn), std::nullopt};

  // Every row is a positive of weight p and a negative of weight 1 - p
  // (positions 2i and 2i + 1), walked in ascending p.
  std::vector<size_t> order(p.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return p[a] < p[b]; });
  auto p_at = [&](size_t position) { return p[order[position / 2]]; };
  auto group_end = [&](size_t begin) {
    const double value = p_at(begin);
    size_t end = begin + 1;
    while (end < 2 * p.size() && p_at(end) == value) ++end;
    return end;
  };
  values[kRocAuc] = stats::RocAucOfAscending(
      2 * p.size(), group_end, [](size_t position) { return position % 2 == 0; },
      [&](size_t position) { return position % 2 == 0 ? p_at(position) : 1.0 - p_at(position); });

  for (int m = 0; m < kCbpeMetricCount; ++m) {
    CbpeMetric metric{.name = kCbpeMetricNames[m],
                      .value = values[m],
                      .sampling_error = std::nullopt,
                      .lower = std::nullopt,
                      .upper = std::nullopt};
    const CbpeSamplingComponent& c = calibrator.sampling[m];
    const double rows = static_cast<double>(e.rows) * c.fraction;
    if (c.std_dev && rows > 0) metric.sampling_error = *c.std_dev / std::sqrt(rows);
    if (m == kRocAuc && metric.sampling_error) {
      // DeLong's second term, the negatives' placements.
      const CbpeSamplingComponent& neg = calibrator.auc_negatives;
      const double neg_rows = static_cast<double>(e.rows) * neg.fraction;
      if (neg.std_dev && neg_rows > 0) {
        metric.sampling_error = std::sqrt(*metric.sampling_error * *metric.sampling_error +
                                          *neg.std_dev * *neg.std_dev / neg_rows);
      } else {
        metric.sampling_error.reset();
      }
    }
    if (metric.value && metric.sampling_error) {
      metric.lower = std::max(0.0, *metric.value - kCbpeBandSigmas * *metric.sampling_error);
      metric.upper = std::min(1.0, *metric.value + kCbpeBandSigmas * *metric.sampling_error);
    }
    e.metrics.push_back(std::move(metric));
  }
  return e;
}

CbpeEstimate WithoutBands(CbpeEstimate estimate) {
  for (CbpeMetric& m : estimate.metrics) {
    m.sampling_error.reset();
    m.lower.reset();
    m.upper.reset();
  }
  return estimate;
}

}  // namespace airm
