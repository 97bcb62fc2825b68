#include "airm/sketch/kll.h"

#include <algorithm>
#include <cmath>
#include <utility>

#include "airm/sketch/byte_io.h"
#include "airm/sketch/hash.h"

namespace airm::sketch {
namespace {

constexpr uint32_t kMinLevelWidth = 8;  // DataSketches' m
constexpr uint8_t kSerialVersion = 1;
constexpr size_t kMaxLevels = 61;  // weights 2^h must fit in uint64 sums

}  // namespace

KllSketch::KllSketch(int k, uint64_t seed)
    : k_(std::clamp(k, kMinK, kMaxK)), rng_state_(seed), levels_(1) {
  depth_capacity_.resize(kMaxLevels + 1);
  for (size_t depth = 0; depth <= kMaxLevels; ++depth) {
    const double cap = static_cast<double>(k_) * std::pow(2.0 / 3.0, static_cast<double>(depth));
    depth_capacity_[depth] = std::max(kMinLevelWidth, static_cast<uint32_t>(std::ceil(cap)));
  }
}

double KllSketch::NormalizedRankError(int k) {
  // DataSketches KllSketch::getNormalizedRankError(false): empirical fit of
  // the 99th percentile of single-quantile rank error over many trials.
  return 2.296 / std::pow(static_cast<double>(k), 0.9723);
}

double KllSketch::DoubleSidedRankError(int k) {
  // DataSketches KllSketch::getNormalizedRankError(true), the same kind of fit.
  return 2.446 / std::pow(static_cast<double>(k), 0.9433);
}

double KllSketch::DoubleSidedRankError() const {
  return n_ == NumRetained() ? 0.0 : DoubleSidedRankError(k_);
}

uint32_t KllSketch::LevelCapacity(size_t level) const {
  const size_t depth = levels_.size() - 1 - level;
  return depth_capacity_[std::min(depth, kMaxLevels)];
}

size_t KllSketch::TotalCapacity() const {
  size_t total = 0;
  for (size_t h = 0; h < levels_.size(); ++h) total += LevelCapacity(h);
  return total;
}

size_t KllSketch::NumRetained() const {
  size_t total = 0;
  for (const auto& level : levels_) total += level.size();
  return total;
}

bool KllSketch::NextCoin() {
  SplitMix64 rng(rng_state_);
  const uint64_t bits = rng.Next();
  rng_state_ = rng.state();
  return (bits >> 63) != 0;
}

void KllSketch::Update(double value) {
  if (std::isnan(value)) return;
  if (n_ == 0) {
    min_ = max_ = value;
  } else {
    min_ = std::min(min_, value);
    max_ = std::max(max_, value);
  }
  ++n_;
  levels_[0].push_back(value);
  if (levels_[0].size() >= LevelCapacity(0) && NumRetained() > TotalCapacity()) Compress();
}

void KllSketch::Compress() {
  while (NumRetained() > TotalCapacity()) {
    size_t level = 0;
    while (level < levels_.size() && levels_[level].size() < LevelCapacity(level)) ++level;
    if (level >= levels_.size()) return;  // cannot happen: some level is over capacity
    if (level + 1 == levels_.size()) levels_.emplace_back();
    CompactLevel(level);
  }
}

void KllSketch::CompactLevel(size_t level) {
  std::vector<double>& items = levels_[level];
  if (level == 0) std::sort(items.begin(), items.end());
  // An odd item stays behind so the total weight is preserved exactly.
  const size_t keep = items.size() % 2;
  const size_t offset = keep + (NextCoin() ? 1 : 0);
  std::vector<double> promoted;
  promoted.reserve(items.size() / 2);
  for (size_t i = offset; i < items.size(); i += 2) promoted.push_back(items[i]);
  items.resize(keep);
  std::vector<double>& above = levels_[level + 1];
  const size_t middle = above.size();
  above.insert(above.end(), promoted.begin(), promoted.end());
  std::inplace_merge(above.begin(), above.begin() + static_cast<std::ptrdiff_t>(middle),
                     above.end());
}

KllSketch KllSketch::FromSorted(std::span<const double> sorted, int k, uint64_t seed) {
  KllSketch sketch(k, seed);
  const uint64_t n = sorted.size();
  if (n == 0) return sketch;
  sketch.n_ = n;
  sketch.min_ = sorted.front();
  sketch.max_ = sorted.back();
  size_t height = 0;
  while (((n + (uint64_t{1} << height) - 1) >> height) > static_cast<uint64_t>(sketch.k_)) {
    ++height;
  }
  sketch.levels_.assign(height + 1, {});
  const uint64_t width = uint64_t{1} << height;
  const uint64_t blocks = n >> height;
  // Each block of `width` sorted values is represented by its middle value,
  // so the rank of any value is off by at most width / 2 <= n / k.
  auto& top = sketch.levels_[height];
  top.reserve(blocks);
  for (uint64_t b = 0; b < blocks; ++b) top.push_back(sorted[b * width + width / 2]);
  // The remainder (< width values) is split by the binary digits of its
  // length into blocks of 2^j, one item on level j, keeping total weight n.
  uint64_t start = blocks * width;
  for (size_t j = height; j-- > 0;) {
    const uint64_t w = uint64_t{1} << j;
    if ((n - blocks * width) & w) {
      sketch.levels_[j].push_back(sorted[start + w / 2]);
      start += w;
    }
  }
  return sketch;
}

Status KllSketch::Merge(const KllSketch& other) {
  if (other.k_ != k_) {
    return Status::InvalidArgument("cannot merge KLL sketches with k " + std::to_string(k_) +
                                   " and " + std::to_string(other.k_));
  }
  if (other.n_ == 0) return Status::Ok();
  if (n_ == 0) {
    min_ = other.min_;
    max_ = other.max_;
  } else {
    min_ = std::min(min_, other.min_);
    max_ = std::max(max_, other.max_);
  }
  n_ += other.n_;
  if (levels_.size() < other.levels_.size()) levels_.resize(other.levels_.size());
  for (size_t h = 0; h < other.levels_.size(); ++h) {
    auto& mine = levels_[h];
    const size_t middle = mine.size();
    mine.insert(mine.end(), other.levels_[h].begin(), other.levels_[h].end());
    if (h > 0) {
      std::inplace_merge(mine.begin(), mine.begin() + static_cast<std::ptrdiff_t>(middle),
                         mine.end());
    }
  }
  Compress();
  return Status::Ok();
}

std::vector<std::pair<double, uint64_t>> KllSketch::WeightedItems() const {
  std::vector<std::pair<double, uint64_t>> weighted;
  weighted.reserve(NumRetained());
  for (size_t h = 0; h < levels_.size(); ++h) {
    for (double v : levels_[h]) weighted.emplace_back(v, uint64_t{1} << h);
  }
  return weighted;
}

std::vector<double> KllSketch::Quantiles(std::span<const double> levels) const {
  std::vector<double> out;
  if (n_ == 0) return out;
  std::vector<std::pair<double, uint64_t>> weighted = WeightedItems();
  std::sort(weighted.begin(), weighted.end());
  for (size_t i = 1; i < weighted.size(); ++i) weighted[i].second += weighted[i - 1].second;
  out.reserve(levels.size());
  for (double q : levels) {
    if (!(q > 0.0)) {
      out.push_back(min_);
      continue;
    }
    if (q >= 1.0) {
      out.push_back(max_);
      continue;
    }
    // Inclusive rule: the first item whose cumulative weight reaches q * n.
    const double target = q * static_cast<double>(n_);
    auto it = std::lower_bound(weighted.begin(), weighted.end(), target,
                               [](const std::pair<double, uint64_t>& e, double t) {
                                 return static_cast<double>(e.second) < t;
                               });
    out.push_back(it == weighted.end() ? max_ : it->first);
  }
  return out;
}

std::optional<double> KllSketch::Quantile(double q) const {
  if (n_ == 0) return std::nullopt;
  return Quantiles(std::span<const double>(&q, 1))[0];
}

std::optional<double> KllSketch::Rank(double value) const {
  if (n_ == 0) return std::nullopt;
  uint64_t weight = 0;
  for (size_t h = 0; h < levels_.size(); ++h) {
    for (double v : levels_[h]) {
      if (v <= value) weight += uint64_t{1} << h;
    }
  }
  return static_cast<double>(weight) / static_cast<double>(n_);
}

std::string KllSketch::Serialize() const {
  std::string out;
  internal::ByteWriter w(&out);
  w.PutU8(static_cast<uint8_t>(internal::SketchFamily::kKll));
  w.PutU8(kSerialVersion);
  w.PutU16(static_cast<uint16_t>(k_));
  w.PutU64(n_);
  w.PutF64(min_);
  w.PutF64(max_);
  w.PutU64(rng_state_);
  w.PutU8(static_cast<uint8_t>(levels_.size()));
  for (const auto& level : levels_) {
    w.PutU32(static_cast<uint32_t>(level.size()));
    for (double v : level) w.PutF64(v);
  }
  return out;
}

Result<KllSketch> KllSketch::Deserialize(std::string_view bytes) {
  internal::ByteReader r(bytes);
  auto corrupt = [](const std::string& why) { return Status::Corrupt("KLL sketch: " + why); };
  uint8_t family, version, num_levels;
  uint16_t k;
  uint64_t n, rng_state;
  double min_value, max_value;
  if (!r.ReadU8(&family) || !r.ReadU8(&version) || !r.ReadU16(&k) || !r.ReadU64(&n) ||
      !r.ReadF64(&min_value) || !r.ReadF64(&max_value) || !r.ReadU64(&rng_state) ||
      !r.ReadU8(&num_levels)) {
    return corrupt("truncated header");
  }
  if (family != static_cast<uint8_t>(internal::SketchFamily::kKll)) {
    return corrupt("wrong family id " + std::to_string(family));
  }
  if (version != kSerialVersion) return corrupt("unsupported version " + std::to_string(version));
  if (k < kMinK) return corrupt("k " + std::to_string(k) + " below " + std::to_string(kMinK));
  if (num_levels < 1 || num_levels > kMaxLevels) {
    return corrupt("level count " + std::to_string(num_levels) + " out of range");
  }
  if (n > 0 && (std::isnan(min_value) || std::isnan(max_value) || min_value > max_value)) {
    return corrupt("invalid min/max");
  }
  KllSketch sketch(k, rng_state);
  sketch.n_ = n;
  sketch.min_ = n > 0 ? min_value : 0.0;
  sketch.max_ = n > 0 ? max_value : 0.0;
  sketch.levels_.assign(num_levels, {});
  uint64_t weight = 0;
  for (size_t h = 0; h < num_levels; ++h) {
    uint32_t count;
    if (!r.ReadU32(&count)) return corrupt("truncated level " + std::to_string(h));
    if (count > r.remaining() / 8) return corrupt("level " + std::to_string(h) + " overruns input");
    auto& level = sketch.levels_[h];
    level.resize(count);
    for (uint32_t i = 0; i < count; ++i) {
      double v;
      if (!r.ReadF64(&v)) return corrupt("truncated level " + std::to_string(h));
      if (std::isnan(v) || v < sketch.min_ || v > sketch.max_) {
        return corrupt("item outside [min, max] on level " + std::to_string(h));
      }
      if (h > 0 && i > 0 && v < level[i - 1]) {
        return corrupt("level " + std::to_string(h) + " not sorted");
      }
      level[i] = v;
    }
    uint64_t level_weight;
    if (__builtin_mul_overflow(static_cast<uint64_t>(count), uint64_t{1} << h, &level_weight) ||
        __builtin_add_overflow(weight, level_weight, &weight)) {
      return corrupt("item weights overflow");
    }
  }
  if (weight != n) return corrupt("item weights do not add up to n");
  if (!r.at_end()) return corrupt("trailing bytes");
  return sketch;
}

}  // namespace airm::sketch
