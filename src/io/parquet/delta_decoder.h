// The DELTA encodings of Parquet:
//   DELTA_BINARY_PACKED (INT32, INT64): a header (block size, miniblocks per
//     block, value count, first value), then blocks of a minimum delta and
//     bit-packed miniblocks of (delta - minimum);
//   DELTA_LENGTH_BYTE_ARRAY (BYTE_ARRAY): the lengths DELTA_BINARY_PACKED,
//     then the bytes of every value concatenated;
//   DELTA_BYTE_ARRAY (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY): prefix lengths
//     shared with the previous value, then the suffixes as
//     DELTA_LENGTH_BYTE_ARRAY.
// Arithmetic wraps (two's complement), as the writers compute it. Counts
// and lengths are checked against the data before anything is allocated.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "physical_values.h"

namespace airm::io::parquet {

// Decodes a DELTA_BINARY_PACKED run of at most `max_values` values into
// `out` (replacing its content); returns the bytes it took from `data`.
Result<std::size_t> DecodeDeltaBinaryPacked(std::string_view data, std::size_t max_values,
                                            std::vector<int64_t>* out);

// Appends `count` values; byte values are views into `data` (DELTA_LENGTH)
// or copies in out->owned (DELTA_BYTE_ARRAY). `max_value_bytes` caps each
// rebuilt DELTA_BYTE_ARRAY value and `max_total_bytes` all of them, since
// shared prefixes let a small page ask for many large copies.
Status DecodeDeltaLengthByteArray(std::string_view data, std::size_t count, PhysicalValues* out);
Status DecodeDeltaByteArray(std::string_view data, std::size_t count, std::size_t max_value_bytes,
                            std::size_t max_total_bytes, PhysicalValues* out);

}  // namespace airm::io::parquet
