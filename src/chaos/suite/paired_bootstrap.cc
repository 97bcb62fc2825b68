#include "paired_bootstrap.h"

#include <algorithm>
#include <cfloat>
#include <cmath>
#include <numeric>

#include "airm/stats/quantile.h"
#include "airm/stats/roc_auc.h"

namespace airm::chaos::internal {
namespace {

double Weight(std::span<const uint16_t> weights, size_t i) {
  return weights.empty() ? 1.0 : static_cast<double>(weights[i]);
}

}  // namespace

void DrawResample(SplitMix64& rng, size_t n, std::vector<uint16_t>* counts) {
  counts->assign(n, 0);
  for (size_t i = 0; i < n; ++i) {
    uint16_t& c = (*counts)[rng.Below(n)];
    if (c < UINT16_MAX) ++c;
  }
}

const char* MetricName(MetricKind kind) {
  switch (kind) {
    case MetricKind::kRocAuc:
      return "roc_auc";
    case MetricKind::kAccuracy:
      return "accuracy";
    case MetricKind::kLogLoss:
      return "log_loss";
    case MetricKind::kRmse:
      return "rmse";
  }
  return "";
}

std::vector<uint32_t> ScoreOrder(std::span<const double> scores) {
  std::vector<uint32_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(),
            [&](uint32_t a, uint32_t b) { return scores[a] < scores[b]; });
  return order;
}

PreparedScores PrepareScores(const MetricRows& rows, std::span<const double> scores) {
  PreparedScores p;
  const size_t n = scores.size();
  if (rows.binary) {
    p.order = ScoreOrder(scores);
    p.group_end.resize(n);
    size_t end = n;
    for (size_t j = n; j-- > 0;) {
      if (j + 1 < n && scores[p.order[j]] != scores[p.order[j + 1]]) end = j + 1;
      p.group_end[j] = static_cast<uint32_t>(end);
    }
    p.correct.resize(n);
    p.loss.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const bool positive = rows.labels[i] != 0;
      p.correct[i] = (scores[i] >= rows.threshold) == positive;
      const double q = std::clamp(scores[i], DBL_EPSILON, 1.0 - DBL_EPSILON);
      p.loss[i] = positive ? -std::log(q) : -std::log1p(-q);
    }
  } else {
    p.loss.resize(n);
    for (size_t i = 0; i < n; ++i) {
      const double e = scores[i] - rows.values[i];
      p.loss[i] = e * e;
    }
  }
  return p;
}

std::vector<std::optional<double>> WeightedMetrics(const std::vector<MetricKind>& kinds,
                                                   const MetricRows& rows, const PreparedScores& p,
                                                   std::span<const uint16_t> weights) {
  // One pass for every per-row metric, one tie-group walk for ROC AUC.
  double total = 0, correct = 0, loss = 0;
  const size_t n = p.loss.size();
  for (size_t i = 0; i < n; ++i) {
    const double w = Weight(weights, i);
    total += w;
    loss += w * p.loss[i];
    if (rows.binary) correct += w * p.correct[i];
  }
  std::vector<std::optional<double>> out;
  out.reserve(kinds.size());
  for (MetricKind kind : kinds) {
    if (kind == MetricKind::kRocAuc) {
      // Tie groups were found once in PrepareScores; only the weights change.
      out.push_back(stats::RocAucOfAscending(
          p.order.size(), [&](size_t begin) { return size_t{p.group_end[begin]}; },
          [&](size_t i) { return rows.labels[p.order[i]] != 0; },
          [&](size_t i) { return Weight(weights, p.order[i]); }));
    } else if (total <= 0) {
      out.push_back(std::nullopt);
    } else if (kind == MetricKind::kAccuracy) {
      out.push_back(correct / total);
    } else if (kind == MetricKind::kLogLoss) {
      out.push_back(loss / total);
    } else {
      out.push_back(std::sqrt(loss / total));
    }
  }
  return out;
}

