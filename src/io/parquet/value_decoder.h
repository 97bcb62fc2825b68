// The values section of a data page, by its encoding: PLAIN, RLE (booleans),
// PLAIN_DICTIONARY / RLE_DICTIONARY (indices into the column chunk's
// dictionary page), the DELTA encodings and BYTE_STREAM_SPLIT. Each decoder
// reads only inside `data` and fails on an encoding the physical type cannot
// have, or that this reader does not know, naming it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "airm/status.h"
#include "physical_values.h"

namespace airm::io::parquet {

namespace encoding {
inline constexpr int32_t kPlain = 0, kPlainDictionary = 2, kRle = 3, kBitPacked = 4,
                         kDeltaBinaryPacked = 5, kDeltaLengthByteArray = 6, kDeltaByteArray = 7,
                         kRleDictionary = 8, kByteStreamSplit = 9;
}  // namespace encoding
const char* EncodingName(int32_t encoding);

struct ValueDecodeContext {
  int32_t physical = 0;
  int32_t type_length = 0;
  const PhysicalValues* dictionary = nullptr;  // null: the chunk has no dictionary page
  std::size_t max_value_bytes = 0;             // ReadOptions::max_field_bytes
  std::size_t max_total_bytes = 0;             // what the read's budget has left
};

// The indices of a PLAIN_DICTIONARY / RLE_DICTIONARY page (a bit-width byte,
// then RLE / bit-packed runs), each checked to be below dictionary_size.
Status DecodeDictionaryIndices(std::string_view data, std::size_t count,
                               std::size_t dictionary_size, std::vector<uint32_t>* indices);

// Appends `count` non-null values of the page's `encoding` from `data` to
// `out`. Byte values may be views into `data` or the dictionary.
Status DecodeValues(int32_t encoding, std::string_view data, std::size_t count,
                    const ValueDecodeContext& context, PhysicalValues* out);

}  // namespace airm::io::parquet
