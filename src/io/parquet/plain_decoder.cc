#include "plain_decoder.h"

#include <cstdint>
#include <cstring>
#include <string>

#include "metadata.h"

namespace airm::io::parquet {
namespace {

template <typename T>
T LoadLittleEndian(const char* p) {
  T value;
  std::memcpy(&value, p, sizeof(T));  // x86-64 and aarch64 are little-endian
  return value;
}

Status TooShort(std::size_t count, const char* what, std::size_t size) {
  return Status::ParseError("a page of " + std::to_string(count) + " " + what +
                            " values has only " + std::to_string(size) + " bytes");
}

// Bytes per value of the fixed-width types; 0 for BYTE_ARRAY and BOOLEAN.
std::size_t FixedWidth(int physical, int type_length) {
  switch (static_cast<PhysicalType>(physical)) {
    case PhysicalType::kInt32:
    case PhysicalType::kFloat:
      return 4;
    case PhysicalType::kInt64:
    case PhysicalType::kDouble:
      return 8;
    case PhysicalType::kInt96:
      return 12;
    case PhysicalType::kFixedLenByteArray:
      return static_cast<std::size_t>(type_length);
    default:
      return 0;
  }
}

}  // namespace

Status DecodePlain(int physical, int type_length, std::string_view data, std::size_t count,
                   PhysicalValues* out) {
  const char* p = data.data();
  switch (static_cast<PhysicalType>(physical)) {
    case PhysicalType::kBoolean: {
      if ((count + 7) / 8 > data.size()) return TooShort(count, "BOOLEAN", data.size());
      out->ints.reserve(out->ints.size() + count);
      for (std::size_t i = 0; i < count; ++i) {
        out->ints.push_back((static_cast<uint8_t>(p[i / 8]) >> (i % 8)) & 1);
      }
      return Status::Ok();
    }
    case PhysicalType::kByteArray: {
      // Every value takes at least its 4-byte length.
      if (count > data.size() / 4) return TooShort(count, "BYTE_ARRAY", data.size());
      out->bytes.reserve(out->bytes.size() + count);
      std::size_t pos = 0;
      for (std::size_t i = 0; i < count; ++i) {
        if (data.size() - pos < 4) return TooShort(count, "BYTE_ARRAY", data.size());
        const auto length = LoadLittleEndian<uint32_t>(p + pos);
        pos += 4;
        if (length > data.size() - pos) {
          return Status::ParseError("BYTE_ARRAY value " + std::to_string(i + 1) + " claims " +
                                    std::to_string(length) + " bytes, past the page's end");
        }
        out->bytes.push_back(data.substr(pos, length));
        pos += length;
      }
      return Status::Ok();
    }
    default:
      break;
  }
  const std::size_t width = FixedWidth(physical, type_length);
  if (width == 0) return Status::ParseError("PLAIN values of an unknown width");
  if (count > data.size() / width) return TooShort(count, PhysicalTypeName(physical), data.size());
  switch (static_cast<PhysicalType>(physical)) {
    case PhysicalType::kInt32:
      out->ints.reserve(out->ints.size() + count);
      for (std::size_t i = 0; i < count; ++i)
        out->ints.push_back(LoadLittleEndian<int32_t>(p + 4 * i));
      break;
    case PhysicalType::kInt64:
      out->ints.reserve(out->ints.size() + count);
      for (std::size_t i = 0; i < count; ++i)
        out->ints.push_back(LoadLittleEndian<int64_t>(p + 8 * i));
      break;
    case PhysicalType::kFloat:
      out->doubles.reserve(out->doubles.size() + count);
      for (std::size_t i = 0; i < count; ++i)
        out->doubles.push_back(LoadLittleEndian<float>(p + 4 * i));
      break;
    case PhysicalType::kDouble:
      out->doubles.reserve(out->doubles.size() + count);
      for (std::size_t i = 0; i < count; ++i)
        out->doubles.push_back(LoadLittleEndian<double>(p + 8 * i));
      break;
    default:  // INT96, FIXED_LEN_BYTE_ARRAY
      out->bytes.reserve(out->bytes.size() + count);
      for (std::size_t i = 0; i < count; ++i) out->bytes.push_back(data.substr(i * width, width));
      break;
  }
  return Status::Ok();
}

Status DecodeByteStreamSplit(int physical, int type_length, std::string_view data,
                             std::size_t count, PhysicalValues* out) {
  const auto type = static_cast<PhysicalType>(physical);
  if (type != PhysicalType::kFloat && type != PhysicalType::kDouble &&
      type != PhysicalType::kInt32 && type != PhysicalType::kInt64 &&
      type != PhysicalType::kFixedLenByteArray) {
    return Status::ParseError(std::string("BYTE_STREAM_SPLIT encoding of a ") +
                              PhysicalTypeName(physical) + " column");
  }
  const std::size_t width = FixedWidth(physical, type_length);
  if (width == 0) return Status::ParseError("BYTE_STREAM_SPLIT values of width 0");
  if (count > data.size() / width) return TooShort(count, "BYTE_STREAM_SPLIT", data.size());
  // Stream k holds byte k of every value; the page holds exactly `count`
  // values when it has no nulls, and may hold fewer streams' worth otherwise.
  const std::size_t stride = data.size() / width;
  std::string value(width, '\0');
  for (std::size_t i = 0; i < count; ++i) {
    for (std::size_t k = 0; k < width; ++k) value[k] = data[k * stride + i];
    switch (type) {
      case PhysicalType::kFloat:
        out->doubles.push_back(LoadLittleEndian<float>(value.data()));
        break;
      case PhysicalType::kDouble:
        out->doubles.push_back(LoadLittleEndian<double>(value.data()));
        break;
      case PhysicalType::kInt32:
        out->ints.push_back(LoadLittleEndian<int32_t>(value.data()));
        break;
      case PhysicalType::kInt64:
        out->ints.push_back(LoadLittleEndian<int64_t>(value.data()));
        break;
      default:
        out->owned.push_back(value);
        out->bytes.push_back(out->owned.back());
        break;
    }
  }
  return Status::Ok();
}

}  // namespace airm::io::parquet
