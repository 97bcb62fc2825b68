#include "airm/stats/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <limits>
#include <memory>
#include <utility>

namespace airm::stats {
namespace {

// Below this size std::sort wins over six counting passes.
constexpr size_t kRadixMinSize = 4096;
constexpr unsigned kBits = 11;
constexpr uint64_t kBuckets = uint64_t{1} << kBits;
constexpr unsigned kPasses = (64 + kBits - 1) / kBits;

// Flips every bit of negatives and only the sign bit of positives, so that
// unsigned order of the keys is the numeric order of the doubles.
uint64_t ToKey(double v) {
  const auto bits = std::bit_cast<uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

double FromKey(uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(uint64_t{1} << 63) : ~key);
}

// Keys live in double-typed storage (the values' own array and one scratch
// array of the same type), so they are moved as bytes: memcpy is the
// aliasing-safe way and compiles to a plain load or store.
uint64_t LoadKey(const double* slot) {
  uint64_t key;
  std::memcpy(&key, slot, sizeof key);
  return key;
}

void StoreKey(double* slot, uint64_t key) { std::memcpy(slot, &key, sizeof key); }

// One LSD pass: scatters the n elements of `from` into `to` by the digit at
// `shift`. The first pass reads doubles and makes their keys on the fly, the
// last writes doubles back; the passes between move keys.
template <bool kFirst, bool kLast, typename Count>
void ScatterPass(const double* from, double* to, size_t n, unsigned shift,
                 std::array<Count, kBuckets>& start) {
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = kFirst ? ToKey(from[i]) : LoadKey(from + i);
    double* slot = to + start[(key >> shift) & (kBuckets - 1)]++;
    if constexpr (kLast) {
      *slot = FromKey(key);
    } else {
      StoreKey(slot, key);
    }
  }
}

// Counts of type Count (32 bits when the sample allows: half the cache the
// six histograms take).
template <typename Count>
void RadixSort(std::span<double> values) {
  const size_t n = values.size();
  // Every digit's histogram in one pass, so each sorting pass only scatters.
  std::array<std::array<Count, kBuckets>, kPasses> counts{};
  for (size_t i = 0; i < n; ++i) {
    const uint64_t key = ToKey(values[i]);
    for (unsigned p = 0; p < kPasses; ++p) ++counts[p][(key >> (p * kBits)) & (kBuckets - 1)];
  }
  // A digit every key shares (the high exponent bits of most data) needs no
  // pass.
  std::array<unsigned, kPasses> active{};
  unsigned num_active = 0;
  for (unsigned p = 0; p < kPasses; ++p) {
    if (std::find(counts[p].begin(), counts[p].end(), static_cast<Count>(n)) == counts[p].end()) {
      active[num_active++] = p;
    }
  }
  // No active digit: every value has the same bits, already in order.
  if (num_active == 0) return;
  // One scratch array, left uninitialised (every slot is written before it
  // is read); the passes alternate between it and `values`.
  std::unique_ptr<double[]> scratch(new double[n]);
  double* from = values.data();
  double* to = scratch.get();
  for (unsigned a = 0; a < num_active; ++a) {
    const unsigned p = active[a];
    std::array<Count, kBuckets>& start = counts[p];
    Count sum = 0;
    for (Count& c : start) sum += std::exchange(c, sum);
    const unsigned shift = p * kBits;
    const bool first = a == 0, last = a + 1 == num_active;
    if (first && last) {
      ScatterPass<true, true>(from, to, n, shift, start);
    } else if (first) {
      ScatterPass<true, false>(from, to, n, shift, start);
    } else if (last) {
      ScatterPass<false, true>(from, to, n, shift, start);
    } else {
      ScatterPass<false, false>(from, to, n, shift, start);
    }
    std::swap(from, to);
  }
  // An odd number of passes ends in the scratch array.
  if (from != values.data()) std::copy(from, from + n, values.data());
}

}  // namespace

void SortSample(std::span<double> values) {
  if (values.size() < kRadixMinSize) {
    std::sort(values.begin(), values.end());
    return;
  }
  if (values.size() <= std::numeric_limits<uint32_t>::max()) {
    RadixSort<uint32_t>(values);
  } else {
    RadixSort<size_t>(values);
  }
}

}  // namespace airm::stats
