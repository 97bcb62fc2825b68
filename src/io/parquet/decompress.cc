#include "decompress.h"

#include <snappy.h>
#include <zlib.h>
#include <zstd.h>

#include <limits>

namespace airm::io::parquet {
namespace {

Status SizeMismatch(const char* codec, std::size_t got, std::size_t expected) {
  return Status::ParseError(std::string(codec) + " page decompresses to " + std::to_string(got) +
                            " bytes, its header says " + std::to_string(expected));
}

Status Inflate(std::string_view in, std::size_t size, std::string* out) {
  if (in.size() > std::numeric_limits<uInt>::max() || size > std::numeric_limits<uInt>::max()) {
    return Status::ParseError("GZIP page larger than 4 GiB");
  }
  z_stream zs{};
  // 15 + 32: a gzip or a zlib header, detected.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return Status::Internal("inflateInit2 failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
  zs.avail_in = static_cast<uInt>(in.size());
  zs.next_out = reinterpret_cast<Bytef*>(out->data());
  zs.avail_out = static_cast<uInt>(size);
  const int rc = inflate(&zs, Z_FINISH);
  const std::size_t produced = zs.total_out;
  std::string message = zs.msg != nullptr ? zs.msg : "";
  inflateEnd(&zs);
  if (rc == Z_STREAM_END) {
    if (produced != size) return SizeMismatch("GZIP", produced, size);
    return Status::Ok();
  }
  if (rc == Z_BUF_ERROR && zs.avail_out == 0) {
    return Status::ParseError("GZIP page decompresses to more than the " + std::to_string(size) +
                              " bytes its header says");
  }
  return Status::ParseError("corrupt GZIP page" + (message.empty() ? "" : ": " + message));
}

}  // namespace

const char* CodecName(int32_t codec) {
  static const char* const kNames[] = {"UNCOMPRESSED", "SNAPPY", "GZIP", "LZO",
                                       "BROTLI",       "LZ4",    "ZSTD", "LZ4_RAW"};
  return codec >= 0 && codec < 8 ? kNames[codec] : "an unknown codec";
}

bool IsSupportedCodec(int32_t codec) {
  switch (static_cast<Codec>(codec)) {
    case Codec::kUncompressed:
    case Codec::kSnappy:
    case Codec::kGzip:
    case Codec::kZstd:
      return true;
    default:
      return false;
  }
}

Status Decompress(int32_t codec, std::string_view in, std::size_t size, std::string* out) {
  out->resize(size);
  switch (static_cast<Codec>(codec)) {
    case Codec::kUncompressed:
      if (in.size() != size) return SizeMismatch("UNCOMPRESSED", in.size(), size);
      out->assign(in);
      return Status::Ok();
    case Codec::kSnappy: {
      std::size_t length = 0;
      if (!snappy::GetUncompressedLength(in.data(), in.size(), &length)) {
        return Status::ParseError("corrupt SNAPPY page (bad length preamble)");
      }
      if (length != size) return SizeMismatch("SNAPPY", length, size);
      if (!snappy::RawUncompress(in.data(), in.size(), out->data())) {
        return Status::ParseError("corrupt SNAPPY page");
      }
      return Status::Ok();
    }
    case Codec::kGzip:
      return Inflate(in, size, out);
    case Codec::kZstd: {
      const std::size_t n = ZSTD_decompress(out->data(), size, in.data(), in.size());
      if (ZSTD_isError(n)) {
        return Status::ParseError(std::string("corrupt ZSTD page: ") + ZSTD_getErrorName(n));
      }
      if (n != size) return SizeMismatch("ZSTD", n, size);
      return Status::Ok();
    }
    default:
      return Status::ParseError(std::string("compression codec ") + CodecName(codec) +
                                " is not supported (supported: UNCOMPRESSED, SNAPPY, GZIP, ZSTD)");
  }
}

}  // namespace airm::io::parquet
