// Parsing of single field values: booleans, integers, floats and ISO 8601
// timestamps, plus UTF-8 validation. Every function takes the field text
// already trimmed of surrounding spaces and tabs and never allocates.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "airm/column.h"  // DecimalValue, kMaxDecimalScale
#include "airm/utf8.h"  // FindInvalidUtf8, shared with the store

namespace airm::io {

// Field text without leading and trailing spaces and tabs.
std::string_view TrimBlanks(std::string_view text);

// "true" / "false", any letter case.
bool ParseBool(std::string_view text, uint8_t* out);
// Optional sign and decimal digits; false on overflow of int64.
bool ParseInt64(std::string_view text, int64_t* out);
// std::from_chars general format plus an optional leading '+'; accepts
// inf/infinity/nan in any case (callers decide earlier whether "NaN" is null).
bool ParseFloat64(std::string_view text, double* out);
// A number ParseFloat64 accepts that is exactly an int32 over a power of ten
// up to 10^22: -?digits(.digits)? with at most 15 digits and at most 22 after
// the point, optionally e±d{1,3}; not -0. *mantissa and *scale are set so that
// DecimalValue(*mantissa, *scale) has the bits ParseFloat64 gives (both are
// the correctly rounded value of the same decimal). The compact storage of
// float columns (Column::Float64Decimal).
bool ParseCompactDecimal(std::string_view text, int32_t* mantissa, uint8_t* scale);
// True only for text ParseFloat64 accepts, checked without converting:
// -?digits(.digits)?, at most 64 bytes (so the value can neither overflow nor
// underflow). False says nothing; callers then ask ParseFloat64.
bool IsPlainDecimal(std::string_view text);
// YYYY-MM-DD, optionally followed by 'T' or ' ' and hh:mm[:ss[.fraction]]
// (fraction: 1 to 9 digits, truncated to microseconds), optionally followed by
// 'Z' or an offset ±hh:mm / ±hhmm / ±hh. Output: microseconds since
// 1970-01-01T00:00:00Z; a time without offset is taken as UTC.
bool ParseTimestamp(std::string_view text, int64_t* out_micros);

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
// days_from_civil), free of time zone and locale.
int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day);

}  // namespace airm::io
