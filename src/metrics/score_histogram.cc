#include "airm/score_histogram.h"

#include <algorithm>
#include <cstdio>
#include <string>

#include "metric_kernels.h"

namespace airm {

void ScoreHistogram::Add(double score, bool positive) {
  if (positives.empty()) {
    positives.assign(kBins, 0);
    negatives.assign(kBins, 0);
  }
  const size_t bin = std::min(static_cast<size_t>(score * static_cast<double>(kBins)), kBins - 1);
  (positive ? positives : negatives)[bin] += 1;
  ++rows;
  log_loss_sum += eval_internal::BinaryLogLoss(score, positive);
  const double miss = score - (positive ? 1.0 : 0.0);
  brier_sum += miss * miss;
}

ScoreHistogram& ScoreHistogram::operator+=(const ScoreHistogram& other) {
  if (other.positives.empty()) return *this;
  if (positives.empty()) {
    positives.assign(kBins, 0);
    negatives.assign(kBins, 0);
  }
  for (size_t b = 0; b < kBins; ++b) {
    positives[b] += other.positives[b];
    negatives[b] += other.negatives[b];
  }
  rows += other.rows;
  log_loss_sum += other.log_loss_sum;
  brier_sum += other.brier_sum;
  return *this;
}

std::optional<BinnedAuc> AucOfBins(const ScoreHistogram& scores) {
  // Mann-Whitney over bins: each positive beats the negatives of lower bins
  // and ties with those of its own.
  double p = 0, n = 0, wins = 0, ties = 0, negatives_below = 0;
  for (size_t b = 0; b < scores.positives.size(); ++b) {
    const double pb = static_cast<double>(scores.positives[b]);
    const double nb = static_cast<double>(scores.negatives[b]);
    wins += pb * negatives_below;
    ties += pb * nb;
    negatives_below += nb;
    p += pb;
    n += nb;
  }
  if (p == 0 || n == 0) return std::nullopt;
  return BinnedAuc{.value = (wins + 0.5 * ties) / (p * n), .max_error = 0.5 * ties / (p * n)};
}

MetricMap MetricsFromScores(const ScoreHistogram& scores) {
  MetricMap out;
  uint64_t p = 0;
  for (uint64_t c : scores.positives) p += c;
  if (const std::optional<BinnedAuc> auc = AucOfBins(scores)) {
    // Four significant digits, rounded up (%.4g rounds by at most 5e-4
    // relative), so the stated bound never understates the computed one.
    char bound[32];
    std::snprintf(bound, sizeof bound, "%.4g", auc->max_error * (1 + 1e-3));
    out["roc_auc"].value = auc->value;
    out["roc_auc"].note = "from a " + std::to_string(ScoreHistogram::kBins) +
                          "-bin score histogram merged over parts: within " + bound +
                          " of the exact ROC AUC; no interval";
  } else {
    out["roc_auc"].note = scores.rows == 0 ? "undefined: no rows"
                          : p == 0         ? "undefined: no actual positives"
                                           : "undefined: no actual negatives";
  }
  const char* no_interval = "no interval: its bootstrap interval needs the rows, not their sums";
  for (const char* name : {"log_loss", "brier"}) {
    MetricValue& m = out[name];
    if (scores.rows == 0) {
      m.note = "undefined: no rows";
      continue;
    }
    const double sum = name[0] == 'l' ? scores.log_loss_sum : scores.brier_sum;
    m.value = sum / static_cast<double>(scores.rows);
    m.note = no_interval;
  }
  return out;
}

}  // namespace airm
