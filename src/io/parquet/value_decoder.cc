#include "value_decoder.h"

#include <cstring>
#include <string>
#include <vector>

#include "delta_decoder.h"
#include "metadata.h"
#include "plain_decoder.h"
#include "rle_decoder.h"

namespace airm::io::parquet {
namespace {

Status WrongEncoding(int32_t encoding, int32_t physical) {
  return Status::ParseError(std::string("encoding ") + EncodingName(encoding) + " on a " +
                            PhysicalTypeName(physical) + " column");
}

Status GatherFromDictionary(std::string_view data, std::size_t count,
                            const ValueDecodeContext& context, PhysicalValues* out) {
  const PhysicalValues* dict = context.dictionary;
  if (dict == nullptr) {
    return Status::ParseError("a dictionary-encoded page in a column chunk without a dictionary");
  }
  std::vector<uint32_t> indices;
  AIRM_RETURN_IF_ERROR(DecodeDictionaryIndices(data, count, dict->size(), &indices));
  if (!dict->ints.empty() || (dict->doubles.empty() && dict->bytes.empty())) {
    out->ints.reserve(out->ints.size() + count);
    for (uint32_t index : indices) out->ints.push_back(dict->ints[index]);
  } else if (!dict->doubles.empty()) {
    out->doubles.reserve(out->doubles.size() + count);
    for (uint32_t index : indices) out->doubles.push_back(dict->doubles[index]);
  } else {
    out->bytes.reserve(out->bytes.size() + count);
    for (uint32_t index : indices) out->bytes.push_back(dict->bytes[index]);
  }
  return Status::Ok();
}

Status DecodeRleBooleans(std::string_view data, std::size_t count, PhysicalValues* out) {
  if (data.size() < 4) return Status::ParseError("RLE booleans without their length prefix");
  uint32_t length;
  std::memcpy(&length, data.data(), 4);
  if (length > data.size() - 4) {
    return Status::ParseError("RLE booleans claim " + std::to_string(length) +
                              " bytes, past the page's end");
  }
  std::vector<uint32_t> bits(count);
  RleDecoder decoder(data.substr(4, length), 1);
  AIRM_RETURN_IF_ERROR(decoder.Decode(bits.data(), count));
  out->ints.reserve(out->ints.size() + count);
  for (uint32_t bit : bits) out->ints.push_back(bit & 1);
  return Status::Ok();
}

}  // namespace

Status DecodeDictionaryIndices(std::string_view data, std::size_t count,
                               std::size_t dictionary_size, std::vector<uint32_t>* indices) {
  indices->resize(count);
  if (count == 0) return Status::Ok();
  if (data.empty()) return Status::ParseError("dictionary indices: missing bit width");
  const int bit_width = static_cast<uint8_t>(data[0]);
  if (bit_width > 32) {
    return Status::ParseError("dictionary indices of bit width " + std::to_string(bit_width));
  }
  RleDecoder decoder(data.substr(1), bit_width);
  AIRM_RETURN_IF_ERROR(decoder.Decode(indices->data(), count));
  for (uint32_t index : *indices) {
    if (index >= dictionary_size) {
      return Status::ParseError("dictionary index " + std::to_string(index) +
                                " past the dictionary's " + std::to_string(dictionary_size) +
                                " entries");
    }
  }
  return Status::Ok();
}

const char* EncodingName(int32_t encoding) {
  switch (encoding) {
    case encoding::kPlain:
      return "PLAIN";
    case encoding::kPlainDictionary:
      return "PLAIN_DICTIONARY";
    case encoding::kRle:
      return "RLE";
    case encoding::kBitPacked:
      return "BIT_PACKED";
    case encoding::kDeltaBinaryPacked:
      return "DELTA_BINARY_PACKED";
    case encoding::kDeltaLengthByteArray:
      return "DELTA_LENGTH_BYTE_ARRAY";
    case encoding::kDeltaByteArray:
      return "DELTA_BYTE_ARRAY";
    case encoding::kRleDictionary:
      return "RLE_DICTIONARY";
    case encoding::kByteStreamSplit:
      return "BYTE_STREAM_SPLIT";
    default:
      return "an unknown encoding";
  }
}

Status DecodeValues(int32_t encoding, std::string_view data, std::size_t count,
                    const ValueDecodeContext& context, PhysicalValues* out) {
  const auto physical = static_cast<PhysicalType>(context.physical);
  switch (encoding) {
    case encoding::kPlain:
      return DecodePlain(context.physical, context.type_length, data, count, out);
    case encoding::kPlainDictionary:
    case encoding::kRleDictionary:
      return GatherFromDictionary(data, count, context, out);
    case encoding::kRle:
      if (physical != PhysicalType::kBoolean) return WrongEncoding(encoding, context.physical);
      return DecodeRleBooleans(data, count, out);
    case encoding::kDeltaBinaryPacked: {
      if (physical != PhysicalType::kInt32 && physical != PhysicalType::kInt64) {
        return WrongEncoding(encoding, context.physical);
      }
      std::vector<int64_t> values;
      AIRM_RETURN_IF_ERROR(DecodeDeltaBinaryPacked(data, count, &values).status());
      if (values.size() != count) {
        return Status::ParseError("DELTA_BINARY_PACKED: " + std::to_string(values.size()) +
                                  " values where the page has " + std::to_string(count));
      }
      out->ints.reserve(out->ints.size() + count);
      for (int64_t v : values) {
        out->ints.push_back(physical == PhysicalType::kInt32 ? static_cast<int32_t>(v) : v);
      }
      return Status::Ok();
    }
    case encoding::kDeltaLengthByteArray:
      if (physical != PhysicalType::kByteArray) return WrongEncoding(encoding, context.physical);
      return DecodeDeltaLengthByteArray(data, count, out);
    case encoding::kDeltaByteArray:
      if (physical != PhysicalType::kByteArray && physical != PhysicalType::kFixedLenByteArray) {
        return WrongEncoding(encoding, context.physical);
      }
      return DecodeDeltaByteArray(data, count, context.max_value_bytes, context.max_total_bytes,
                                  out);
    case encoding::kByteStreamSplit:
      return DecodeByteStreamSplit(context.physical, context.type_length, data, count, out);
    default:
      return Status::ParseError(std::string("values in ") + EncodingName(encoding) + " (" +
                                std::to_string(encoding) + "), which this reader does not support");
  }
}

}  // namespace airm::io::parquet
