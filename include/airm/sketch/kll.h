// KllSketch: a mergeable quantile sketch (Karnin, Lang & Liberty, "Optimal
// Quantile Approximation in Streams", FOCS 2016).
//
// Written here because Debian has no Apache DataSketches package; the level
// layout follows DataSketches' KLL (capacity of a level at depth d from the
// top is max(8, ceil(k * (2/3)^d)); the lowest over-full level is compacted by
// sorting it and keeping every other item from a random offset). The coin is
// a SplitMix64 generator seeded by the caller, so equal seeds and equal input
// order give equal sketches.
//
// Accuracy: with probability about 99%, the normalized rank error of a single
// quantile query is at most NormalizedRankError() = 2.296 / k^0.9723
// (DataSketches' empirical formula; 0.0133 for k = 200). NaN is ignored by
// Update (callers count it separately). Memory is O(k log(n / k)) doubles.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "airm/status.h"

namespace airm::sketch {

class KllSketch {
 public:
  static constexpr int kDefaultK = 200;
  static constexpr int kMinK = 8;
  static constexpr int kMaxK = 65535;

  // REQUIRES: kMinK <= k <= kMaxK (checked by ProfileOptions::Validate;
  // out-of-range k is clamped).
  explicit KllSketch(int k = kDefaultK, uint64_t seed = 0);

  // A sketch of already sorted values with error below the streaming bound:
  // every w-th value (w a power of two making at most k items) weighted w.
  // REQUIRES: `sorted` ascending and free of NaN.
  static KllSketch FromSorted(std::span<const double> sorted, int k, uint64_t seed);

  void Update(double value);
  // Errors: InvalidArgument when k differs.
  Status Merge(const KllSketch& other);

  int k() const { return k_; }
  uint64_t n() const { return n_; }
  bool empty() const { return n_ == 0; }
  double min() const { return min_; }  // REQUIRES: !empty()
  double max() const { return max_; }
  size_t num_retained() const { return NumRetained(); }

  // The value whose rank is about q (q in [0, 1]; q = 0 and 1 give the exact
  // min and max). nullopt when empty.
  std::optional<double> Quantile(double q) const;
  // Quantile() for several levels at once (one sort of the retained items);
  // empty when the sketch is empty.
  std::vector<double> Quantiles(std::span<const double> levels) const;
  // Fraction of the stream <= value (in [0, 1]); nullopt when empty.
  std::optional<double> Rank(double value) const;

  // Every retained item with its weight (2^level), in unspecified order; the
  // weights add up to n().
  std::vector<std::pair<double, uint64_t>> WeightedItems() const;

  double NormalizedRankError() const { return NormalizedRankError(k_); }
  static double NormalizedRankError(int k);
  // The double-sided bound, for the mass between two values (a histogram
  // bin, a difference of two ranks): DataSketches' getNormalizedRankError
  // (k, true) = 2.446 / k^0.9433 (0.0165 for k = 200), also at about 99%.
  // 0 when the sketch kept every value (n() == num_retained()): it is exact.
  double DoubleSidedRankError() const;
  static double DoubleSidedRankError(int k);

  // Self-describing bytes (family id, version, k, n, levels, items, coin).
  std::string Serialize() const;
  // Errors: Corrupt with the reason; never reads out of bounds.
  static Result<KllSketch> Deserialize(std::string_view bytes);

  bool operator==(const KllSketch& other) const = default;

 private:
  uint32_t LevelCapacity(size_t level) const;
  size_t TotalCapacity() const;
  size_t NumRetained() const;
  // Compacts the lowest level at or over its capacity until the retained
  // items fit the total capacity (DataSketches' compress-while-updating).
  void Compress();
  void CompactLevel(size_t level);
  bool NextCoin();

  int k_;
  uint64_t n_ = 0;
  double min_ = 0.0;
  double max_ = 0.0;
  uint64_t rng_state_;
  // Capacity of a level by its depth below the top, a function of k only.
  std::vector<uint32_t> depth_capacity_;
  // levels_[h] holds items of weight 2^h; level 0 is unsorted, higher levels
  // are sorted ascending.
  std::vector<std::vector<double>> levels_;
};

}  // namespace airm::sketch
