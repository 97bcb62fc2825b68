#include "value_parse.h"

#include <bit>
#include <charconv>
#include <cstring>
#include <limits>

namespace airm::io {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads exactly `count` digits at text[*pos]; advances *pos.
bool ReadDigits(std::string_view text, std::size_t* pos, int count, int* out) {
  if (*pos + count > text.size()) return false;
  int value = 0;
  for (int i = 0; i < count; ++i) {
    char c = text[*pos + i];
    if (!IsDigit(c)) return false;
    value = value * 10 + (c - '0');
  }
  *pos += count;
  *out = value;
  return true;
}

bool IsLeapYear(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Eight ASCII digits at once (SWAR, as in D. Lemire's fast_float).
bool IsEightDigits(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  return ((word & 0xF0F0F0F0F0F0F0F0ULL) |
          (((word + 0x0606060606060606ULL) & 0xF0F0F0F0F0F0F0F0ULL) >> 4)) == 0x3333333333333333ULL;
}

// REQUIRES: IsEightDigits(p). Little-endian byte order.
uint64_t ParseEightDigits(const char* p) {
  uint64_t word;
  std::memcpy(&word, p, 8);
  word -= 0x3030303030303030ULL;
  word = word * 10 + (word >> 8);
  constexpr uint64_t kMask = 0x000000FF000000FFULL;
  constexpr uint64_t kMul1 = 0x000F424000000064ULL;  // 100 + (1000000 << 32)
  constexpr uint64_t kMul2 = 0x0000271000000001ULL;  // 1 + (10000 << 32)
  return (((word & kMask) * kMul1) + (((word >> 16) & kMask) * kMul2)) >> 32;
}

// Accumulates the digits at *p into *mantissa (wrapping past 19 digits),
// eight at a time where it can.
void ReadMantissaDigits(const char** p, const char* end, uint64_t* mantissa) {
  if constexpr (std::endian::native == std::endian::little) {
    while (end - *p >= 8 && IsEightDigits(*p)) {
      *mantissa = *mantissa * 100000000 + ParseEightDigits(*p);
      *p += 8;
    }
  }
  while (*p != end && IsDigit(**p))
    *mantissa = *mantissa * 10 + static_cast<unsigned>(*(*p)++ - '0');
}

// The digits of -?digits(.digits)? at the start of [begin, end), with at
// most 15 digits and at most 22 after the point: *mantissa the digits as an
// integer, *fraction the count after the point, *stop where they end. False
// when the text does not start so.
bool ShortDecimalParts(const char* begin, const char* end, uint64_t* mantissa, int* fraction,
                       bool* negative, const char** stop) {
  const char* p = begin;
  *negative = p != end && *p == '-';
  if (*negative) ++p;
  const char* const digits_begin = p;
  *mantissa = 0;  // wraps past 19 digits; rejected below then
  ReadMantissaDigits(&p, end, mantissa);
  const char* const int_end = p;
  if (int_end == digits_begin) return false;
  std::ptrdiff_t after_point = 0;
  if (p != end && *p == '.') {
    const char* const fraction_begin = ++p;
    ReadMantissaDigits(&p, end, mantissa);
    after_point = p - fraction_begin;
    if (after_point == 0) return false;
  }
  if ((int_end - digits_begin) + after_point > 15 || after_point > kMaxDecimalScale) return false;
  *fraction = static_cast<int>(after_point);
  *stop = p;
  return true;
}

// Clinger's fast path (W. D. Clinger, "How to read floating point numbers
// accurately", PLDI 1990): with at most 15 digits the digits as an integer
// and 10^fraction are both exact doubles, so one IEEE division gives the
// correctly rounded value, the same bits as std::from_chars. Most CSV numbers
// take it; false sends the rest to from_chars.
bool ParseShortDecimal(const char* begin, const char* end, double* out) {
  uint64_t mantissa;
  int fraction;
  bool negative;
  const char* stop;
  if (!ShortDecimalParts(begin, end, &mantissa, &fraction, &negative, &stop) || stop != end) {
    return false;
  }
  double value = static_cast<double>(mantissa);
  if (fraction > 0) value /= kExactPowersOf10[fraction];
  *out = negative ? -value : value;
  return true;
}

// Text after an optional leading '+', or null when the '+' is not followed by
// a number's start ("+", "+-1", "++1").
const char* SkipPlus(const char* begin, const char* end) {
  if (*begin != '+') return begin;
  ++begin;
  return begin == end || *begin == '-' || *begin == '+' ? nullptr : begin;
}

}  // namespace

std::string_view TrimBlanks(std::string_view text) {
  std::size_t begin = 0;
  std::size_t end = text.size();
  while (begin < end && (text[begin] == ' ' || text[begin] == '\t')) ++begin;
  while (end > begin && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
  return text.substr(begin, end - begin);
}

bool ParseBool(std::string_view text, uint8_t* out) {
  auto equals_ci = [&](std::string_view word) {
    if (text.size() != word.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i) {
      if ((text[i] | 0x20) != word[i]) return false;
    }
    return true;
  };
  if (equals_ci("true")) {
    *out = 1;
    return true;
  }
  if (equals_ci("false")) {
    *out = 0;
    return true;
  }
  return false;
}

bool ParseInt64(std::string_view text, int64_t* out) {
  std::size_t pos = 0;
  bool negative = false;
  if (!text.empty() && (text[0] == '+' || text[0] == '-')) {
    negative = text[0] == '-';
    pos = 1;
  }
  if (pos == text.size()) return false;
  // Accumulate as a negative number so INT64_MIN is representable.
  int64_t value = 0;
  constexpr int64_t kMin = std::numeric_limits<int64_t>::min();
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (!IsDigit(c)) return false;
    int digit = c - '0';
    if (value < (kMin + digit) / 10) return false;
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == kMin) return false;
    value = -value;
  }
  *out = value;
  return true;
}

bool ParseFloat64(std::string_view text, double* out) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  const char* begin = SkipPlus(text.data(), end);
  if (begin == nullptr) return false;
  if (ParseShortDecimal(begin, end, out)) return true;
  auto [ptr, ec] = std::from_chars(begin, end, *out, std::chars_format::general);
  // Out-of-range magnitudes (1e999) are reported as errors by from_chars;
  // they are not numbers we can represent, so the column becomes text.
  return ec == std::errc() && ptr == end;
}

