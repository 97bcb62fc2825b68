// Internal: the random source of the bootstrap.
//
// xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64: fast, and its
// output is fixed by the seed on every platform, unlike std:: distributions.
// Each resample gets its own generator, seeded from (seed, resample index)
// alone, so the resamples can run on any number of threads, in any order,
// and still give the same numbers.
#pragma once

#include <cstdint>

#include "airm/splitmix64.h"

namespace airm::eval_internal {

class Rng {
 public:
  explicit Rng(uint64_t seed) {
    for (uint64_t& s : state_) {
      seed += kSplitMix64Gamma;
      s = SplitMix64Hash(seed);
    }
  }
  // The generator of resample `index` of a bootstrap seeded with `seed`.
  static Rng ForResample(uint64_t seed, uint64_t index) {
    return Rng(SplitMix64Hash(seed) ^ SplitMix64Hash(~index));
  }

  uint64_t Next() {
    const uint64_t result = Rotl(state_[1] * 5, 7) * 9;
    const uint64_t t = state_[1] << 17;
    state_[2] ^= state_[0];
    state_[3] ^= state_[1];
    state_[1] ^= state_[2];
    state_[0] ^= state_[3];
    state_[2] ^= t;
    state_[3] = Rotl(state_[3], 45);
    return result;
  }
  // UniformRandomBitGenerator, for Boost.Random's binomial sampler.
  using result_type = uint64_t;
  static constexpr result_type min() { return 0; }
  static constexpr result_type max() { return UINT64_MAX; }
  result_type operator()() { return Next(); }

  // Uniform in [0, bound) without modulo bias (Lemire 2019): a 32-bit word
  // times bound, rejecting the 2^32 mod bound low words that would favour
  // some values. Each 64-bit output serves two draws. REQUIRES: bound > 0.
  uint32_t Below(uint32_t bound) {
    uint64_t m = uint64_t{Word()} * bound;
    uint32_t low = static_cast<uint32_t>(m);
    if (low < bound) {
      const uint32_t threshold = static_cast<uint32_t>(-bound) % bound;
      while (low < threshold) {
        m = uint64_t{Word()} * bound;
        low = static_cast<uint32_t>(m);
      }
    }
    return static_cast<uint32_t>(m >> 32);
  }

 private:
  static uint64_t Rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
  uint32_t Word() {
    if (spare_valid_) {
      spare_valid_ = false;
      return spare_;
    }
    const uint64_t x = Next();
    spare_ = static_cast<uint32_t>(x);
    spare_valid_ = true;
    return static_cast<uint32_t>(x >> 32);
  }
  uint64_t state_[4];
  uint32_t spare_ = 0;
  bool spare_valid_ = false;
};

}  // namespace airm::eval_internal
