// Bit-packed integers as Parquet stores them: little-endian, least
// significant bit first, in groups of 8 values that fill exactly `bit_width`
// bytes. Shared by the RLE / bit-packed hybrid and the delta decoders.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace airm::io::parquet {

// Unpacks one group of 8 values of `bit_width` bits (0..64) from the
// `available` bytes at `in` (fewer than bit_width bytes: missing bits read
// as 0, for a writer's truncated last group).
inline void UnpackGroupOf8(const uint8_t* in, std::size_t available, int bit_width,
                           uint64_t out[8]) {
  if (bit_width == 0) {
    for (int i = 0; i < 8; ++i) out[i] = 0;
    return;
  }
  uint8_t group[64 + 16] = {};
  std::memcpy(group, in, available < static_cast<std::size_t>(bit_width) ? available : bit_width);
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  for (int i = 0; i < 8; ++i) {
    const std::size_t bit = static_cast<std::size_t>(i) * bit_width;
    uint64_t low;
    std::memcpy(&low, group + bit / 8, 8);
    const unsigned shift = bit % 8;
    uint64_t value = low >> shift;
    if (shift != 0 && bit_width + shift > 64) {
      value |= static_cast<uint64_t>(group[bit / 8 + 8]) << (64 - shift);
    }
    out[i] = value & mask;
  }
}

}  // namespace airm::io::parquet
