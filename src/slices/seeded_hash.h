// Internal: SplitMix64 (Steele, Lea & Flood 2014), a platform-independent
// 64-bit mix used for seeded, reproducible row orders (holdout split, tie
// breaking) that do not depend on the standard library's RNGs.
#pragma once

#include <cstdint>

namespace airm::slices_internal {

inline uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace airm::slices_internal
