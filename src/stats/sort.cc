#include "airm/stats/sort.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
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
  std::vector<uint64_t> keys(values.size());
  uint64_t all_or = 0, all_and = ~uint64_t{0};
  for (size_t i = 0; i < values.size(); ++i) {
    keys[i] = ToKey(values[i]);
    all_or |= keys[i];
    all_and &= keys[i];
  }
  std::vector<uint64_t> scratch(keys.size());
  for (unsigned shift = 0; shift < 64; shift += kBits) {
    // A digit every key shares (the high exponent bits of most data) needs
    // no pass.
    if ((((all_or ^ all_and) >> shift) & (kBuckets - 1)) == 0) continue;
    std::array<size_t, kBuckets + 1> start{};
    for (uint64_t k : keys) ++start[((k >> shift) & (kBuckets - 1)) + 1];
    for (uint64_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    for (uint64_t k : keys) scratch[start[(k >> shift) & (kBuckets - 1)]++] = k;
    keys.swap(scratch);
  }
  for (size_t i = 0; i < values.size(); ++i) values[i] = FromKey(keys[i]);
}

}  // namespace airm::stats