bool ParseCompactDecimal(std::string_view text, int32_t* mantissa, uint8_t* scale) {
  if (text.empty()) return false;
  const char* end = text.data() + text.size();
  const char* begin = SkipPlus(text.data(), end);
  if (begin == nullptr) return false;
  uint64_t digits;
  int fraction;
  bool negative;
  const char* p;
  if (!ShortDecimalParts(begin, end, &digits, &fraction, &negative, &p)) return false;
  // An exponent (printf's %g writes 3.5e-05) moves the point: at most 3 digits.
  int exponent = 0;
  if (p != end) {
    if ((*p | 0x20) != 'e') return false;
    const bool minus = ++p != end && *p == '-';
    if (p != end && (*p == '-' || *p == '+')) ++p;
    if (p == end || end - p > 3) return false;
    for (; p != end; ++p) {
      if (!IsDigit(*p)) return false;
      exponent = exponent * 10 + (*p - '0');
    }
    if (minus) exponent = -exponent;
  }
  int places = fraction - exponent;
  constexpr uint64_t kMax = static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  // 12e3 is the integer 12000: exact while it fits.
  for (; places < 0 && digits <= kMax; ++places) digits *= 10;
  // -0 has no int32 mantissa of its own; it stays a double.
  if (digits > kMax || places > kMaxDecimalScale || (negative && digits == 0)) return false;
  *mantissa = negative ? -static_cast<int32_t>(digits) : static_cast<int32_t>(digits);
  *scale = static_cast<uint8_t>(places);
  return true;
}

bool IsPlainDecimal(std::string_view text) {
  // 64 bytes bound the magnitude to [1e-63, 1e64] unless every digit is 0.
  if (text.empty() || text.size() > 64) return false;
  std::size_t pos = text[0] == '-' ? 1 : 0;
  const std::size_t int_begin = pos;
  while (pos < text.size() && IsDigit(text[pos])) ++pos;
  if (pos == int_begin) return false;
  if (pos == text.size()) return true;
  if (text[pos] != '.') return false;
  const std::size_t frac_begin = ++pos;
  while (pos < text.size() && IsDigit(text[pos])) ++pos;
  return pos > frac_begin && pos == text.size();
}

