// ColumnPlan: what one Parquet leaf column becomes in a Table, decided from
// its schema element, and the conversion of its physical values.
//
//   BOOLEAN                                   -> kBool
//   INT32 / INT64 (plain, INT_n, UINT_n)      -> kInt64 (UINT_64 above 2^63-1 is an error)
//   INT32 DATE                                -> kTimestamp (midnight UTC)
//   INT64 TIMESTAMP millis / micros / nanos   -> kTimestamp (microseconds; nanos floored)
//   INT96 (legacy Impala / Spark timestamps)  -> kTimestamp
//   INT32 / INT64 TIME                        -> kInt64 (the stored unit, as written)
//   DECIMAL on INT32, INT64, BYTE_ARRAY or
//     FIXED_LEN_BYTE_ARRAY (<= 16 bytes)      -> kFloat64 (unscaled / 10^scale)
//   FLOAT / DOUBLE                            -> kFloat64
//   BYTE_ARRAY (UTF-8, ENUM, JSON or none)    -> text (kCategorical or kString as for CSV);
//                                                invalid UTF-8 is an error
//   FIXED_LEN_BYTE_ARRAY without DECIMAL      -> text (UUIDs as 8-4-4-4-12 hex, others hex)
// Anything else (FLOAT16, INTERVAL, ...) is refused with the column's name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "airm/column.h"
#include "airm/status.h"
#include "metadata.h"

namespace airm::io::parquet {

enum class Conversion {
  kBool,
  kInt,
  kUint32,
  kUint64,
  kDateDays,
  kTimestampMillis,
  kTimestampMicros,
  kTimestampNanos,
  kInt96,
  kDecimalInt,    // INT32 / INT64 unscaled
  kDecimalBytes,  // big-endian two's complement
  kFloat,
  kText,
  kUuid,
  kHex,
};

struct ColumnPlan {
  std::string name;
  std::size_t schema_index = 0;  // into FileMetaData::schema
  int32_t physical = 0;
  int32_t type_length = 0;
  int max_definition_level = 0;        // 1 for OPTIONAL, 0 for REQUIRED
  DataType type = DataType::kFloat64;  // kCategorical stands for text
  Conversion conversion = Conversion::kFloat;
  int32_t scale = 0;
  double scale_divisor = 1;  // 10^scale
};

// The plan of a flat leaf column; a parse error (without the file name)
// names the column and the type it cannot read.
Result<ColumnPlan> PlanColumn(const SchemaElement& element, std::size_t schema_index);

// Converts one physical value; the conversions that can fail on a value
// (UINT_64 beyond int64, dates and timestamps beyond the microsecond range,
// wide decimals) return false. Text conversions go through ConvertText.
bool ConvertInt(const ColumnPlan& plan, int64_t in, int64_t* out_int, double* out_double);
bool ConvertBytes(const ColumnPlan& plan, std::string_view in, int64_t* out_int,
                  double* out_double);
// The text of a byte value (UUID and hex renderings; UTF-8 checked by the
// caller). Returns the view itself when no rendering is needed.
std::string_view ConvertText(const ColumnPlan& plan, std::string_view in, std::string* scratch);

}  // namespace airm::io::parquet
