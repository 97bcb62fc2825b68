// Metric kernels. Formulas, undefined cases and scikit-learn equivalents are
// in docs/metrics.md; comments here only say why a computation looks the way
// it does.
#include "metric_kernels.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>

#include "airm/stats/quantile.h"
#include "airm/stats/roc_auc.h"
#include "score_index.h"

namespace airm::eval_internal {
namespace {

// sklearn 1.2.1 log_loss(eps="auto") clips at the float64 machine epsilon.
constexpr double kLogLossEps = DBL_EPSILON;

double Clip(double p) { return std::min(std::max(p, kLogLossEps), 1 - kLogLossEps); }

class Weights {
 public:
  explicit Weights(std::span<const uint32_t> w) : w_(w) {}
  double operator[](size_t i) const { return w_.empty() ? 1.0 : static_cast<double>(w_[i]); }

 private:
  std::span<const uint32_t> w_;
};

std::optional<double> Ratio(double num, double den) {
  if (den == 0) return std::nullopt;
  return num / den;
}

PointValue Proportion(const char* name, double successes, double trials, const char* undefined) {
  PointValue v;
  v.name = name;
  v.interval = IntervalKind::kWilson;
  v.value = Ratio(successes, trials);
  if (!v.value) v.note = undefined;
  v.successes = static_cast<uint64_t>(successes);
  v.trials = static_cast<uint64_t>(trials);
  return v;
}

PointValue Estimate(const char* name, std::optional<double> value, IntervalKind interval,
                    std::string undefined) {
  PointValue v;
  v.name = name;
  v.interval = interval;
  v.value = value;
  if (!value) v.note = std::move(undefined);
  return v;
}

// sklearn's average_precision_score: sum over distinct thresholds (from the
// highest score down) of (R_k - R_{k-1}) * P_k, no interpolation.
std::optional<double> AveragePrecision(const MetricView& v, const Weights& w) {
  double positives = 0;
  for (size_t i = 0; i < v.size; ++i) positives += v.y[i] == 1 ? w[i] : 0;
  if (positives == 0) return std::nullopt;
  double tp = 0, fp = 0, ap = 0;
  size_t end = v.size;
  while (end > 0) {
    size_t begin = end;
    const double s = v.score[end - 1];
    double group_tp = 0;
    while (begin > 0 && v.score[begin - 1] == s) {
      --begin;
      if (v.y[begin] == 1) {
        group_tp += w[begin];
      } else {
        fp += w[begin];
      }
    }
    tp += group_tp;
    if (group_tp > 0) ap += (group_tp / positives) * (tp / (tp + fp));
    end = begin;
  }
  return ap;
}

std::optional<double> WeightedMean(std::span<const double> values, const Weights& w) {
  double sum = 0, total = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    sum += w[i] * values[i];
    total += w[i];
  }
  return Ratio(sum, total);
}

}  // namespace

std::vector<PointValue> ConfusionPoints(double tp, double fp, double tn, double fn) {
  const double n = tp + fp + tn + fn;
  const double p = tp + fn, q = tn + fp;
  std::vector<PointValue> out;
  out.reserve(14);
  out.push_back(Proportion("accuracy", tp + tn, n, "undefined: no rows"));
  std::optional<double> balanced;
  if (p > 0 && q > 0) balanced = (tp / p + tn / q) / 2;
  out.push_back(Estimate("balanced_accuracy", balanced, IntervalKind::kBootstrap,
                         n == 0   ? "undefined: no rows"
                         : p == 0 ? "undefined: no actual positives"
                                  : "undefined: no actual negatives"));
  out.push_back(Proportion("precision", tp, tp + fp, "undefined: no predicted positives"));
  out.push_back(Proportion("recall", tp, p, "undefined: no actual positives"));
  out.push_back(Proportion("specificity", tn, q, "undefined: no actual negatives"));
  out.push_back(Estimate("f1", Ratio(2 * tp, 2 * tp + fp + fn), IntervalKind::kBootstrap,
                         "undefined: no actual and no predicted positives"));
  out.push_back(Proportion("fpr", fp, q, "undefined: no actual negatives"));
  out.push_back(Proportion("fnr", fn, p, "undefined: no actual positives"));
  out.push_back(Proportion("selection_rate", tp + fp, n, "undefined: no rows"));
  out.push_back(Proportion("error_rate", fp + fn, n, "undefined: no rows"));
  return out;
}

