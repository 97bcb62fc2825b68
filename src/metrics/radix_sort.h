// Internal: a stable LSD radix sort of unsigned 32-bit keys, O(n) for the
// row subsets (segments, slices, the tail) that metrics order by score rank.
#pragma once

#include <array>
#include <bit>
#include <cstdint>
#include <vector>

namespace airm::eval_internal {

// Sorts *keys ascending, every key < bound. 11 bits per pass: 2 passes up to
// 4 million distinct values, 3 beyond.
inline void RadixSortBelow(uint32_t bound, std::vector<uint32_t>* keys) {
  constexpr unsigned kBits = 11;
  constexpr uint32_t kBuckets = 1u << kBits;
  const unsigned width = bound <= 1 ? 0 : static_cast<unsigned>(std::bit_width(bound - 1));
  std::vector<uint32_t> scratch(keys->size());
  for (unsigned shift = 0; shift < width; shift += kBits) {
    std::array<uint32_t, kBuckets + 1> start{};
    for (uint32_t k : *keys) ++start[((k >> shift) & (kBuckets - 1)) + 1];
    for (uint32_t b = 0; b < kBuckets; ++b) start[b + 1] += start[b];
    for (uint32_t k : *keys) scratch[start[(k >> shift) & (kBuckets - 1)]++] = k;
    keys->swap(scratch);
  }
}

}  // namespace airm::eval_internal