std::optional<double> WeightedMetric(MetricKind kind, const MetricRows& rows,
                                     std::span<const double> scores,
                                     std::span<const uint16_t> weights) {
  return WeightedMetrics({kind}, rows, PrepareScores(rows, scores), weights)[0];
}

PairedBootstrap::PairedBootstrap(const MetricRows& rows, std::vector<double> baseline_scores,
                                 std::vector<MetricKind> kinds,
                                 const PairedBootstrapOptions& options)
    : rows_(rows),
      baseline_(std::move(baseline_scores)),
      kinds_(std::move(kinds)),
      options_(options) {
  const size_t n = baseline_.size();
  if (n == 0 || options_.replicates <= 0) return;
  const size_t replicates = static_cast<size_t>(options_.replicates);
  const bool cache = n * replicates <= kCachedCounts;
  if (cache) cached_counts_.reserve(n * replicates);
  const PreparedScores prepared = PrepareScores(rows_, baseline_);
  SplitMix64 rng(options_.seed);
  std::vector<uint16_t> counts;
  baseline_replicates_.reserve(replicates);
  for (size_t b = 0; b < replicates; ++b) {
    DrawResample(rng, n, &counts);
    if (cache) cached_counts_.insert(cached_counts_.end(), counts.begin(), counts.end());
    baseline_replicates_.push_back(WeightedMetrics(kinds_, rows_, prepared, counts));
  }
}

std::span<const uint16_t> PairedBootstrap::Replicate(int b, SplitMix64* rng,
                                                     std::vector<uint16_t>* scratch) const {
  const size_t n = baseline_.size();
  if (!cached_counts_.empty()) return {cached_counts_.data() + static_cast<size_t>(b) * n, n};
  DrawResample(*rng, n, scratch);
  return *scratch;
}

std::vector<DeltaInterval> PairedBootstrap::Intervals(std::span<const double> perturbed) const {
  std::vector<DeltaInterval> out(kinds_.size());
  const size_t n = baseline_.size();
  if (n == 0 || options_.replicates <= 0) {
    for (DeltaInterval& d : out) {
      d.note = n == 0 ? "insufficient evidence: no rows" : "bootstrap disabled (--bootstrap 0)";
    }
    return out;
  }
  // A perturbation that changed no score has a degenerate interval at 0; skip
  // the resampling (most structure and category cases).
  const bool unchanged = std::equal(perturbed.begin(), perturbed.end(), baseline_.begin());
  const PreparedScores prepared = unchanged ? PreparedScores{} : PrepareScores(rows_, perturbed);
  std::vector<std::vector<double>> deltas(kinds_.size());
  SplitMix64 rng(options_.seed);
  std::vector<uint16_t> scratch;
  for (int b = 0; b < options_.replicates; ++b) {
    const std::vector<std::optional<double>>& base = baseline_replicates_[b];
    if (unchanged) {
      for (size_t k = 0; k < kinds_.size(); ++k) {
        if (base[k]) deltas[k].push_back(0.0);
      }
      continue;
    }
    const std::vector<std::optional<double>> pert =
        WeightedMetrics(kinds_, rows_, prepared, Replicate(b, &rng, &scratch));
    for (size_t k = 0; k < kinds_.size(); ++k) {
      if (base[k] && pert[k]) deltas[k].push_back(*pert[k] - *base[k]);
    }
  }
  const double tail = 100.0 * (1.0 - options_.confidence) / 2.0;
  for (size_t k = 0; k < kinds_.size(); ++k) {
    out[k].replicates_used = static_cast<int>(deltas[k].size());
    if (2 * deltas[k].size() < static_cast<size_t>(options_.replicates)) {
      out[k].note = "insufficient evidence: the metric is undefined on most resamples";
      continue;
    }
    std::sort(deltas[k].begin(), deltas[k].end());
    out[k].low = stats::QuantileLinear(deltas[k], tail / 100.0);
    out[k].high = stats::QuantileLinear(deltas[k], (100.0 - tail) / 100.0);
  }
  return out;
}

}  // namespace airm::chaos::internal
