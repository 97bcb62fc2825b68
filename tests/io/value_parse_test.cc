#include "value_parse.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <random>
#include <string>

#include "csv_scanner.h"

namespace airm::io {
namespace {

TEST(ValueParse, Bool) {
  uint8_t b = 9;
  EXPECT_TRUE(ParseBool("TRUE", &b));
  EXPECT_EQ(b, 1);
  EXPECT_TRUE(ParseBool("fAlSe", &b));
  EXPECT_EQ(b, 0);
  EXPECT_FALSE(ParseBool("1", &b));
  EXPECT_FALSE(ParseBool("yes", &b));
  EXPECT_FALSE(ParseBool("truex", &b));
}

TEST(ValueParse, Int64IncludingLimits) {
  int64_t v = 0;
  EXPECT_TRUE(ParseInt64("-42", &v));
  EXPECT_EQ(v, -42);
  EXPECT_TRUE(ParseInt64("+7", &v));
  EXPECT_EQ(v, 7);
  EXPECT_TRUE(ParseInt64("9223372036854775807", &v));
  EXPECT_EQ(v, INT64_MAX);
  EXPECT_TRUE(ParseInt64("-9223372036854775808", &v));
  EXPECT_EQ(v, INT64_MIN);
  EXPECT_FALSE(ParseInt64("9223372036854775808", &v));  // overflow -> float
  EXPECT_FALSE(ParseInt64("1.0", &v));
  EXPECT_FALSE(ParseInt64("-", &v));
  EXPECT_FALSE(ParseInt64("", &v));
  EXPECT_FALSE(ParseInt64("1e3", &v));
}

TEST(ValueParse, Float64) {
  double d = 0;
  EXPECT_TRUE(ParseFloat64("1.5e3", &d));
  EXPECT_EQ(d, 1500.0);
  EXPECT_TRUE(ParseFloat64("+0.25", &d));
  EXPECT_EQ(d, 0.25);
  EXPECT_TRUE(ParseFloat64("-inf", &d));
  EXPECT_TRUE(std::isinf(d) && d < 0);
  EXPECT_TRUE(ParseFloat64("Infinity", &d));
  EXPECT_TRUE(std::isinf(d) && d > 0);
  EXPECT_TRUE(ParseFloat64("NaN", &d));
  EXPECT_TRUE(std::isnan(d));
  EXPECT_FALSE(ParseFloat64("1e999", &d));  // not representable
  EXPECT_FALSE(ParseFloat64("1.5x", &d));
  EXPECT_FALSE(ParseFloat64("+-1", &d));
  EXPECT_FALSE(ParseFloat64("0x10", &d));
}

// IsPlainDecimal may only say yes where ParseFloat64 does.
TEST(ValueParse, PlainDecimalImpliesFloat64) {
  for (std::string_view text :
       {"0", "-0", "12", "0.5", "-3.25", "007.10", "123456789012345678901"}) {
    double d = 0;
    EXPECT_TRUE(IsPlainDecimal(text)) << text;
    EXPECT_TRUE(ParseFloat64(text, &d)) << text;
  }
  const std::string long_zeros = "0." + std::string(61, '0') + "1";  // 64 bytes
  EXPECT_TRUE(IsPlainDecimal(long_zeros));
  for (std::string_view text :
       {"", "-", ".5", "5.", "+1", "1e3", "1.5.2", "--1", "1 ", "inf", "1,5", "2024-01-02"}) {
    EXPECT_FALSE(IsPlainDecimal(text)) << text;
  }
  // Too long to bound the magnitude without converting.
  EXPECT_FALSE(IsPlainDecimal("1" + std::string(400, '0')));
}

// ParseFloat64 converts short plain decimals itself (Clinger's fast path);
// the bits must be std::from_chars's for every length, sign and point
// position, including the largest integers and fractions the path takes.
TEST(ValueParse, Float64ShortDecimalsMatchFromChars) {
  std::mt19937_64 rng(20261207);
  int compared = 0;
  for (int digits = 1; digits <= 17; ++digits) {
    for (int trial = 0; trial < 4000; ++trial) {
      std::string text = trial % 2 == 0 ? "-" : "";
      const int point = static_cast<int>(rng() % static_cast<uint64_t>(digits));
      for (int i = 0; i < digits; ++i) {
        if (i == point && i > 0) text += '.';
        text += static_cast<char>('0' + rng() % 10);
      }
      double expected = 0;
      const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), expected);
      ASSERT_EQ(ec, std::errc()) << text;
      double parsed = 0;
      ASSERT_TRUE(ParseFloat64(text, &parsed)) << text;
      EXPECT_EQ(std::bit_cast<uint64_t>(parsed), std::bit_cast<uint64_t>(expected)) << text;
      ++compared;
    }
  }
  for (std::string_view text : {"999999999999999", "0.000000000000001", "-0.0", "0",
                                "123456789.012345", "9007199254740993"}) {
    double expected = 0;
    std::from_chars(text.data(), text.data() + text.size(), expected);
    double parsed = 1;
    ASSERT_TRUE(ParseFloat64(text, &parsed)) << text;
    EXPECT_EQ(std::bit_cast<uint64_t>(parsed), std::bit_cast<uint64_t>(expected)) << text;
  }
  EXPECT_EQ(compared, 17 * 4000);
  // Bytes next to '0' and '9' in an eight-byte block are not digits.
  for (std::string_view text :
       {"1234567:", "1234567/.5", "0.1234567a", "12345678 9", "0.0000000@"}) {
    double parsed = 0;
    EXPECT_FALSE(ParseFloat64(text, &parsed)) << text;
  }
}

