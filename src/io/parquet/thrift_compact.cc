#include "thrift_compact.h"

namespace airm::io::parquet {

Status ThriftCompactReader::Fail(const std::string& what) const {
  return Status::ParseError("Thrift metadata at byte " + std::to_string(pos_) + ": " + what);
}

Result<uint64_t> ThriftCompactReader::ReadVarint() {
  uint64_t value = 0;
  for (int shift = 0; shift < 64; shift += 7) {
    if (pos_ >= bytes_.size()) return Fail("truncated varint");
    const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
    value |= static_cast<uint64_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) return value;
  }
  return Fail("varint longer than 10 bytes");
}

Status ThriftCompactReader::SkipBytes(std::size_t count) {
  if (count > bytes_.size() - pos_) return Fail("a length past the end of the metadata");
  pos_ += count;
  return Status::Ok();
}

Status ThriftCompactReader::BeginStruct() {
  if (depth_ + 1 >= kMaxDepth) return Fail("structs nested deeper than 32 levels");
  last_ids_[++depth_] = 0;
  return Status::Ok();
}

Status ThriftCompactReader::EndStruct() {
  if (depth_ == 0) return Fail("struct end without a start");
  --depth_;
  return Status::Ok();
}

Result<ThriftField> ThriftCompactReader::ReadField() {
  if (pos_ >= bytes_.size()) return Fail("truncated struct (no stop byte)");
  const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
  ThriftField field;
  const uint8_t type = byte & 0x0f;
  if (type == 0) return field;
  if (type > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Fail("unknown field type " + std::to_string(type));
  }
  field.type = static_cast<ThriftType>(type);
  const uint8_t delta = byte >> 4;
  if (delta != 0) {
    field.id = static_cast<int16_t>(last_ids_[depth_] + delta);
  } else {
    AIRM_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
    field.id = static_cast<int16_t>((raw >> 1) ^ (~(raw & 1) + 1));
  }
  last_ids_[depth_] = field.id;
  return field;
}

Result<bool> ThriftCompactReader::ReadBool(const ThriftField& field) {
  if (field.type == ThriftType::kBoolTrue) return true;
  if (field.type == ThriftType::kBoolFalse) return false;
  return Fail("field " + std::to_string(field.id) + " is not a boolean");
}

Result<int8_t> ThriftCompactReader::ReadByte() {
  if (pos_ >= bytes_.size()) return Fail("truncated byte");
  return static_cast<int8_t>(bytes_[pos_++]);
}

Result<int64_t> ThriftCompactReader::ReadI64() {
  AIRM_ASSIGN_OR_RETURN(uint64_t raw, ReadVarint());
  return static_cast<int64_t>((raw >> 1) ^ (~(raw & 1) + 1));
}

Result<int32_t> ThriftCompactReader::ReadI32() {
  AIRM_ASSIGN_OR_RETURN(int64_t value, ReadI64());
  if (value < INT32_MIN || value > INT32_MAX) return Fail("a 32-bit integer out of range");
  return static_cast<int32_t>(value);
}

Result<std::string_view> ThriftCompactReader::ReadBinary() {
  AIRM_ASSIGN_OR_RETURN(uint64_t length, ReadVarint());
  if (length > bytes_.size() - pos_) return Fail("a string longer than the metadata");
  std::string_view out = bytes_.substr(pos_, length);
  pos_ += length;
  return out;
}

Result<ThriftList> ThriftCompactReader::ReadListHeader() {
  if (pos_ >= bytes_.size()) return Fail("truncated list header");
  const auto byte = static_cast<uint8_t>(bytes_[pos_++]);
  ThriftList list;
  const uint8_t type = byte & 0x0f;
  if (type == 0 || type > static_cast<uint8_t>(ThriftType::kStruct)) {
    return Fail("unknown list element type " + std::to_string(type));
  }
  list.element = static_cast<ThriftType>(type);
  uint64_t size = byte >> 4;
  if (size == 15) {
    AIRM_ASSIGN_OR_RETURN(size, ReadVarint());
  }
  if (size > bytes_.size() - pos_) {
    return Fail("a list of " + std::to_string(size) + " elements in " +
                std::to_string(bytes_.size() - pos_) + " bytes");
  }
  list.size = static_cast<std::size_t>(size);
  return list;
}

Status ThriftCompactReader::Skip(ThriftType type) {
  switch (type) {
    case ThriftType::kBoolTrue:
    case ThriftType::kBoolFalse:
      return Status::Ok();  // the value is the type nibble itself
    case ThriftType::kByte:
      return SkipBytes(1);
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadVarint().status();
    case ThriftType::kDouble:
      return SkipBytes(8);
    case ThriftType::kBinary:
      return ReadBinary().status();
    case ThriftType::kList:
    case ThriftType::kSet: {
      AIRM_ASSIGN_OR_RETURN(ThriftList list, ReadListHeader());
      if (depth_ + 1 >= kMaxDepth) return Fail("containers nested deeper than 32 levels");
      ++depth_;
      for (std::size_t i = 0; i < list.size; ++i) {
        // Booleans inside a container take one byte each.
        if (list.element == ThriftType::kBoolTrue || list.element == ThriftType::kBoolFalse) {
          AIRM_RETURN_IF_ERROR(SkipBytes(1));
        } else {
          AIRM_RETURN_IF_ERROR(Skip(list.element));
        }
      }
      --depth_;
      return Status::Ok();
    }
    case ThriftType::kMap: {
      AIRM_ASSIGN_OR_RETURN(uint64_t size, ReadVarint());
      if (size == 0) return Status::Ok();
      if (size > bytes_.size() - pos_) return Fail("a map larger than the metadata");
      if (pos_ >= bytes_.size()) return Fail("truncated map header");
      const auto types = static_cast<uint8_t>(bytes_[pos_++]);
      const auto key = static_cast<ThriftType>(types >> 4);
      const auto value = static_cast<ThriftType>(types & 0x0f);
      if (depth_ + 1 >= kMaxDepth) return Fail("containers nested deeper than 32 levels");
      ++depth_;
      for (uint64_t i = 0; i < size; ++i) {
        for (ThriftType t : {key, value}) {
          if (t == ThriftType::kBoolTrue || t == ThriftType::kBoolFalse) {
            AIRM_RETURN_IF_ERROR(SkipBytes(1));
          } else {
            AIRM_RETURN_IF_ERROR(Skip(t));
          }
        }
      }
      --depth_;
      return Status::Ok();
    }
    case ThriftType::kStruct: {
      AIRM_RETURN_IF_ERROR(BeginStruct());
      while (true) {
        AIRM_ASSIGN_OR_RETURN(ThriftField field, ReadField());
        if (field.type == ThriftType::kStop) break;
        AIRM_RETURN_IF_ERROR(Skip(field.type));
      }
      return EndStruct();
    }
    case ThriftType::kStop:
      break;
  }
  return Fail("unknown type " + std::to_string(static_cast<int>(type)));
}

}  // namespace airm::io::parquet
