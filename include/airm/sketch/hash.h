// 64-bit hashing for sketches (HyperLogLog, hash maps of values).
//
// Written here rather than taken from a package: Debian ships no xxHash C++
// header we can rely on. The byte hash follows xxHash64's structure
// (Collet, 2012; public algorithm) and the integer mixer is SplitMix64's
// finalizer (Steele et al. 2014). Values are stable across platforms and
// versions because serialized HyperLogLog registers depend on them: changing
// them is a format break (see docs/formats/profile.md).
#pragma once

#include <cstdint>
#include <string_view>

namespace airm::sketch {

// SplitMix64 finalizer: a bijective avalanche of 64 bits.
inline uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// xxHash64 of the bytes of `data` with `seed`.
uint64_t HashBytes(std::string_view data, uint64_t seed = 0);

// Hash of a double by value: -0.0 hashes as 0.0 and every NaN alike, so
// equal values (and all NaNs) hash equal.
uint64_t HashDouble(double value);

// Deterministic pseudo-random generator (SplitMix64), used for KLL's coin.
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed = 0) : state_(seed) {}
  uint64_t Next() {
    state_ += 0x9e3779b97f4a7c15ULL;
    return Mix64(state_);
  }
  uint64_t state() const { return state_; }

 private:
  uint64_t state_;
};

}  // namespace airm::sketch
