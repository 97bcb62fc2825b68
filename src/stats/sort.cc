#include "airm/stats/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <utility>
#include <vector>

namespace airm::stats {
namespace {

// Below this size std::sort wins over six counting passes.
constexpr size_t kRadixMinSize = 4096;
constexpr unsigned kBits = 11;
constexpr uint64_t kBuckets = uint64_t{1} << kBits;

// Flips every bit of negatives and only the sign bit of positives, so that
// unsigned order of the keys is the numeric order of the doubles.
uint64_t ToKey(double v) {
  const auto bits = std::bit_cast<uint64_t>(v);
  return (bits >> 63) != 0 ? ~bits : bits | (uint64_t{1} << 63);
}

double FromKey(uint64_t key) {
  return std::bit_cast<double>((key >> 63) != 0 ? key & ~(uint64_t{1} << 63) : ~key);
}

}  // namespace

void SortSample(std::span<double> values) {
  if (values.size() < kRadixMinSize) {
    std::sort(values.begin(), values.end());
    return;
  }
  constexpr unsigned kPasses = (64 + kBits - 1) / kBits;
  // Every digit's histogram in the one pass that makes the keys, so each
  // sorting pass only scatters.
  std::vector<std::array<size_t, kBuckets>> counts(kPasses);
  std::vector<uint64_t> keys(values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const uint64_t key = ToKey(values[i]);
    keys[i] = key;
    for (unsigned p = 0; p < kPasses; ++p) ++counts[p][(key >> (p * kBits)) & (kBuckets - 1)];
  }
  std::vector<uint64_t> scratch(keys.size());
  for (unsigned p = 0; p < kPasses; ++p) {
    std::array<size_t, kBuckets>& start = counts[p];
    // A digit every key shares (the high exponent bits of most data) needs
    // no pass.
    if (std::find(start.begin(), start.end(), keys.size()) != start.end()) continue;
    size_t sum = 0;
    for (size_t& c : start) sum += std::exchange(c, sum);
    const unsigned shift = p * kBits;
    for (uint64_t k : keys) scratch[start[(k >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(scratch);
  }
  for (size_t i = 0; i < values.size(); ++i) values[i] = FromKey(keys[i]);
}

}  // namespace airm::stats
