// Internal: the binary-classification bootstrap in one fused pass.
//
// A stratified bootstrap resample of a binary view draws, within each true
// class, as many positions as the class has, with replacement: a vector of
// multiplicities per class. BinaryResampler generates those vectors chunk by
// chunk (a few thousand positions at a time, in score order) and consumes
// each chunk while it is in the L1 cache, yielding everything the bootstrap
// metrics need: the confusion counts (balanced accuracy, F1), the weighted
// precision at every score threshold (average precision) and the weighted
// sums of the per-row log loss and Brier terms. Nothing is re-sorted and
// nothing is allocated per resample.
//
// The classes are kept apart (one dense array per class, in score order):
// drawing needs no indirection, and average precision walks only the
// positives, reading the negatives' weight above each tie group from a
// running sum over the negatives. Chunks end at tie-group boundaries so that
// a group's counts are complete within its chunk.
//
// Run() processes a range of resamples chunk-major (every resample of the
// range on one chunk before the next chunk) so the view is read from memory
// once per range rather than once per resample. Resample b always uses
// Rng::ForResample(seed, b), so the numbers do not depend on how the
// resamples are split across threads.
//
// The values agree with ComputePoints(view, weights, PointMode::kBootstrap)
// on the same weights up to floating-point summation order (tested).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "metric_kernels.h"

namespace airm::eval_internal {

// The metrics a binary resample yields, in this order; NaN where a metric is
// undefined on that resample.
inline constexpr std::array<const char*, 5> kBinaryResampleMetrics = {
    "balanced_accuracy", "f1", "average_precision", "log_loss", "brier"};
using BinaryResampleValues = std::array<double, kBinaryResampleMetrics.size()>;

// A row's per-row loss terms, read together by every draw that lands on it.
struct LossTerms {
  double log_loss = 0, brier = 0;
};

class BinaryResampler {
 public:
  // REQUIRES: view.task == kBinary.
  explicit BinaryResampler(const MetricView& view);

  // Resamples [first, last) of the bootstrap seeded with `seed`;
  // (*out)[b - first] receives resample b's values.
  void Run(uint64_t seed, size_t first, size_t last, std::vector<BinaryResampleValues>* out) const;

  // The values for explicit multiplicities, one per position of `view` (the
  // view this resampler was built from), for testing the fused walk against
  // ComputePoints.
  BinaryResampleValues Evaluate(const MetricView& view, std::span<const uint32_t> weights) const;

 private:
  static constexpr size_t kNegative = 0, kPositive = 1;

  // Running sums of one resample. The walk goes from the highest score down,
  // as average precision's thresholds do.
  struct Sums {
    std::array<uint64_t, 2> ranked{};     // weight at or above the current chunk, by class
    std::array<uint64_t, 2> predicted{};  // weight predicted positive, by class
    double ap_sum = 0;                    // sum over tie groups of group_tp * precision
    LossTerms loss_sum;                   // of the log loss and Brier terms drawn
  };
  struct Resample;
  // Per-thread buffers for one chunk.
  struct Scratch {
    explicit Scratch(size_t max_chunk);
    std::array<std::vector<uint32_t>, 2> w;  // multiplicities by class
    std::vector<uint32_t> negatives_from;    // negatives' weight from each negative up
    std::vector<uint64_t> term_group, term_tp;
    std::vector<uint32_t> term_negatives;
  };
  // One class's rows of the view, in score order. A row's log loss and
  // Brier term sit side by side so that a draw reads both with one load.
  struct ClassRows {
    std::vector<LossTerms> loss;
    std::vector<uint32_t> predicted;  // ~0u where predicted positive, else 0
  };

  // Adds chunk k of a resample (multiplicities in scratch->w, zeroed here).
  void Accumulate(size_t k, Scratch* scratch, Sums* sums) const;
  BinaryResampleValues Finish(const Sums& sums) const;
  uint32_t ChunkCount(size_t c, size_t k) const { return first_[c][k + 1] - first_[c][k]; }

  // Chunks: about kChunk positions each, ending at a tie-group boundary.
  static constexpr size_t kChunk = 4096;

  bool has_scores_ = false;
  size_t num_chunks_ = 0;
  size_t max_chunk_ = 0;  // most rows of one class in one chunk
  // Per class, the index of its first row in each chunk (num_chunks_ + 1).
  std::array<std::vector<uint32_t>, 2> first_;
  // Per class and chunk: are none, all or some of those rows predicted
  // positive?
  enum class Predicted : uint8_t { kNone, kAll, kSome };
  std::array<std::vector<Predicted>, 2> predicted_;
  std::array<ClassRows, 2> rows_;
  // Per positive: whether it is the lowest positive of its tie group (where
  // the walk down closes the group), and the index within its chunk of the
  // first negative not below the group: negatives [that index, chunk end)
  // score at least the group's score.
  std::vector<uint8_t> closes_group_;
  std::vector<uint32_t> group_negatives_from_;
};

}  // namespace airm::eval_internal