namespace {

std::vector<PointValue> BinaryPoints(const MetricView& v, const Weights& w, PointMode mode) {
  double tp = 0, fp = 0, tn = 0, fn = 0;
  for (size_t i = 0; i < v.size; ++i) {
    const double wi = w[i];
    if (v.y[i] == 1) {
      (v.pred[i] == 1 ? tp : fn) += wi;
    } else {
      (v.pred[i] == 1 ? fp : tn) += wi;
    }
  }
  const double n = tp + fp + tn + fn;
  const double p = tp + fn;
  std::vector<PointValue> out = ConfusionPoints(tp, fp, tn, fn);
  if (v.score.empty()) return out;

  const char* one_class = n == 0   ? "undefined: no rows"
                          : p == 0 ? "undefined: no actual positives"
                                   : "undefined: no actual negatives";
  if (mode == PointMode::kAll) {
    out.push_back(
        Estimate("roc_auc",
                 stats::RocAucOfAscending(
                     v.size, stats::TieGroupEnd(v.size, [&](size_t i) { return v.score[i]; }),
                     [&](size_t i) { return v.y[i] == 1; }, [&](size_t i) { return w[i]; }),
                 IntervalKind::kDeLong, one_class));
  }
  out.push_back(Estimate("average_precision", AveragePrecision(v, w), IntervalKind::kBootstrap,
                         "undefined: no actual positives"));
  out.push_back(Estimate("log_loss", WeightedMean(v.log_loss, w), IntervalKind::kBootstrap,
                         "undefined: no rows"));
  out.push_back(
      Estimate("brier", WeightedMean(v.brier, w), IntervalKind::kBootstrap, "undefined: no rows"));
  return out;
}

// Macro and support-weighted averages over the classes where the per-class
// metric is defined; the others are named in the note, never counted as 0.
struct Averaged {
  std::optional<double> macro, weighted;
  std::string note;
};

Averaged Average(const std::vector<std::optional<double>>& per_class,
                 const std::vector<double>& support, const std::vector<std::string>& names,
                 const char* why) {
  double sum = 0, count = 0, weighted_sum = 0, weight = 0;
  std::string skipped;
  for (size_t c = 0; c < per_class.size(); ++c) {
    if (!per_class[c]) {
      if (!skipped.empty()) skipped += ", ";
      skipped += c < names.size() ? "'" + names[c] + "'" : std::to_string(c);
      continue;
    }
    sum += *per_class[c];
    count += 1;
    weighted_sum += *per_class[c] * support[c];
    weight += support[c];
  }
  Averaged a;
  a.macro = Ratio(sum, count);
  a.weighted = Ratio(weighted_sum, weight);
  if (!skipped.empty()) a.note = std::string("classes excluded (") + why + "): " + skipped;
  return a;
}

std::vector<PointValue> MulticlassPoints(const MetricView& v, const Weights& w) {
  const std::vector<std::string>& class_names = v.class_names;
  const size_t k = v.num_classes;
  std::vector<double> true_count(k, 0), pred_count(k, 0), correct(k, 0);
  for (size_t i = 0; i < v.size; ++i) {
    const double wi = w[i];
    true_count[static_cast<size_t>(v.y[i])] += wi;
    pred_count[static_cast<size_t>(v.pred[i])] += wi;
    if (v.y[i] == v.pred[i]) correct[static_cast<size_t>(v.y[i])] += wi;
  }
  const double n = std::accumulate(true_count.begin(), true_count.end(), 0.0);
  const double hits = std::accumulate(correct.begin(), correct.end(), 0.0);
  std::vector<std::optional<double>> precision(k), recall(k), f1(k);
  for (size_t c = 0; c < k; ++c) {
    precision[c] = Ratio(correct[c], pred_count[c]);
    recall[c] = Ratio(correct[c], true_count[c]);
    f1[c] = Ratio(2 * correct[c], true_count[c] + pred_count[c]);
  }
  const Averaged p = Average(precision, true_count, class_names, "never predicted");
  const Averaged r = Average(recall, true_count, class_names, "no actual rows");
  const Averaged f = Average(f1, true_count, class_names, "neither actual nor predicted");

  std::vector<PointValue> out;
  out.reserve(14);
  out.push_back(Proportion("accuracy", hits, n, "undefined: no rows"));
  out.push_back(Proportion("error_rate", n - hits, n, "undefined: no rows"));
  auto with_note = [](PointValue value, const std::string& note) {
    if (value.value && !note.empty()) value.note = note;
    return value;
  };
  const std::string none = "undefined: no rows";
  out.push_back(
      with_note(Estimate("balanced_accuracy", r.macro, IntervalKind::kBootstrap, none), r.note));
  out.push_back(with_note(Estimate("macro_precision", p.macro, IntervalKind::kBootstrap,
                                   "undefined: no class was predicted"),
                          p.note));
  out.push_back(
      with_note(Estimate("macro_recall", r.macro, IntervalKind::kBootstrap, none), r.note));
  out.push_back(with_note(Estimate("macro_f1", f.macro, IntervalKind::kBootstrap, none), f.note));
  out.push_back(with_note(Estimate("weighted_precision", p.weighted, IntervalKind::kBootstrap,
                                   "undefined: no class was predicted"),
                          p.note));
  out.push_back(
      with_note(Estimate("weighted_recall", r.weighted, IntervalKind::kBootstrap, none), r.note));
  out.push_back(
      with_note(Estimate("weighted_f1", f.weighted, IntervalKind::kBootstrap, none), f.note));
  if (v.by_proba.empty()) return out;

  out.push_back(Estimate("log_loss", WeightedMean(v.log_loss, w), IntervalKind::kBootstrap, none));
  out.push_back(Estimate("brier", WeightedMean(v.brier, w), IntervalKind::kBootstrap, none));
  std::vector<std::optional<double>> auc(k);
  for (size_t c = 0; c < k; ++c) {
    const std::vector<uint32_t>& order = v.by_proba[c];
    const std::vector<double>& pc = v.proba_sorted[c];
    const std::vector<uint8_t>& is_c = v.is_class_sorted[c];
    auc[c] = stats::RocAucOfAscending(
        v.size, stats::TieGroupEnd(v.size, [&](size_t i) { return pc[i]; }),
        [&](size_t i) { return is_c[i] != 0; }, [&](size_t i) { return w[order[i]]; });
  }
  std::vector<double> ones(k, 1.0);
  const Averaged a =
      Average(auc, ones, class_names, "one-vs-rest AUC needs the class present and absent");
  out.push_back(with_note(Estimate("roc_auc_ovr_macro", a.macro, IntervalKind::kBootstrap,
                                   "undefined: no class is both present and absent"),
                          a.note));
  return out;
}

constexpr int kNumQuantiles = 3;
constexpr double kQuantileLevels[kNumQuantiles] = {0.5, 0.9, 0.99};
constexpr const char* kQuantileNames[kNumQuantiles] = {"abs_error_p50", "abs_error_p90",
                                                       "abs_error_p99"};

// numpy.quantile(method='linear', with numpy's lerp) of the expanded
// (weight-repeated) ascending sample at each level, in one walk: the order
// statistics needed (floor(h) and floor(h) + 1, h = q (total - 1)) are found
// as the cumulative weight passes them. REQUIRES: total > 0, levels ascending.
void WeightedQuantiles(std::span<const double> sorted, const Weights& w, double total,
                       double* out) {
  double index[2 * kNumQuantiles], value[2 * kNumQuantiles], frac[kNumQuantiles];
  for (int q = 0; q < kNumQuantiles; ++q) {
    const double h = kQuantileLevels[q] * (total - 1);
    index[2 * q] = std::floor(h);
    index[2 * q + 1] = std::min(std::floor(h) + 1, total - 1);
    frac[q] = h - std::floor(h);
  }
  int next = 0;
  double seen = 0;
  for (size_t i = 0; i < sorted.size() && next < 2 * kNumQuantiles; ++i) {
    seen += w[i];
    while (next < 2 * kNumQuantiles && index[next] < seen) value[next++] = sorted[i];
  }
  for (; next < 2 * kNumQuantiles; ++next) value[next] = sorted.back();
  for (int q = 0; q < kNumQuantiles; ++q) {
    const double a = value[2 * q], b = value[2 * q + 1], t = frac[q];
    const double diff = b - a;
    out[q] = t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
  }
}

std::vector<PointValue> RegressionPoints(const MetricView& v, std::span<const uint32_t> weights) {
  const Weights w(weights);
  double total = 0, abs_sum = 0, sq_sum = 0, y_sum = 0, ape_sum = 0, ape_n = 0;
  double y_min = INFINITY, y_max = -INFINITY;
  for (size_t i = 0; i < v.size; ++i) {
    const double wi = w[i];
    if (wi == 0) continue;
    const double err = v.y_value[i] - v.y_hat[i];
    total += wi;
    abs_sum += wi * v.abs_error[i];
    sq_sum += wi * err * err;
    y_sum += wi * v.y_value[i];
    y_min = std::min(y_min, v.y_value[i]);
    y_max = std::max(y_max, v.y_value[i]);
    if (v.y_value[i] != 0) {
      ape_sum += wi * v.abs_error[i] / std::fabs(v.y_value[i]);
      ape_n += wi;
    }
  }
  const std::string none = "undefined: no rows";
  std::vector<PointValue> out;
  out.reserve(7);
  out.push_back(Estimate("mae", Ratio(abs_sum, total), IntervalKind::kBootstrap, none));
  std::optional<double> rmse;
  if (total > 0) rmse = std::sqrt(sq_sum / total);
  out.push_back(Estimate("rmse", rmse, IntervalKind::kBootstrap, none));
  PointValue mape = Estimate("mape", Ratio(ape_sum, ape_n), IntervalKind::kBootstrap,
                             total == 0 ? none : "undefined: every actual value is 0");
  if (mape.value && ape_n < total) {
    mape.note = std::to_string(static_cast<uint64_t>(total - ape_n)) +
                " rows with an actual value of 0 excluded";
  }
  out.push_back(std::move(mape));
  std::optional<double> r2;
  if (total > 0 && y_min < y_max) {
    const double mean = y_sum / total;
    double ss_tot = 0;
    for (size_t i = 0; i < v.size; ++i) {
      const double d = v.y_value[i] - mean;
      ss_tot += w[i] * d * d;
    }
    r2 = 1 - sq_sum / ss_tot;
  }
  out.push_back(Estimate("r2", r2, IntervalKind::kBootstrap,
                         total == 0 ? none : "undefined: the actual values do not vary"));
  double weighted[kNumQuantiles];
  if (total > 0 && !weights.empty()) WeightedQuantiles(v.abs_error, w, total, weighted);
  for (int i = 0; i < kNumQuantiles; ++i) {
    std::optional<double> q;
    if (total > 0) {
      q = weights.empty() ? stats::QuantileLinear(v.abs_error, kQuantileLevels[i]) : weighted[i];
    }
    out.push_back(Estimate(kQuantileNames[i], q, IntervalKind::kBootstrap, none));
  }
  return out;
}

}  // namespace

