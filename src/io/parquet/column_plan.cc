#include "column_plan.h"

#include <cmath>
#include <limits>

namespace airm::io::parquet {
namespace {

constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
// Julian day number of 1970-01-01, the epoch of INT96 timestamps' day field.
constexpr int64_t kJulianEpochDay = 2440588;

Status Unsupported(const SchemaElement& e, const std::string& what) {
  return Status::ParseError("column '" + e.name + "': " + what + " is not supported");
}

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

}  // namespace

Result<ColumnPlan> PlanColumn(const SchemaElement& e, std::size_t schema_index) {
  ColumnPlan plan;
  plan.name = e.name;
  plan.schema_index = schema_index;
  plan.physical = *e.type;
  plan.type_length = e.type_length;
  const int32_t repetition = e.repetition.value_or(0);
  if (repetition == static_cast<int32_t>(Repetition::kRepeated)) {
    return Unsupported(e, "a repeated (list) field");
  }
  if (repetition != 0 && repetition != 1) return Unsupported(e, "an unknown repetition");
  plan.max_definition_level = repetition == static_cast<int32_t>(Repetition::kOptional) ? 1 : 0;
  const LogicalType& logical = e.logical;
  const int32_t converted = e.converted_type.value_or(-1);
  const bool is_decimal = logical.kind == LogicalKind::kDecimal || converted == converted::kDecimal;
  if (is_decimal) {
    plan.scale = logical.kind == LogicalKind::kDecimal ? logical.scale : e.scale;
    if (plan.scale < 0 || plan.scale > 38) return Unsupported(e, "a decimal scale outside 0..38");
    plan.scale_divisor = std::pow(10.0, plan.scale);
  }
  const auto physical = static_cast<PhysicalType>(plan.physical);
  switch (physical) {
    case PhysicalType::kBoolean:
      plan.type = DataType::kBool;
      plan.conversion = Conversion::kBool;
      return plan;
    case PhysicalType::kInt32:
    case PhysicalType::kInt64: {
      const bool int64 = physical == PhysicalType::kInt64;
      if (is_decimal) {
        plan.type = DataType::kFloat64;
        plan.conversion = Conversion::kDecimalInt;
        return plan;
      }
      plan.type = DataType::kInt64;
      plan.conversion = Conversion::kInt;
      if (logical.kind == LogicalKind::kDate || converted == converted::kDate) {
        if (int64) return Unsupported(e, "DATE on INT64");
        plan.type = DataType::kTimestamp;
        plan.conversion = Conversion::kDateDays;
      } else if (logical.kind == LogicalKind::kTimestamp ||
                 converted == converted::kTimestampMillis ||
                 converted == converted::kTimestampMicros) {
        if (!int64) return Unsupported(e, "TIMESTAMP on INT32");
        plan.type = DataType::kTimestamp;
        TimeUnit unit = logical.kind == LogicalKind::kTimestamp    ? logical.unit
                        : converted == converted::kTimestampMillis ? TimeUnit::kMillis
                                                                   : TimeUnit::kMicros;
        plan.conversion = unit == TimeUnit::kMillis   ? Conversion::kTimestampMillis
                          : unit == TimeUnit::kMicros ? Conversion::kTimestampMicros
                                                      : Conversion::kTimestampNanos;
      } else if ((logical.kind == LogicalKind::kInteger && !logical.is_signed) ||
                 converted == converted::kUint8 || converted == converted::kUint16 ||
                 converted == converted::kUint32 || converted == converted::kUint64) {
        plan.conversion = int64 ? Conversion::kUint64 : Conversion::kUint32;
      } else if (logical.kind != LogicalKind::kNone && logical.kind != LogicalKind::kInteger &&
                 logical.kind != LogicalKind::kTime) {
        return Unsupported(e, "this logical type on an integer");
      }
      return plan;
    }
    case PhysicalType::kInt96:
      plan.type = DataType::kTimestamp;
      plan.conversion = Conversion::kInt96;
      return plan;
    case PhysicalType::kFloat:
    case PhysicalType::kDouble:
      plan.type = DataType::kFloat64;
      plan.conversion = Conversion::kFloat;
      return plan;
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray: {
      const bool fixed = physical == PhysicalType::kFixedLenByteArray;
      if (fixed && (e.type_length <= 0 || e.type_length > (1 << 20))) {
        return Unsupported(e, "a FIXED_LEN_BYTE_ARRAY of length " + std::to_string(e.type_length));
      }
      if (is_decimal) {
        if (fixed && e.type_length > 16) return Unsupported(e, "a decimal wider than 16 bytes");
        plan.type = DataType::kFloat64;
        plan.conversion = Conversion::kDecimalBytes;
        return plan;
      }
      plan.type = DataType::kCategorical;
      if (fixed) {
        plan.conversion = logical.kind == LogicalKind::kUuid && e.type_length == 16
                              ? Conversion::kUuid
                              : Conversion::kHex;
        if (logical.kind != LogicalKind::kNone && logical.kind != LogicalKind::kUuid) {
          return Unsupported(e, "this logical type on FIXED_LEN_BYTE_ARRAY");
        }
        if (converted == 21) return Unsupported(e, "INTERVAL");
        return plan;
      }
      plan.conversion = Conversion::kText;
      if (logical.kind != LogicalKind::kNone && logical.kind != LogicalKind::kString &&
          logical.kind != LogicalKind::kEnum && logical.kind != LogicalKind::kJson) {
        return Unsupported(e, "this logical type on BYTE_ARRAY");
      }
      return plan;
    }
  }
  return Unsupported(e, std::string("physical type ") + PhysicalTypeName(plan.physical));
}

bool ConvertInt(const ColumnPlan& plan, int64_t in, int64_t* out_int, double* out_double) {
  switch (plan.conversion) {
    case Conversion::kBool:
    case Conversion::kInt:
    case Conversion::kTimestampMicros:
      *out_int = in;
      return true;
    case Conversion::kUint32:
      *out_int = static_cast<uint32_t>(in);
      return true;
    case Conversion::kUint64:
      *out_int = in;
      return in >= 0;
    case Conversion::kDateDays:
      return !__builtin_mul_overflow(in, kMicrosPerDay, out_int);
    case Conversion::kTimestampMillis:
      return !__builtin_mul_overflow(in, int64_t{1000}, out_int);
    case Conversion::kTimestampNanos:
      *out_int = FloorDiv(in, 1000);
      return true;
    case Conversion::kDecimalInt:
      *out_double = static_cast<double>(in) / plan.scale_divisor;
      return true;
    default:
      return false;
  }
}

bool ConvertBytes(const ColumnPlan& plan, std::string_view in, int64_t* out_int,
                  double* out_double) {
  if (plan.conversion == Conversion::kInt96) {
    if (in.size() != 12) return false;
    uint64_t nanos = 0;
    for (int i = 7; i >= 0; --i) nanos = (nanos << 8) | static_cast<uint8_t>(in[i]);
    uint32_t julian = 0;
    for (int i = 11; i >= 8; --i) julian = (julian << 8) | static_cast<uint8_t>(in[i]);
    if (nanos >= static_cast<uint64_t>(kMicrosPerDay) * 1000) return false;
    const int64_t days = static_cast<int64_t>(julian) - kJulianEpochDay;
    int64_t micros;
    if (__builtin_mul_overflow(days, kMicrosPerDay, &micros)) return false;
    return !__builtin_add_overflow(micros, static_cast<int64_t>(nanos / 1000), out_int);
  }
  if (plan.conversion != Conversion::kDecimalBytes || in.size() > 16) return false;
  if (in.empty()) {
    *out_double = 0;
    return true;
  }
  // Big-endian two's complement, sign-extended from the first byte.
  __int128 value = static_cast<int8_t>(in[0]);
  for (std::size_t i = 1; i < in.size(); ++i) value = value * 256 + static_cast<uint8_t>(in[i]);
  *out_double = static_cast<double>(value) / plan.scale_divisor;
  return true;
}

std::string_view ConvertText(const ColumnPlan& plan, std::string_view in, std::string* scratch) {
  if (plan.conversion == Conversion::kText) return in;
  static constexpr char kHex[] = "0123456789abcdef";
  scratch->clear();
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (plan.conversion == Conversion::kUuid && (i == 4 || i == 6 || i == 8 || i == 10)) {
      scratch->push_back('-');
    }
    const auto byte = static_cast<uint8_t>(in[i]);
    scratch->push_back(kHex[byte >> 4]);
    scratch->push_back(kHex[byte & 15]);
  }
  return *scratch;
}

}  // namespace airm::io::parquet
