// Internal: the paired bootstrap of a metric change, and the weighted metric
// kernels it runs on.
//
// A metric change is delta = m(perturbed scores) - m(baseline scores) over the
// same rows. Its interval resamples rows with replacement (Efron & Tibshirani
// 1993, ch. 13) and recomputes both metrics on the same resample, so the
// row-to-row correlation of the two answers is kept ("paired"). A resample is
// a vector of multiplicities; kernels take them as weights, so the baseline's
// sort order is built once and each replicate costs O(n).
//
// Resampling is reproducible across platforms and from Python: SplitMix64
// (Steele, Lea & Flood 2014) seeded with the run's seed, one draw per row,
// row index = draw mod n; replicate b uses draws b*n .. b*n+n-1. The interval
// is the percentile interval with numpy.percentile's linear interpolation
// (Hyndman & Fan type 7, stats::QuantileLinear). Replicates where either metric is undefined (a
// class missing from the resample) are dropped; with fewer than half of them
// left the interval is undefined. scripts/fixtures/make_chaos_fixtures.py
// reimplements all of this with numpy and scikit-learn.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "airm/splitmix64.h"

namespace airm::chaos::internal {

// Multiplicities of one resample of n rows: n draws from `rng`. A count
// saturates at 65535 (reaching it needs n >= 65535 draws on one row: not in
// this universe).
void DrawResample(SplitMix64& rng, size_t n, std::vector<uint16_t>* counts);

enum class MetricKind { kRocAuc, kAccuracy, kLogLoss, kRmse };
const char* MetricName(MetricKind kind);  // "roc_auc", "accuracy", "log_loss", "rmse"

// The rows a metric is computed on: binary labels (1 = positive) or
// regression values, with one score per row.
struct MetricRows {
  bool binary = true;
  std::span<const uint8_t> labels;  // binary
  std::span<const double> values;   // regression
  double threshold = 0.5;           // binary: positive decision when score >= threshold
};

// Positions 0..n-1 ordered by ascending score (for the AUC walk).
std::vector<uint32_t> ScoreOrder(std::span<const double> scores);

// One weighted metric; `weights` empty = every row once. nullopt when
// undefined (no weight, or for ROC AUC a class with no weight). ROC AUC uses
// mid-ranks for ties (Mann-Whitney). Log loss clips probabilities to
// [eps, 1 - eps], eps = DBL_EPSILON, as scikit-learn 1.2.1 does.
std::optional<double> WeightedMetric(MetricKind kind, const MetricRows& rows,
                                     std::span<const double> scores,
                                     std::span<const uint16_t> weights);

struct DeltaInterval {
  std::optional<double> low;
  std::optional<double> high;
  int replicates_used = 0;
  std::string note;  // why undefined
};

struct PairedBootstrapOptions {
  int replicates = 200;
  uint64_t seed = 42;
  double confidence = 0.95;
};

// One score vector prepared for many weighted evaluations: the ascending
// score order with its tie groups (ROC AUC), and the per-row terms of the
// other metrics, so a replicate costs two linear passes and no logarithm.
struct PreparedScores {
  std::vector<uint32_t> order;      // positions by ascending score
  std::vector<uint32_t> group_end;  // per position in `order`: end of its tie group
  std::vector<uint8_t> correct;     // binary: decision == label
  std::vector<double> loss;         // binary: log loss; regression: squared error
};
PreparedScores PrepareScores(const MetricRows& rows, std::span<const double> scores);

// The metrics of `kinds` on prepared scores under `weights` (empty = 1 each).
std::vector<std::optional<double>> WeightedMetrics(const std::vector<MetricKind>& kinds,
                                                   const MetricRows& rows,
                                                   const PreparedScores& prepared,
                                                   std::span<const uint16_t> weights);

// Paired-bootstrap intervals of delta for each of `kinds` over all rows of
// `rows`. The resamples and the baseline's replicate values do not depend on
// the perturbed scores, so they are drawn and computed once at construction
// (the resamples are kept while B x n <= kCachedCounts) and reused per case.
class PairedBootstrap {
 public:
  PairedBootstrap(const MetricRows& rows, std::vector<double> baseline_scores,
                  std::vector<MetricKind> kinds, const PairedBootstrapOptions& options);

  // REQUIRES: perturbed.size() == number of rows; every score finite.
  std::vector<DeltaInterval> Intervals(std::span<const double> perturbed) const;

  const std::vector<MetricKind>& kinds() const { return kinds_; }

 private:
  static constexpr size_t kCachedCounts = size_t{16} << 20;  // 32 MiB of uint16 counts

  // Replicate b's multiplicities: from the cache, or drawn again from the seed.
  std::span<const uint16_t> Replicate(int b, SplitMix64* rng, std::vector<uint16_t>* scratch) const;

  MetricRows rows_;
  std::vector<double> baseline_;
  std::vector<MetricKind> kinds_;
  PairedBootstrapOptions options_;
  std::vector<uint16_t> cached_counts_;  // [b * n + i], empty when not cached
  // [replicate][kind] baseline metric on that resample.
  std::vector<std::vector<std::optional<double>>> baseline_replicates_;
};

}  // namespace airm::chaos::internal
