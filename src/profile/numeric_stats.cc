#include "numeric_stats.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>
#include <memory>

namespace airm::profile_internal {

namespace {

// IEEE-754 bits mapped so that unsigned order equals numeric order: negative
// numbers have all bits flipped, non-negative ones only the sign bit.
inline uint64_t SortKey(double v) {
  uint64_t bits;
  std::memcpy(&bits, &v, 8);
  return (bits & 0x8000000000000000ULL) ? ~bits : (bits | 0x8000000000000000ULL);
}

inline double FromSortKey(uint64_t key) {
  const uint64_t bits = (key & 0x8000000000000000ULL) ? (key & ~0x8000000000000000ULL) : ~key;
  double v;
  std::memcpy(&v, &bits, 8);
  return v;
}

}  // namespace

void SortDoubles(std::vector<double>* values) {
  const size_t n = values->size();
  if (n < 1024) {
    std::sort(values->begin(), values->end());
    return;
  }
  constexpr int kBits = 11;
  constexpr int kPasses = 6;  // 6 * 11 = 66 >= 64
  constexpr size_t kBuckets = size_t{1} << kBits;
  // Uninitialised buffers: zeroing 16 bytes per value costs a visible share.
  std::unique_ptr<uint64_t[]> keys(new uint64_t[n]);
  std::unique_ptr<uint64_t[]> scratch(new uint64_t[n]);
  std::vector<size_t> counts(kPasses * kBuckets, 0);
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = SortKey((*values)[i]);
    keys[i] = key;
    for (int p = 0; p < kPasses; ++p)
      ++counts[p * kBuckets + ((key >> (p * kBits)) & (kBuckets - 1))];
  }
  for (int p = 0; p < kPasses; ++p) {
    size_t* count = &counts[p * kBuckets];
    // A digit shared by every key leaves the order unchanged: skip the pass.
    if (count[(keys[0] >> (p * kBits)) & (kBuckets - 1)] == n) continue;
    size_t offset = 0;
    for (size_t b = 0; b < kBuckets; ++b) {
      const size_t c = count[b];
      count[b] = offset;
      offset += c;
    }
    for (size_t i = 0; i < n; ++i) {
      const uint64_t key = keys[i];
      scratch[count[(key >> (p * kBits)) & (kBuckets - 1)]++] = key;
    }
    keys.swap(scratch);
  }
  for (size_t i = 0; i < n; ++i) (*values)[i] = FromSortKey(keys[i]);
}

double LinearQuantile(std::span<const double> sorted, double q) {
  const size_t n = sorted.size();
  // numpy: _compute_virtual_index(n, q, alpha=1, beta=1) = n*q + (1 + q*(1-1-1)) - 1.
  const double virtual_index = static_cast<double>(n) * q + (1.0 + q * (1.0 - 1.0 - 1.0)) - 1.0;
  if (virtual_index >= static_cast<double>(n - 1)) return sorted[n - 1];
  if (virtual_index < 0.0) return sorted[0];
  const double previous = std::floor(virtual_index);
  const auto lo = static_cast<size_t>(previous);
  const double t = virtual_index - previous;
  const double a = sorted[lo];
  const double b = sorted[lo + 1];
  // numpy's _lerp: a + (b-a)*t, or b - (b-a)*(1-t) when t >= 0.5 (monotone).
  const double diff = b - a;
  return t >= 0.5 ? b - diff * (1.0 - t) : a + diff * t;
}

HistogramBinner::HistogramBinner(double min, double max, int bins) {
  if (min == max) {
    min -= 0.5;
    max += 0.5;
  }
  edges_.resize(static_cast<size_t>(bins) + 1);
  const double step = (max - min) / bins;
  if (std::isfinite(max - min)) {
    // numpy.linspace: i * step + start, the last edge set to stop.
    for (int i = 0; i < bins; ++i) edges_[i] = static_cast<double>(i) * step + min;
  } else {
    // max - min overflows (numpy would give inf edges): interpolate instead,
    // each term finite because min < 0 < max here.
    for (int i = 0; i < bins; ++i) {
      const double t = static_cast<double>(i) / bins;
      edges_[i] = min * (1.0 - t) + max * t;
    }
  }
  edges_[bins] = max;
}

size_t HistogramBinner::BinOf(double value) const {
  const size_t bins = edges_.size() - 1;
  const auto it = std::upper_bound(edges_.begin(), edges_.end(), value);
  if (it == edges_.begin()) return 0;
  return std::min(static_cast<size_t>(it - edges_.begin()) - 1, bins - 1);
}

std::vector<HistogramBin> HistogramBinner::CountSorted(std::span<const double> sorted) const {
  std::vector<HistogramBin> bins = MakeBins();
  // first[i]: index of the first value >= edges_[i]; values below edges_[0]
  // belong to bin 0 and values at the last edge to the last bin, as in BinOf.
  std::vector<size_t> first(bins.size() + 1);
  first[0] = 0;
  for (size_t i = 1; i < bins.size(); ++i) {
    first[i] = static_cast<size_t>(std::lower_bound(sorted.begin(), sorted.end(), edges_[i]) -
                                   sorted.begin());
  }
  first[bins.size()] = sorted.size();
  for (size_t i = 0; i < bins.size(); ++i) bins[i].count = first[i + 1] - first[i];
  return bins;
}

std::vector<HistogramBin> HistogramBinner::MakeBins() const {
  std::vector<HistogramBin> bins(edges_.size() - 1);
  for (size_t i = 0; i < bins.size(); ++i) {
    bins[i].lower = edges_[i];
    bins[i].upper = edges_[i + 1];
  }
  return bins;
}

void CompensatedSum::Add(double x) {
  const double t = sum_ + x;
  if (std::fabs(sum_) >= std::fabs(x)) {
    compensation_ += (sum_ - t) + x;
  } else {
    compensation_ += (x - t) + sum_;
  }
  sum_ = t;
}

void ExactMoments(std::span<const double> values, double* mean, double* m2) {
  CompensatedSum sum;
  for (double v : values) sum.Add(v);
  const double n = static_cast<double>(values.size());
  const double mu = sum.Total() / n;
  CompensatedSum squares, deviations;
  for (double v : values) {
    const double d = v - mu;
    squares.Add(d * d);
    deviations.Add(d);
  }
  // The correction term removes the rounding error of mu (it is 0 in exact arithmetic).
  const double correction = deviations.Total();
  *mean = mu + correction / n;
  *m2 = std::max(0.0, squares.Total() - correction * correction / n);
}

std::string FormatNumericValue(double value, DataType type) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Inf" : "-Inf";
  switch (type) {
    case DataType::kBool:
      return value != 0.0 ? "true" : "false";
    case DataType::kInt64:
      if (std::fabs(value) < 9.2e18) return std::to_string(static_cast<int64_t>(value));
      break;
    case DataType::kTimestamp:
      if (std::fabs(value) < 9.2e12) {
        return FormatTimestamp(static_cast<int64_t>(std::llround(value * 1e6)));
      }
      break;
    default:
      break;
  }
  char buf[64];
  const auto res = std::to_chars(buf, buf + sizeof buf, value);
  return std::string(buf, res.ptr);
}

}  // namespace airm::profile_internal