double BinaryLogLoss(double p, bool positive) {
  const double c = Clip(p);
  const double q1 = c, q0 = 1 - c;
  const double sum = q0 + q1;
  return -std::log((positive ? q1 : q0) / sum);
}

double MulticlassLogLoss(const std::vector<std::vector<double>>& proba, size_t row, size_t y) {
  double sum = 0;
  for (const std::vector<double>& column : proba) sum += Clip(column[row]);
  return -std::log(Clip(proba[y][row]) / sum);
}

namespace {

// Points the view's spans at its own storage.
void UseStorage(MetricView* v) {
  v->y = v->storage.y;
  v->pred = v->storage.pred;
  v->score = v->storage.score;
  v->log_loss = v->storage.log_loss;
  v->brier = v->storage.brier;
}

void FillStrata(MetricView* v) {
  std::vector<size_t> count(v->num_classes, 0);
  for (size_t i = 0; i < v->size; ++i) ++count[static_cast<size_t>(v->y[i])];
  v->strata.assign(v->num_classes, {});
  for (size_t c = 0; c < v->num_classes; ++c) v->strata[c].reserve(count[c]);
  for (size_t i = 0; i < v->size; ++i) {
    v->strata[static_cast<size_t>(v->y[i])].push_back(static_cast<uint32_t>(i));
  }
}

// A binary view from the score index: all rows without a copy; ascending
// rows by their sorted ranks (the order std::stable_sort gives them, as the
// general path below does), then a copy of the index's entries there.
MetricView IndexedBinaryView(const ScoreIndex& index, MetricView v,
                             std::span<const uint32_t> rows) {
  if (rows.empty()) {
    v.y = index.y;
    v.pred = index.pred;
    v.score = index.score;
    v.log_loss = index.log_loss;
    v.brier = index.brier;
    FillStrata(&v);
    return v;
  }
  const std::vector<uint32_t> ranks = SortedRanks(index, rows);
  MetricView::Storage& s = v.storage;
  s.y.resize(v.size);
  s.pred.resize(v.size);
  s.score.resize(v.size);
  s.log_loss.resize(v.size);
  s.brier.resize(v.size);
  for (size_t i = 0; i < v.size; ++i) {
    const uint32_t r = ranks[i];
    s.y[i] = index.y[r];
    s.pred[i] = index.pred[r];
    s.score[i] = index.score[r];
    s.log_loss[i] = index.log_loss[r];
    s.brier[i] = index.brier[r];
  }
  UseStorage(&v);
  FillStrata(&v);
  return v;
}

}  // namespace

