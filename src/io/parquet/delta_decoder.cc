#include "delta_decoder.h"

#include <string>

#include "bit_unpack.h"

namespace airm::io::parquet {
namespace {

Status Truncated(const char* what) {
  return Status::ParseError(std::string("DELTA_BINARY_PACKED data ends inside its ") + what);
}

Result<uint64_t> ReadUleb(std::string_view data, std::size_t* pos, const char* what) {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (*pos >= data.size()) return Truncated(what);
    const auto byte = static_cast<uint8_t>(data[(*pos)++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return Status::ParseError(std::string("DELTA_BINARY_PACKED: an over-long varint in its ") + what);
}

Result<int64_t> ReadZigZag(std::string_view data, std::size_t* pos, const char* what) {
  AIRM_ASSIGN_OR_RETURN(uint64_t raw, ReadUleb(data, pos, what));
  return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

}  // namespace

Result<std::size_t> DecodeDeltaBinaryPacked(std::string_view data, std::size_t max_values,
                                            std::vector<int64_t>* out) {
  out->clear();
  std::size_t pos = 0;
  AIRM_ASSIGN_OR_RETURN(uint64_t block_size, ReadUleb(data, &pos, "header"));
  AIRM_ASSIGN_OR_RETURN(uint64_t miniblocks, ReadUleb(data, &pos, "header"));
  AIRM_ASSIGN_OR_RETURN(uint64_t total, ReadUleb(data, &pos, "header"));
  AIRM_ASSIGN_OR_RETURN(int64_t first, ReadZigZag(data, &pos, "header"));
  if (block_size == 0 || block_size % 128 != 0 || block_size > (1u << 20) || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 32 != 0) {
    return Status::ParseError("DELTA_BINARY_PACKED: block size " + std::to_string(block_size) +
                              " with " + std::to_string(miniblocks) +
                              " miniblocks is not a valid layout");
  }
  if (total > max_values) {
    return Status::ParseError("DELTA_BINARY_PACKED: " + std::to_string(total) +
                              " values where the page has at most " + std::to_string(max_values));
  }
  if (total == 0) return pos;
  out->reserve(total);
  out->push_back(first);
  const std::size_t per_miniblock = block_size / miniblocks;
  auto value = static_cast<uint64_t>(first);
  std::vector<uint8_t> widths(miniblocks);
  uint64_t unpacked[8];
  while (out->size() < total) {
    AIRM_ASSIGN_OR_RETURN(int64_t min_delta, ReadZigZag(data, &pos, "block header"));
    if (miniblocks > data.size() - pos) return Truncated("bit widths");
    for (std::size_t m = 0; m < miniblocks; ++m) widths[m] = static_cast<uint8_t>(data[pos + m]);
    pos += miniblocks;
    for (std::size_t m = 0; m < miniblocks && out->size() < total; ++m) {
      const int width = widths[m];
      if (width > 64) {
        return Status::ParseError("DELTA_BINARY_PACKED: a miniblock bit width of " +
                                  std::to_string(width));
      }
      const std::size_t bytes = per_miniblock / 8 * static_cast<std::size_t>(width);
      if (bytes > data.size() - pos) return Truncated("miniblocks");
      const auto* in = reinterpret_cast<const uint8_t*>(data.data() + pos);
      for (std::size_t g = 0; g < per_miniblock / 8 && out->size() < total; ++g) {
        UnpackGroupOf8(in + g * width, static_cast<std::size_t>(width), width, unpacked);
        for (int i = 0; i < 8 && out->size() < total; ++i) {
          value += static_cast<uint64_t>(min_delta) + unpacked[i];
          out->push_back(static_cast<int64_t>(value));
        }
      }
      pos += bytes;
    }
  }
  return pos;
}

Status DecodeDeltaLengthByteArray(std::string_view data, std::size_t count, PhysicalValues* out) {
  std::vector<int64_t> lengths;
  AIRM_ASSIGN_OR_RETURN(std::size_t pos, DecodeDeltaBinaryPacked(data, count, &lengths));
  if (lengths.size() != count) {
    return Status::ParseError("DELTA_LENGTH_BYTE_ARRAY: " + std::to_string(lengths.size()) +
                              " lengths for " + std::to_string(count) + " values");
  }
  out->bytes.reserve(out->bytes.size() + count);
  for (int64_t length : lengths) {
    if (length < 0 || static_cast<uint64_t>(length) > data.size() - pos) {
      return Status::ParseError("DELTA_LENGTH_BYTE_ARRAY: a value of " + std::to_string(length) +
                                " bytes past the page's end");
    }
    out->bytes.push_back(data.substr(pos, static_cast<std::size_t>(length)));
    pos += static_cast<std::size_t>(length);
  }
  return Status::Ok();
}

Status DecodeDeltaByteArray(std::string_view data, std::size_t count, std::size_t max_value_bytes,
                            std::size_t max_total_bytes, PhysicalValues* out) {
  std::vector<int64_t> prefixes;
  AIRM_ASSIGN_OR_RETURN(std::size_t pos, DecodeDeltaBinaryPacked(data, count, &prefixes));
  if (prefixes.size() != count) {
    return Status::ParseError("DELTA_BYTE_ARRAY: " + std::to_string(prefixes.size()) +
                              " prefix lengths for " + std::to_string(count) + " values");
  }
  PhysicalValues suffixes;
  AIRM_RETURN_IF_ERROR(DecodeDeltaLengthByteArray(data.substr(pos), count, &suffixes));
  std::string_view previous;
  std::size_t total = 0;
  out->bytes.reserve(out->bytes.size() + count);
  for (std::size_t i = 0; i < count; ++i) {
    const int64_t prefix = prefixes[i];
    if (prefix < 0 || static_cast<uint64_t>(prefix) > previous.size()) {
      return Status::ParseError("DELTA_BYTE_ARRAY: value " + std::to_string(i + 1) +
                                " shares a prefix of " + std::to_string(prefix) +
                                " bytes with a value of " + std::to_string(previous.size()));
    }
    const std::string_view suffix = suffixes.bytes[i];
    if (static_cast<std::size_t>(prefix) + suffix.size() > max_value_bytes) {
      return Status::ParseError("DELTA_BYTE_ARRAY: value " + std::to_string(i + 1) +
                                " is longer than max_field_bytes (" +
                                std::to_string(max_value_bytes) + ")");
    }
    total += static_cast<std::size_t>(prefix) + suffix.size();
    if (total > max_total_bytes) {
      return Status::ParseError("DELTA_BYTE_ARRAY: the page's values add up to more than " +
                                std::to_string(max_total_bytes) +
                                " bytes, the reader's budget for decoded data");
    }
    std::string value(previous.substr(0, static_cast<std::size_t>(prefix)));
    value.append(suffix);
    out->owned.push_back(std::move(value));
    previous = out->owned.back();
    out->bytes.push_back(previous);
  }
  return Status::Ok();
}

}  // namespace airm::io::parquet
