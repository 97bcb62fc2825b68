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

TEST(SortSampleTest, ValuesCrowdedIntoOneRunOfTheTopBits) {
  // Large integers a few units apart share every bit the radix passes sort
  // by, so the finishing step orders them all: by insertion while its budget
  // lasts, then by std::sort (200,000 reversed values exhaust the budget).
  std::vector<double> reversed;
  for (int i = 200000; i > 0; --i) reversed.push_back(1e15 + i);
  ExpectSortedLikeStdSort(reversed);
  // Short crowded runs among spread values: insertion alone finishes them.
  std::mt19937_64 rng(11);
  std::vector<double> mixed;
  std::uniform_real_distribution<double> spread(-1e6, 1e6);
  for (int i = 0; i < 50000; ++i) {
    mixed.push_back(spread(rng));
    if (i % 100 == 0) {
      for (int k = 0; k < 40; ++k) mixed.push_back(1e15 + ((k * 37) % 40));
    }
  }
  std::shuffle(mixed.begin(), mixed.end(), rng);
  ExpectSortedLikeStdSort(mixed);
}

TEST(SortFiniteIntoTest, SortsIntoAnotherArrayOrRefusesNonFiniteValues) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal(0, 1);
  // Sizes on both sides of the radix cut-off, and inputs needing an odd and
  // an even number of passes (the first pass writes the output or scratch).
  for (size_t n : {size_t{10}, size_t{5000}, size_t{100000}}) {
    std::vector<double> values;
    for (size_t i = 0; i < n; ++i) values.push_back(normal(rng));
    const std::vector<double> input = values;
    std::vector<double> sorted;
    ASSERT_TRUE(SortFiniteInto(values, &sorted));
    EXPECT_EQ(values, input) << "the input is left as it was";
    std::vector<double> expected = input;
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(sorted, expected) << n << " values";
    std::vector<double> positive;
    for (double v : input) positive.push_back(1.0 + std::fabs(v) * 1e-9);
    ASSERT_TRUE(SortFiniteInto(positive, &sorted));
    std::sort(positive.begin(), positive.end());
    EXPECT_EQ(sorted, positive);
    std::vector<double> with_nan = input;
    with_nan[n / 2] = std::numeric_limits<double>::quiet_NaN();
    EXPECT_FALSE(SortFiniteInto(with_nan, &sorted));
    std::vector<double> with_inf = input;
    with_inf[n - 1] = -std::numeric_limits<double>::infinity();
    EXPECT_FALSE(SortFiniteInto(with_inf, &sorted));
  }
  std::vector<double> same(9000, 2.5), out;
  ASSERT_TRUE(SortFiniteInto(same, &out));
  EXPECT_EQ(out, same);
}

TEST(SortKeysTest, MatchesStdSortAcrossAllDigits) {
  std::mt19937_64 rng(3);
  for (size_t n : {size_t{100}, size_t{5000}, size_t{120000}}) {
    std::vector<uint64_t> keys;
    for (size_t i = 0; i < n; ++i)
      keys.push_back(i % 7 == 0 ? keys.empty() ? 0 : keys[i / 2] : rng());
    // Keys that differ only in their low digits, and the extremes.
    keys.push_back(0);
    keys.push_back(~uint64_t{0});
    keys.push_back(1);
    std::shuffle(keys.begin(), keys.end(), rng);
    std::vector<uint64_t> expected = keys;
    std::sort(expected.begin(), expected.end());
    SortKeys(keys);
    EXPECT_EQ(keys, expected) << n << " keys";
  }
  std::vector<uint64_t> low;
  for (uint64_t i = 0; i < 10000; ++i) low.push_back((i * 7919) % 10007);
  std::vector<uint64_t> expected = low;
  std::sort(expected.begin(), expected.end());
  SortKeys(low);
  EXPECT_EQ(low, expected);
}

}  // namespace
}  // namespace airm::stats
