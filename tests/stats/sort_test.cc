// SortSample (radix sort of doubles) against std::sort.
#include "airm/stats/sort.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

namespace airm::stats {
namespace {

// Compares by value; -0.0 == +0.0, the one difference SortSample allows.
void ExpectSortedLikeStdSort(std::vector<double> values) {
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  SortSample(values);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) {
    ASSERT_EQ(values[i], expected[i]) << "at " << i;
  }
  EXPECT_TRUE(std::is_sorted(values.begin(), values.end()));
}

TEST(SortSampleTest, MatchesStdSortOnMixedSignsAndSpecialValues) {
  std::mt19937_64 rng(20261207);
  std::normal_distribution<double> normal(0, 1e3);
  std::vector<double> values;
  for (int i = 0; i < 100000; ++i) values.push_back(normal(rng));
  // Every class of IEEE value but NaN, repeated so ties cross the radix passes.
  const double kSpecial[] = {0.0,
                             -0.0,
                             std::numeric_limits<double>::infinity(),
                             -std::numeric_limits<double>::infinity(),
                             std::numeric_limits<double>::denorm_min(),
                             -std::numeric_limits<double>::denorm_min(),
                             std::numeric_limits<double>::max(),
                             std::numeric_limits<double>::lowest(),
                             1.0,
                             -1.0};
  for (int r = 0; r < 50; ++r) {
    for (double v : kSpecial) values.push_back(v);
  }
  std::shuffle(values.begin(), values.end(), rng);
  ExpectSortedLikeStdSort(values);
}

TEST(SortSampleTest, SharedHighDigitsAndShortInputs) {
  // All keys share their exponent bits: the skipped passes must not reorder.
  std::vector<double> values;
  for (int i = 0; i < 20000; ++i) values.push_back(1.0 + ((i * 7919) % 10007) / 1e9);
  ExpectSortedLikeStdSort(values);
  ExpectSortedLikeStdSort({3.0, -2.0, 1.0});
  ExpectSortedLikeStdSort({});
  ExpectSortedLikeStdSort(std::vector<double>(10000, -5.5));
}

TEST(SortSampleTest, OddAndEvenNumbersOfActivePasses) {
  // The passes alternate between the values and a scratch array, and an odd
  // number of them starts from the other array than an even one. Values that
  // differ only in their lowest 11, 22 or 33 bits need 1, 2 or 3 passes; with
  // their negatives mixed in, the sign digit adds one more.
  std::mt19937_64 rng(7);
  for (int low_bits : {11, 22, 33}) {
    for (bool with_negatives : {false, true}) {
      std::uniform_int_distribution<uint64_t> mantissa(0, (uint64_t{1} << low_bits) - 1);
      std::vector<double> values;
      for (int i = 0; i < 30000; ++i) {
        values.push_back(std::ldexp(static_cast<double>(mantissa(rng)), -52) + 1.0);
        if (with_negatives) values.push_back(-values.back());
      }
      std::shuffle(values.begin(), values.end(), rng);
      SCOPED_TRACE(testing::Message() << low_bits << " bits, negatives " << with_negatives);
      ExpectSortedLikeStdSort(values);
    }
  }
}

}  // namespace
}  // namespace airm::stats
