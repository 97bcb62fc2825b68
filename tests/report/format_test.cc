#include "airm/report/format.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace airm::report {
namespace {

TEST(FormatTest, NumbersHaveFourSignificantDigits) {
  EXPECT_EQ(FormatNumber(0.123456), "0.1235");
  EXPECT_EQ(FormatNumber(12.3456), "12.35");
  EXPECT_EQ(FormatNumber(1234.56), "1235");
  EXPECT_EQ(FormatNumber(0.5), "0.5");
  EXPECT_EQ(FormatNumber(-0.25), "-0.25");
  EXPECT_EQ(FormatNumber(3.0), "3");
  EXPECT_EQ(FormatNumber(0.0), "0");
  EXPECT_EQ(FormatNumber(0.00012346), "0.0001235");
  EXPECT_EQ(FormatNumber(1234567.0), "1.235e+06");
  EXPECT_EQ(FormatNumber(1.5e-7), "1.5e-07");
}

TEST(FormatTest, UndefinedAndInfinite) {
  EXPECT_EQ(FormatNumber(std::nan("")), kUndefined);
  EXPECT_EQ(FormatNumber(std::optional<double>()), kUndefined);
  EXPECT_EQ(FormatNumber(std::numeric_limits<double>::infinity()), "\u221e");
  EXPECT_EQ(FormatNumber(-std::numeric_limits<double>::infinity()), "\u2212\u221e");
}

TEST(FormatTest, PValues) {
  EXPECT_EQ(FormatPValue(3.2e-05), "3.2e-05");
  EXPECT_EQ(FormatPValue(0.0312), "0.0312");
  EXPECT_EQ(FormatPValue(0.5), "0.5");
  EXPECT_EQ(FormatPValue(1.0), "1");
  EXPECT_EQ(FormatPValue(0.0), "< 1e-300");
  EXPECT_EQ(FormatPValue(std::nullopt), kUndefined);
  EXPECT_EQ(FormatPValue(std::nan("")), kUndefined);
}

TEST(FormatTest, SharesCountsBytes) {
  EXPECT_EQ(FormatShare(0.23), "23%");
  EXPECT_EQ(FormatShare(0.004), "0.4%");
  EXPECT_EQ(FormatShare(0.05), "5%");
  EXPECT_EQ(FormatShare(0.0000001), "< 0.1%");
  EXPECT_EQ(FormatShare(0), "0%");
  EXPECT_EQ(FormatShare(1), "100%");
  // Undefined shares (0/0, x/0) are a dash, never "nan%" or "inf%".
  EXPECT_EQ(FormatShare(std::nan("")), kUndefined);
  EXPECT_EQ(FormatShare(std::numeric_limits<double>::infinity()), kUndefined);
  EXPECT_EQ(FormatCount(0), "0");
  EXPECT_EQ(FormatCount(999), "999");
  EXPECT_EQ(FormatCount(1000), "1,000");
  EXPECT_EQ(FormatCount(1234567), "1,234,567");
  EXPECT_EQ(FormatBytes(512), "512 B");
  EXPECT_EQ(FormatBytes(1536), "1.5 KiB");
  EXPECT_EQ(FormatBytes(5 * 1024 * 1024), "5.0 MiB");
}

}  // namespace
}  // namespace airm::report