MetricView BuildView(const EvalData& data, std::span<const uint32_t> rows) {
  MetricView v;
  v.task = data.task;
  v.num_classes = data.classes.size();
  v.class_names = data.classes;
  const ScoreIndex* index = UsableScoreIndex(data);
  if (index != nullptr && std::is_sorted(rows.begin(), rows.end())) {
    v.size = rows.empty() ? data.size() : rows.size();
    return IndexedBinaryView(*index, std::move(v), rows);
  }
  std::vector<uint32_t> all;
  if (rows.empty()) {
    all.resize(data.size());
    std::iota(all.begin(), all.end(), 0u);
    rows = all;
  }
  v.size = rows.size();
  if (data.task == TaskType::kRegression) {
    std::vector<uint32_t> order(rows.begin(), rows.end());
    auto abs_err = [&](uint32_t r) { return std::fabs(data.y_value[r] - data.y_hat[r]); };
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return abs_err(a) < abs_err(b); });
    v.y_value.reserve(v.size);
    v.y_hat.reserve(v.size);
    v.abs_error.reserve(v.size);
    for (uint32_t r : order) {
      v.y_value.push_back(data.y_value[r]);
      v.y_hat.push_back(data.y_hat[r]);
      v.abs_error.push_back(abs_err(r));
    }
    v.strata.emplace_back(v.size);
    std::iota(v.strata[0].begin(), v.strata[0].end(), 0u);
    return v;
  }

  std::vector<uint32_t> order(rows.begin(), rows.end());
  if (!data.score.empty()) {
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return data.score[a] < data.score[b]; });
  }
  MetricView::Storage& s = v.storage;
  s.y.reserve(v.size);
  s.pred.reserve(v.size);
  for (uint32_t r : order) {
    s.y.push_back(data.y_true[r]);
    s.pred.push_back(data.y_pred[r]);
  }
  if (!data.score.empty()) {
    s.score.reserve(v.size);
    s.log_loss.reserve(v.size);
    s.brier.reserve(v.size);
    for (uint32_t r : order) {
      const double p = data.score[r];
      const bool positive = data.y_true[r] == 1;
      s.score.push_back(p);
      s.log_loss.push_back(BinaryLogLoss(p, positive));
      const double d = (positive ? 1.0 : 0.0) - p;
      s.brier.push_back(d * d);
    }
  }
  if (!data.proba.empty()) {
    const size_t k = data.proba.size();
    s.log_loss.reserve(v.size);
    s.brier.reserve(v.size);
    for (uint32_t r : order) {
      const size_t y = static_cast<size_t>(data.y_true[r]);
      s.log_loss.push_back(MulticlassLogLoss(data.proba, r, y));
      double b = 0;
      for (size_t c = 0; c < k; ++c) {
        const double d = data.proba[c][r] - (c == y ? 1.0 : 0.0);
        b += d * d;
      }
      s.brier.push_back(b);
    }
    v.by_proba.assign(k, {});
    v.proba_sorted.assign(k, {});
    v.is_class_sorted.assign(k, {});
    for (size_t c = 0; c < k; ++c) {
      const std::vector<double>& pc = data.proba[c];
      std::vector<uint32_t>& by = v.by_proba[c];
      by.resize(v.size);
      std::iota(by.begin(), by.end(), 0u);
      std::stable_sort(by.begin(), by.end(),
                       [&](uint32_t a, uint32_t b) { return pc[order[a]] < pc[order[b]]; });
      v.proba_sorted[c].reserve(v.size);
      v.is_class_sorted[c].reserve(v.size);
      for (uint32_t i : by) {
        v.proba_sorted[c].push_back(pc[order[i]]);
        v.is_class_sorted[c].push_back(s.y[i] == static_cast<int32_t>(c));
      }
    }
  }
  UseStorage(&v);
  FillStrata(&v);
  return v;
}

std::vector<PointValue> ComputePoints(const MetricView& view, std::span<const uint32_t> weights,
                                      PointMode mode) {
  const Weights w(weights);
  switch (view.task) {
    case TaskType::kBinary:
      return BinaryPoints(view, w, mode);
    case TaskType::kMulticlass:
      return MulticlassPoints(view, w);
    case TaskType::kRegression:
      return RegressionPoints(view, weights);
  }
  return {};
}

}  // namespace airm::eval_internal
