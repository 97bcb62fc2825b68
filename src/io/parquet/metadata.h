// Parquet's footer (FileMetaData) and page headers, decoded from Thrift into
// plain structs holding only what the reader uses.
//
// Field ids and enum values are those of parquet-format's parquet.thrift;
// fields the reader does not use (statistics, indexes, key-value metadata,
// encryption) are skipped. Decoding checks only the wire format; meaning
// (offsets inside the file, supported types) is checked by the reader, which
// knows the file and column to name.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "airm/status.h"

namespace airm::io::parquet {

enum class PhysicalType : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};
const char* PhysicalTypeName(int32_t type);

enum class Repetition : int32_t { kRequired = 0, kOptional = 1, kRepeated = 2 };

// ConvertedType (the legacy annotation) values used here.
namespace converted {
inline constexpr int32_t kUtf8 = 0, kEnum = 4, kDecimal = 5, kDate = 6, kTimeMillis = 7,
                         kTimeMicros = 8, kTimestampMillis = 9, kTimestampMicros = 10, kUint8 = 11,
                         kUint16 = 12, kUint32 = 13, kUint64 = 14, kInt8 = 15, kInt16 = 16,
                         kInt32 = 17, kInt64 = 18, kJson = 19;
}  // namespace converted

// The LogicalType union, flattened: which member is set and its parameters.
enum class LogicalKind {
  kNone,
  kString,
  kEnum,
  kDecimal,
  kDate,
  kTime,
  kTimestamp,
  kInteger,
  kJson,
  kUuid,
  kOther
};
enum class TimeUnit { kMillis, kMicros, kNanos };

struct LogicalType {
  LogicalKind kind = LogicalKind::kNone;
  int32_t scale = 0;                  // kDecimal
  int32_t precision = 0;              // kDecimal
  TimeUnit unit = TimeUnit::kMicros;  // kTime, kTimestamp
  int32_t bit_width = 0;              // kInteger
  bool is_signed = true;              // kInteger
};

struct SchemaElement {
  std::string name;
  std::optional<int32_t> type;  // PhysicalType; absent for groups
  int32_t type_length = 0;
  std::optional<int32_t> repetition;
  int32_t num_children = 0;
  std::optional<int32_t> converted_type;
  int32_t scale = 0;
  int32_t precision = 0;
  LogicalType logical;
};

struct ColumnChunkMeta {
  std::string file_path;  // set when the chunk lives in another file (unsupported)
  bool has_meta_data = false;
  int32_t type = 0;
  std::vector<std::string> path;
  int32_t codec = 0;
  int64_t num_values = 0;
  int64_t total_compressed_size = 0;
  int64_t data_page_offset = 0;
  std::optional<int64_t> dictionary_page_offset;
};

struct RowGroupMeta {
  std::vector<ColumnChunkMeta> columns;
  int64_t num_rows = 0;
};

struct FileMetaData {
  std::vector<SchemaElement> schema;  // depth-first; schema[0] is the root
  int64_t num_rows = 0;
  std::vector<RowGroupMeta> row_groups;
  std::string created_by;
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3
};

struct PageHeader {
  int32_t type = 0;
  int32_t uncompressed_page_size = 0;
  int32_t compressed_page_size = 0;
  // DataPageHeader / DictionaryPageHeader / DataPageHeaderV2, by `type`.
  bool has_data_header = false;
  bool has_dictionary_header = false;
  bool has_data_header_v2 = false;
  int32_t num_values = 0;
  int32_t encoding = 0;
  int32_t definition_level_encoding = 0;
  int32_t repetition_level_encoding = 0;
  int32_t num_nulls = 0;                      // v2
  int32_t num_rows = 0;                       // v2
  int32_t definition_levels_byte_length = 0;  // v2
  int32_t repetition_levels_byte_length = 0;  // v2
  bool is_compressed = true;                  // v2
};

// Decodes the footer's Thrift bytes.
Result<FileMetaData> ParseFileMetaData(std::string_view bytes);

// Decodes the page header at the start of `bytes`; *header_size receives its
// length in bytes.
Result<PageHeader> ParsePageHeader(std::string_view bytes, std::size_t* header_size);

}  // namespace airm::io::parquet
