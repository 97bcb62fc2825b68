// PLAIN and BYTE_STREAM_SPLIT, the two layouts of values without a
// dictionary or deltas: PLAIN stores fixed-width values little-endian one
// after another (BOOLEAN bit-packed, BYTE_ARRAY as a 4-byte length + bytes);
// BYTE_STREAM_SPLIT stores byte k of every value in stream k, for
// compression. Both check the data's size before they allocate.
#pragma once

#include <cstddef>
#include <string_view>

#include "airm/status.h"
#include "physical_values.h"

namespace airm::io::parquet {

// Appends `count` values of `physical` type (type_length for
// FIXED_LEN_BYTE_ARRAY) from `data` to `out`. Byte values are views into
// `data`, which must outlive them.
Status DecodePlain(int physical, int type_length, std::string_view data, std::size_t count,
                   PhysicalValues* out);

// FLOAT, DOUBLE, INT32, INT64 and FIXED_LEN_BYTE_ARRAY. Byte values are
// copied into out->owned.
Status DecodeByteStreamSplit(int physical, int type_length, std::string_view data,
                             std::size_t count, PhysicalValues* out);

}  // namespace airm::io::parquet
