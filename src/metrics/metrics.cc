// ComputeMetrics / ComputePointMetrics: point estimates plus intervals.
//
// Steps of ComputeMetrics:
//   1. Build the compact view of the rows (one sort: by score, |error|, or per
//      class probability).
//   2. Point estimates of every metric of the task.
//   3. Closed-form intervals: Wilson from each proportion's own counts,
//      DeLong for the binary ROC AUC.
//   4. The remaining metrics get a seeded, stratified percentile bootstrap
//      (bootstrap.h): each resample draws, within each true class
//      (regression: all rows), as many positions as the class has, with
//      replacement, as multiplicities over the view; the kernels then run on
//      those weights without re-sorting, so a resample costs O(n) (O(n K)
//      for multiclass).
#include "airm/metrics.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "airm/eval_counts.h"
#include "bootstrap.h"
#include "metric_kernels.h"

namespace airm {
namespace {

using eval_internal::ComputePoints;
using eval_internal::IntervalKind;
using eval_internal::MetricView;
using eval_internal::PointMode;
using eval_internal::PointValue;

MetricMap ToMap(const std::vector<PointValue>& points) {
  MetricMap out;
  for (const PointValue& p : points) {
    MetricValue& m = out[p.name];
    m.value = p.value;
    m.note = p.note;
  }
  return out;
}

void AppendNote(MetricValue* m, const std::string& note) {
  if (!m->note.empty()) m->note += "; ";
  m->note += note;
}

// Each proportion's Wilson interval from its own counts, into *out (the
// points' map). False, with a note on every metric, when `confidence` is not
// in (0, 1): then no interval can be given.
bool AddWilsonIntervals(const std::vector<PointValue>& points, double confidence, MetricMap* out) {
  if (!(confidence > 0 && confidence < 1)) {
    for (auto& [name, m] : *out) AppendNote(&m, "no interval: confidence must be in (0, 1)");
    return false;
  }
  for (const PointValue& p : points) {
    if (!p.value || p.interval != IntervalKind::kWilson || p.trials == 0) continue;
    const Interval ci = WilsonInterval(p.successes, p.trials, confidence);
    MetricValue& m = (*out)[p.name];
    m.ci_low = ci.low;
    m.ci_high = ci.high;
    m.ci_method = "wilson";
  }
  return true;
}

}  // namespace

MetricMap ComputePointMetrics(const EvalData& data, std::span<const uint32_t> rows) {
  const MetricView view = eval_internal::BuildView(data, rows);
  return ToMap(ComputePoints(view, {}, PointMode::kAll));
}

MetricMap ComputeMetrics(const EvalData& data, std::span<const uint32_t> rows,
                         const MetricOptions& options) {
  const MetricView view = eval_internal::BuildView(data, rows);
  const std::vector<PointValue> points = ComputePoints(view, {}, PointMode::kAll);
  MetricMap out = ToMap(points);
  if (!AddWilsonIntervals(points, options.confidence, &out)) return out;
  for (const PointValue& p : points) {
    if (!p.value) continue;
    MetricValue& m = out[p.name];
    if (p.interval == IntervalKind::kDeLong) {
      std::vector<uint8_t> labels(view.size);
      for (size_t i = 0; i < view.size; ++i) labels[i] = view.y[i] == 1 ? 1 : 0;
      const std::optional<Interval> ci =
          DeLongInterval(view.score, labels, options.confidence, nullptr, nullptr);
      if (ci) {
        m.ci_low = ci->low;
        m.ci_high = ci->high;
        m.ci_method = "delong";
      } else {
        AppendNote(&m, "no DeLong interval: a class has fewer than two rows");
      }
    }
  }
  eval_internal::AddBootstrapIntervals(view, points, options, &out);
  return out;
}

MetricMap MetricsFromCounts(const ConfusionCounts& counts, std::optional<double> confidence) {
  const std::vector<PointValue> points = eval_internal::ConfusionPoints(
      static_cast<double>(counts.tp), static_cast<double>(counts.fp),
      static_cast<double>(counts.tn), static_cast<double>(counts.fn));
  MetricMap out = ToMap(points);
  if (!confidence || !AddWilsonIntervals(points, *confidence, &out)) return out;
  for (const PointValue& p : points) {
    if (p.value && p.interval == IntervalKind::kBootstrap) {
      AppendNote(&out[p.name],
                 "no interval: its bootstrap interval needs the rows, not their counts");
    }
  }
  return out;
}

}  // namespace airm
