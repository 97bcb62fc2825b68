#include "airm/sketch/hash.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>

namespace airm::sketch {
namespace {

// Published xxHash64 test vectors (seed 0): the byte hash must stay
// bit-identical because serialized HyperLogLog registers depend on it.
TEST(HashBytes, MatchesXxHash64Vectors) {
  EXPECT_EQ(HashBytes(""), 0xEF46DB3751D8E999ULL);
  EXPECT_EQ(HashBytes("a"), 0xD24EC4F1A98C6E5BULL);
  EXPECT_EQ(HashBytes("abc"), 0x44BC2CF5AD770999ULL);
}

TEST(HashBytes, LongInputsUseAllBytes) {
  std::string a(100, 'x');
  std::string b = a;
  b[77] = 'y';
  EXPECT_NE(HashBytes(a), HashBytes(b));
  EXPECT_NE(HashBytes(a, 1), HashBytes(a, 2));
}

TEST(HashDouble, EqualValuesHashEqual) {
  EXPECT_EQ(HashDouble(0.0), HashDouble(-0.0));
  EXPECT_EQ(HashDouble(std::nan("1")), HashDouble(-std::numeric_limits<double>::quiet_NaN()));
  EXPECT_NE(HashDouble(1.0), HashDouble(2.0));
  EXPECT_NE(HashDouble(0.0), 0u);
}

TEST(SplitMix64, IsDeterministic) {
  SplitMix64 a(42), b(42), c(43);
  const uint64_t first = a.Next();
  EXPECT_EQ(first, b.Next());
  EXPECT_NE(first, c.Next());
}

}  // namespace
}  // namespace airm::sketch
