// ThriftCompactReader: a bounds-checked reader of the Thrift compact protocol,
// the encoding of Parquet's footer and page headers.
//
// Why our own rather than Debian's libthrift: the footer needs a few dozen
// fields of five structs, and a generated libthrift decoder would bring the
// thrift compiler into the build, exceptions across its API and allocations
// sized by hostile list headers. This reader never reads past its span, caps
// nesting depth and list sizes by the bytes left, and reports every problem
// as a Status the caller prefixes with the file name.
//
// Wire format (thrift/doc/specs/thrift-compact-protocol.md): a struct is a
// sequence of field headers (delta-encoded field id + type nibble) ending in
// a 0 byte; integers are ZigZag varints; binary is a varint length + bytes;
// lists carry a size nibble (15 = varint follows) and an element type.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "airm/status.h"

namespace airm::io::parquet {

enum class ThriftType : uint8_t {
  kStop = 0,
  kBoolTrue = 1,
  kBoolFalse = 2,
  kByte = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,
};

struct ThriftField {
  int16_t id = 0;
  ThriftType type = ThriftType::kStop;  // kStop: the struct ended
};

struct ThriftList {
  ThriftType element = ThriftType::kStop;
  std::size_t size = 0;
};

class ThriftCompactReader {
 public:
  explicit ThriftCompactReader(std::string_view bytes) : bytes_(bytes) {}

  // Struct framing: call BeginStruct, then ReadField until it returns kStop,
  // reading or skipping each field's value, then EndStruct.
  Status BeginStruct();
  Status EndStruct();
  Result<ThriftField> ReadField();

  Result<bool> ReadBool(const ThriftField& field);  // the value is in the field's type
  Result<int8_t> ReadByte();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<std::string_view> ReadBinary();
  // A list header; its size is at most the bytes left (every element takes at least one byte),
  // so callers may reserve it.
  Result<ThriftList> ReadListHeader();
  // Skips a value of `type` (nested containers and structs included).
  Status Skip(ThriftType type);

  std::size_t position() const { return pos_; }

 private:
  Result<uint64_t> ReadVarint();
  Status SkipBytes(std::size_t count);
  Status Fail(const std::string& what) const;

  std::string_view bytes_;
  std::size_t pos_ = 0;
  // Field-id deltas are relative to the last id of the current struct.
  static constexpr int kMaxDepth = 32;
  int16_t last_ids_[kMaxDepth] = {};
  int depth_ = 0;
};

}  // namespace airm::io::parquet