int64_t DaysFromCivil(int64_t year, unsigned month, unsigned day) {
  year -= month <= 2;
  const int64_t era = (year >= 0 ? year : year - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(year - era * 400);
  const unsigned doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool ParseTimestamp(std::string_view text, int64_t* out_micros) {
  // The shortest form is YYYY-MM-DD.
  if (text.size() < 10 || text[4] != '-' || text[7] != '-') return false;
  std::size_t pos = 0;
  int year = 0, month = 0, day = 0;
  if (!ReadDigits(text, &pos, 4, &year)) return false;
  ++pos;
  if (!ReadDigits(text, &pos, 2, &month)) return false;
  ++pos;
  if (!ReadDigits(text, &pos, 2, &day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return false;
  int64_t micros = DaysFromCivil(year, month, day) * 86400LL * 1000000LL;
  if (pos == text.size()) {
    *out_micros = micros;
    return true;
  }
  if (text[pos] != 'T' && text[pos] != 't' && text[pos] != ' ') return false;
  ++pos;
  int hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 2, &hour) || pos >= text.size() || text[pos] != ':') return false;
  ++pos;
  if (!ReadDigits(text, &pos, 2, &minute)) return false;
  int64_t fraction_micros = 0;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadDigits(text, &pos, 2, &second)) return false;
    if (pos < text.size() && (text[pos] == '.' || text[pos] == ',')) {
      ++pos;
      int digits = 0;
      int64_t scale = 100000;
      while (pos < text.size() && IsDigit(text[pos])) {
        if (digits < 6) fraction_micros += (text[pos] - '0') * scale;
        scale /= 10;
        ++digits;
        ++pos;
      }
      if (digits == 0 || digits > 9) return false;
    }
  }
  if (hour > 23 || minute > 59 || second > 59) return false;
  micros += ((hour * 60LL + minute) * 60LL + second) * 1000000LL + fraction_micros;
  if (pos == text.size()) {
    *out_micros = micros;
    return true;
  }
  if ((text[pos] == 'Z' || text[pos] == 'z') && pos + 1 == text.size()) {
    *out_micros = micros;
    return true;
  }
  if (text[pos] != '+' && text[pos] != '-') return false;
  const int sign = text[pos] == '-' ? -1 : 1;
  ++pos;
  int offset_hours = 0, offset_minutes = 0;
  if (!ReadDigits(text, &pos, 2, &offset_hours)) return false;
  if (pos < text.size()) {
    if (text[pos] == ':') ++pos;
    if (!ReadDigits(text, &pos, 2, &offset_minutes)) return false;
  }
  if (pos != text.size() || offset_hours > 23 || offset_minutes > 59) return false;
  // Local time = UTC + offset, so UTC = local - offset.
  micros -= sign * (offset_hours * 60LL + offset_minutes) * 60LL * 1000000LL;
  *out_micros = micros;
  return true;
}

std::size_t FindInvalidUtf8(std::string_view text) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    // ASCII fast path, 8 bytes at a time.
    while (i + 8 <= n) {
      uint64_t word;
      std::memcpy(&word, s + i, 8);
      if (word & 0x8080808080808080ULL) break;
      i += 8;
    }
    if (i >= n) break;
    unsigned char c = s[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    std::size_t length;
    uint32_t code;
    if (c >= 0xC2 && c <= 0xDF) {
      length = 2;
      code = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
      length = 3;
      code = c & 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
      length = 4;
      code = c & 0x07;
    } else {
      return i;
    }
    if (i + length > n) return i;
    for (std::size_t k = 1; k < length; ++k) {
      if ((s[i + k] & 0xC0) != 0x80) return i;
      code = (code << 6) | (s[i + k] & 0x3F);
    }
    if ((length == 3 && code < 0x800) || (length == 4 && code < 0x10000) || code > 0x10FFFF ||
        (code >= 0xD800 && code <= 0xDFFF)) {
      return i;
    }
    i += length;
  }
  return n;
}

}  // namespace airm::io
