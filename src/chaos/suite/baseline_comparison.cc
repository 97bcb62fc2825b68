#include "baseline_comparison.h"

#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/eval_data.h"
#include "airm/metrics.h"

namespace airm::chaos::internal {
namespace {

std::vector<MetricKind> KindsFor(bool binary) {
  if (binary) return {MetricKind::kRocAuc, MetricKind::kAccuracy, MetricKind::kLogLoss};
  return {MetricKind::kRmse};
}

MetricRows RowsOf(const ModelInput& input, double threshold) {
  MetricRows rows;
  rows.binary = input.binary;
  rows.labels = input.labels;
  rows.values = input.values;
  rows.threshold = threshold;
  return rows;
}

// The rows `keep` of the input as EvalData, scored by `scores` (indexed like
// the input), so airm's own metric code computes the point values.
EvalData MakeEvalData(const ModelInput& input, std::span<const double> scores,
                      std::span<const uint32_t> keep, double threshold) {
  EvalData data;
  data.task = input.binary ? TaskType::kBinary : TaskType::kRegression;
  data.threshold = threshold;
  data.rows_total = keep.size();
  if (input.binary) data.classes = {input.negative_label, input.positive_label};
  for (uint32_t r : keep) {
    data.source_rows.push_back(r);
    if (input.binary) {
      data.y_true.push_back(input.labels[r]);
      data.y_pred.push_back(scores[r] >= threshold ? 1 : 0);
      data.score.push_back(scores[r]);
    } else {
      data.y_value.push_back(input.values[r]);
      data.y_hat.push_back(scores[r]);
    }
  }
  return data;
}

MetricValue Lookup(const MetricMap& map, MetricKind kind) {
  auto it = map.find(MetricName(kind));
  if (it != map.end()) return it->second;
  MetricValue missing;
  missing.note = "insufficient evidence: not computable on these rows";
  return missing;
}

}  // namespace

BaselineComparison::BaselineComparison(const ModelInput& input, std::vector<double> baseline_scores,
                                       const ChaosOptions& options)
    : input_(input),
      baseline_(baseline_scores),
      options_(options),
      kinds_(KindsFor(input.binary)),
      bootstrap_(RowsOf(input, options.threshold), std::move(baseline_scores), kinds_,
                 {.replicates = options.bootstrap,
                  .seed = options.seed,
                  .confidence = options.confidence}) {
  if (!input.binary && !baseline_.empty()) {
    const double mean = std::accumulate(baseline_.begin(), baseline_.end(), 0.0) / baseline_.size();
    double ss = 0;
    for (double s : baseline_) ss += (s - mean) * (s - mean);
    const double sd = std::sqrt(ss / baseline_.size());
    regression_scale_ = sd > 0 ? sd : 1.0;
  }
}

MetricMap BaselineComparison::BaselineMetrics() const {
  std::vector<uint32_t> all(input_.rows());
  std::iota(all.begin(), all.end(), 0u);
  const EvalData full = MakeEvalData(input_, baseline_, all, options_.threshold);
  MetricMap computed = ComputeMetrics(
      full, {},
      {.bootstrap = options_.bootstrap, .seed = options_.seed, .confidence = options_.confidence});
  MetricMap out;
  for (MetricKind kind : kinds_) out[MetricName(kind)] = Lookup(computed, kind);
  return out;
}

bool BaselineComparison::Changed(double baseline, double score) const {
  if (input_.binary) {
    return (score >= options_.threshold) != (baseline >= options_.threshold);
  }
  return std::abs(score - baseline) >
         options_.thresholds.regression_change_tolerance * regression_scale_;
}

Comparison BaselineComparison::Compare(std::span<const double> scores,
                                       std::span<const uint8_t> affected) const {
  Comparison out;
  std::vector<uint32_t> keep;
  keep.reserve(scores.size());
  uint64_t changed = 0, affected_rows = 0, affected_changed = 0;
  double max_change = 0, sum_change = 0;
  for (uint32_t r = 0; r < scores.size(); ++r) {
    if (std::isnan(scores[r])) continue;
    keep.push_back(r);
    const bool is_changed = Changed(baseline_[r], scores[r]);
    changed += is_changed;
    const bool is_affected = !affected.empty() && affected[r];
    affected_rows += is_affected;
    affected_changed += is_affected && is_changed;
    const double change = std::abs(scores[r] - baseline_[r]);
    max_change = std::max(max_change, change);
    sum_change += change;
  }
  out.rows_compared = keep.size();
  if (keep.empty()) {
    for (MetricKind kind : kinds_) {
      MetricChange m;
      m.metric = MetricName(kind);
      m.note = "insufficient evidence: no row was answered";
      out.metrics.push_back(m);
    }
    return out;
  }
  const double n = static_cast<double>(keep.size());
  out.changed_share = changed / n;
  if (affected_rows > 0) out.changed_share_affected = affected_changed / double(affected_rows);
  out.max_abs_score_change = max_change;
  out.mean_abs_score_change = sum_change / n;

  const MetricMap base =
      ComputePointMetrics(MakeEvalData(input_, baseline_, keep, options_.threshold), {});
  const MetricMap pert =
      ComputePointMetrics(MakeEvalData(input_, scores, keep, options_.threshold), {});

  // Intervals: over all rows with the cached baseline replicates; over a
  // subset (an oversized batch shorter than the data) with a fresh bootstrap.
  std::vector<DeltaInterval> intervals;
  if (keep.size() == baseline_.size()) {
    intervals = bootstrap_.Intervals(scores);
  } else {
    std::vector<double> sub_base, sub_scores, sub_values;
    std::vector<uint8_t> sub_labels;
    for (uint32_t r : keep) {
      sub_base.push_back(baseline_[r]);
      sub_scores.push_back(scores[r]);
      if (input_.binary) {
        sub_labels.push_back(input_.labels[r]);
      } else {
        sub_values.push_back(input_.values[r]);
      }
    }
    MetricRows rows{.binary = input_.binary,
                    .labels = sub_labels,
                    .values = sub_values,
                    .threshold = options_.threshold};
    PairedBootstrap subset(rows, std::move(sub_base), kinds_,
                           {.replicates = options_.bootstrap,
                            .seed = options_.seed,
                            .confidence = options_.confidence});
    intervals = subset.Intervals(sub_scores);
  }

  for (size_t k = 0; k < kinds_.size(); ++k) {
    MetricChange m;
    m.metric = MetricName(kinds_[k]);
    const MetricValue b = Lookup(base, kinds_[k]);
    const MetricValue p = Lookup(pert, kinds_[k]);
    m.baseline = b.value;
    m.perturbed = p.value;
    if (b.value && p.value) {
      m.delta = *p.value - *b.value;
      m.ci_low = intervals[k].low;
      m.ci_high = intervals[k].high;
      if (!intervals[k].low) m.note = intervals[k].note;
    } else {
      m.note = !b.note.empty() ? b.note : p.note;
      if (m.note.empty()) m.note = "insufficient evidence: undefined on these rows";
      if (m.note.rfind("insufficient evidence", 0) != 0)
        m.note = "insufficient evidence: " + m.note;
    }
    out.metrics.push_back(std::move(m));
  }
  return out;
}

}  // namespace airm::chaos::internal
