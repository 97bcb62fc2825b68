// Page decompression: UNCOMPRESSED, SNAPPY (libsnappy), GZIP (zlib) and ZSTD
// (libzstd). The page header states the decompressed size; a page that
// decompresses to any other size is corrupt, so the output buffer is
// allocated once at the stated size (which the caller has bounded).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::io::parquet {

enum class Codec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,
  kZstd = 6,
  kLz4Raw = 7,
};
const char* CodecName(int32_t codec);
bool IsSupportedCodec(int32_t codec);

// Decompresses `in` into `*out`, which receives exactly `size` bytes.
Status Decompress(int32_t codec, std::string_view in, std::size_t size, std::string* out);

}  // namespace airm::io::parquet
