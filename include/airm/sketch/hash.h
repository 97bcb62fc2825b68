// 64-bit hashing for sketches (HyperLogLog, hash maps of values).
//
// Written here rather than taken from a package: Debian ships no xxHash C++
// header we can rely on. The byte hash follows xxHash64's structure
// (Collet, 2012; public algorithm) and the integer mixer is SplitMix64's
// finalizer (Steele et al. 2014; airm/splitmix64.h). Values are stable across platforms and
// versions because serialized HyperLogLog registers depend on them: changing
// them is a format break (see docs/formats/profile.md).
#pragma once

#include <cstdint>
#include <string_view>

#include "airm/splitmix64.h"  // Mix64, and SplitMix64 for KLL's coin

namespace airm::sketch {

// xxHash64 of the bytes of `data` with `seed`.
uint64_t HashBytes(std::string_view data, uint64_t seed = 0);

// Hash of a double by value: -0.0 hashes as 0.0 and every NaN alike, so
// equal values (and all NaNs) hash equal.
uint64_t HashDouble(double value);

}  // namespace airm::sketch