// The compact storage of float columns reads back as the same double:
// DecimalValue(ParseCompactDecimal(text)) has ParseFloat64's bits, and the
// text is refused exactly where no int32 mantissa and scale say it.
TEST(ValueParse, CompactDecimalsReadBackAsParseFloat64Reads) {
  std::mt19937_64 rng(20261207);
  auto same_bits = [](std::string_view text) {
    int32_t mantissa = 0;
    uint8_t scale = 0;
    if (!ParseCompactDecimal(text, &mantissa, &scale)) return false;
    double expected = 0;
    EXPECT_TRUE(ParseFloat64(text, &expected)) << text;
    EXPECT_EQ(std::bit_cast<uint64_t>(DecimalValue(mantissa, scale)),
              std::bit_cast<uint64_t>(expected))
        << text;
    return true;
  };
  int accepted = 0;
  for (int digits = 1; digits <= 12; ++digits) {
    for (int trial = 0; trial < 4000; ++trial) {
      std::string text = trial % 3 == 0 ? "-" : (trial % 3 == 1 ? "+" : "");
      const int point = static_cast<int>(rng() % static_cast<uint64_t>(digits));
      for (int i = 0; i < digits; ++i) {
        if (i == point && i > 0) text += '.';
        text += static_cast<char>('0' + rng() % 10);
      }
      accepted += same_bits(text);
    }
  }
  // Up to 9 digits always fit; 10 fit up to 2147483647; more only with leading zeros.
  EXPECT_GT(accepted, 9 * 4000 - 100);
  // What a CSV writer prints: %.9g of doubles of every magnitude.
  for (int trial = 0; trial < 20000; ++trial) {
    const double x = std::ldexp(static_cast<double>(rng() >> 11) / 9007199254740992.0,
                                static_cast<int>(rng() % 60) - 40) *
                     (trial % 2 ? -1 : 1);
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.9g", x);
    // Down to 1e-13 nine digits need at most 22 places.
    const bool fits = std::fabs(x) >= 1e-13 || x == 0;
    EXPECT_TRUE(same_bits(buf) || !fits) << buf;
  }
  for (std::string_view text : {"0", "0.0", "2147483647", "-2147483647", "+1.5", "12.50",
                                "0.0000000000001", "00000000000001.5", "3.5e-05",
                                "-1.25E+2", "12e3", "1e5", "2147483647e0", "1e-22", "0.1e-21"}) {
    EXPECT_TRUE(same_bits(text)) << text;
  }
  for (std::string_view text :
       {"2147483648", "-2147483648", "-0", "-0.000", "inf", "nan", "1.", ".5", "+",
        "+-1", "0.00000000000000000000001", "3.1415926535897931", "", "1.5x", "1e-23",
        "1e10", "1e", "1e+", "1e0001", "2147483648e0", "1.5e-22"}) {
    int32_t mantissa = 0;
    uint8_t scale = 0;
    EXPECT_FALSE(ParseCompactDecimal(text, &mantissa, &scale)) << text;
  }
}

