// SplitMix64 (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
// generators"; Vigna's reference code): the library's one platform-independent
// 64-bit mixer and seeded generator.
//
// Every seeded row order (holdout splits, tie breaking, bootstrap draws, chaos
// perturbations), row and value hash and KLL's coin uses these, because the
// standard library's engines and distributions are implementation-defined and
// the numbers must be the same on every platform and reproducible from Python
// (scripts/fixtures/). Changing any constant here is a format break: serialized
// HyperLogLog registers (docs/formats/profile.md) and committed fixtures
// depend on the exact outputs. Thread-safety: the functions are pure; a
// SplitMix64 object is not shared between threads.
#pragma once

#include <cstddef>
#include <cstdint>

namespace airm {

// The generator's increment: 2^64 / golden ratio, odd.
inline constexpr uint64_t kSplitMix64Gamma = 0x9e3779b97f4a7c15ULL;

// SplitMix64's finalizer: a bijective avalanche of one 64-bit word.
inline constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

// The first output of a SplitMix64 generator seeded with `x`: a seeded hash
// of an integer (a row index, a stream number).
inline constexpr uint64_t SplitMix64Hash(uint64_t x) { return Mix64(x + kSplitMix64Gamma); }

// The generator: state advances by kSplitMix64Gamma, output is Mix64(state).
class SplitMix64 {
 public:
  explicit SplitMix64(uint64_t seed = 0) : state_(seed) {}

  uint64_t Next() {
    state_ += kSplitMix64Gamma;
    return Mix64(state_);
  }
  // An index in [0, n) as Next() % n: the modulo bias is below n / 2^64, and
  // the plain modulo is what the Python reimplementations of the fixtures do.
  // REQUIRES: n > 0.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // In [0, 1) from the top 53 bits.
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }

  uint64_t state() const { return state_; }

 private:
  uint64_t state_;
};

}  // namespace airm