TEST(ValueParse, DaysFromCivil) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  EXPECT_EQ(DaysFromCivil(2024, 2, 29), 19782);
}

TEST(ValueParse, Timestamps) {
  int64_t t = 0;
  ASSERT_TRUE(ParseTimestamp("2024-01-31", &t));
  EXPECT_EQ(t, 19753LL * 86400 * 1000000);
  ASSERT_TRUE(ParseTimestamp("2024-01-31T12:30:15Z", &t));
  EXPECT_EQ(t, (19753LL * 86400 + 12 * 3600 + 30 * 60 + 15) * 1000000);
  int64_t same = 0;
  ASSERT_TRUE(ParseTimestamp("2024-01-31 14:30:15+02:00", &same));
  EXPECT_EQ(same, t);
  ASSERT_TRUE(ParseTimestamp("2024-01-31T07:00:15-0530", &same));
  EXPECT_EQ(same, t);
  ASSERT_TRUE(ParseTimestamp("2024-01-31T12:30:15.123456789Z", &same));
  EXPECT_EQ(same, t + 123456);
  ASSERT_TRUE(ParseTimestamp("2024-01-31T12:30", &same));
  EXPECT_EQ(same, t - 15 * 1000000);
  ASSERT_TRUE(ParseTimestamp("1969-12-31T23:59:59Z", &same));
  EXPECT_EQ(same, -1000000);
  EXPECT_FALSE(ParseTimestamp("2023-02-29", &t));  // not a leap year
  EXPECT_FALSE(ParseTimestamp("2024-13-01", &t));
  EXPECT_FALSE(ParseTimestamp("2024-01-31T24:00:00", &t));
  EXPECT_FALSE(ParseTimestamp("2024-01-31T12:00:00+25:00", &t));
  EXPECT_FALSE(ParseTimestamp("2024-01-31X", &t));
  EXPECT_FALSE(ParseTimestamp("2024/01/31", &t));
  EXPECT_FALSE(ParseTimestamp("2024-01-31T12:00:00.", &t));
}

TEST(ValueParse, Utf8Validation) {
  EXPECT_EQ(FindInvalidUtf8("plain ascii text"), 16u);
  EXPECT_EQ(FindInvalidUtf8("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80"), 14u);
  EXPECT_EQ(FindInvalidUtf8("abc\xFFzz"), 3u);
  EXPECT_EQ(FindInvalidUtf8("ab\xC0\xAF"), 2u);        // overlong '/'
  EXPECT_EQ(FindInvalidUtf8("ab\xED\xA0\x80"), 2u);    // surrogate
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\xC3"), 10u);   // truncated sequence
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // above U+10FFFF
}

TEST(DelimiterDetection, PicksConsistentCandidate) {
  EXPECT_EQ(DetectDelimiter("a,b,c\n1,2,3\n"), ',');
  EXPECT_EQ(DetectDelimiter("a;b;c\n1,5;2,5;3\n"), ';');  // decimal commas vary per line
  EXPECT_EQ(DetectDelimiter("a\tb\n1\t2\n"), '\t');
  EXPECT_EQ(DetectDelimiter("a|b\n1|2\n"), '|');
  // Delimiters inside quotes are ignored.
  EXPECT_EQ(DetectDelimiter("\"x;y;z\",b\n\"1;2\",3\n"), ',');
  EXPECT_EQ(DetectDelimiter("single\n1\n"), ',');
  EXPECT_EQ(DetectDelimiter(""), ',');
}

}  // namespace
}  // namespace airm::io
