// Internal numeric helpers: radix sort, numpy-compatible quantile and bins.
#include "numeric_stats.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <limits>
#include <random>

namespace airm::profile_internal {
namespace {

TEST(SortDoubles, MatchesStdSortOnMixedValues) {
  std::mt19937_64 rng(3);
  std::normal_distribution<double> dist(0.0, 1e3);
  std::vector<double> values(200000);
  for (double& v : values) v = dist(rng);
  values[5] = -0.0;
  values[6] = 0.0;
  values[7] = std::numeric_limits<double>::infinity();
  values[8] = -std::numeric_limits<double>::infinity();
  values[9] = std::numeric_limits<double>::denorm_min();
  values[10] = -std::numeric_limits<double>::max();
  std::vector<double> expected = values;
  std::sort(expected.begin(), expected.end());
  SortDoubles(&values);
  ASSERT_EQ(values.size(), expected.size());
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(values[i], expected[i]) << i;
}

TEST(SortDoubles, SmallAndConstantInputs) {
  std::vector<double> small = {3, -1, 2};
  SortDoubles(&small);
  EXPECT_EQ(small, (std::vector<double>{-1, 2, 3}));
  std::vector<double> same(5000, 7.25);
  SortDoubles(&same);
  EXPECT_EQ(same, std::vector<double>(5000, 7.25));
}

// numpy.quantile([1, 2, 3, 4], q): 0.1 -> 1.3, 0.5 -> 2.5, 0.9 -> 3.7.
TEST(LinearQuantile, MatchesNumpyLinear) {
  const std::vector<double> v = {1, 2, 3, 4};
  EXPECT_DOUBLE_EQ(LinearQuantile(v, 0.1), 1.3);
  EXPECT_DOUBLE_EQ(LinearQuantile(v, 0.5), 2.5);
  EXPECT_DOUBLE_EQ(LinearQuantile(v, 0.9), 3.7);
  EXPECT_EQ(LinearQuantile(v, 0.0), 1.0);
  EXPECT_EQ(LinearQuantile(v, 1.0), 4.0);
  EXPECT_EQ(LinearQuantile(std::vector<double>{5}, 0.3), 5.0);
}

TEST(HistogramBinner, CountSortedAgreesWithBinOf) {
  std::vector<double> v;
  for (int i = 0; i <= 100; ++i) v.push_back(i * 0.1);
  HistogramBinner binner(v.front(), v.back(), 7);
  auto bins = binner.CountSorted(v);
  std::vector<uint64_t> by_value(7, 0);
  for (double x : v) ++by_value[binner.BinOf(x)];
  uint64_t total = 0;
  for (size_t i = 0; i < 7; ++i) {
    EXPECT_EQ(bins[i].count, by_value[i]) << i;
    total += bins[i].count;
  }
  EXPECT_EQ(total, v.size());
  EXPECT_EQ(binner.BinOf(10.0), 6u) << "the last bin is closed";
}

TEST(HistogramBinner, HugeRangeDoesNotOverflow) {
  const double big = std::numeric_limits<double>::max();
  HistogramBinner binner(-big, big, 4);
  auto bins = binner.MakeBins();
  for (const auto& b : bins) {
    EXPECT_TRUE(std::isfinite(b.lower));
    EXPECT_TRUE(std::isfinite(b.upper));
  }
  EXPECT_EQ(binner.BinOf(0.0), 2u);
}

TEST(FormatNumericValue, FollowsColumnTextForm) {
  EXPECT_EQ(FormatNumericValue(3.0, DataType::kInt64), "3");
  EXPECT_EQ(FormatNumericValue(0.1, DataType::kFloat64), "0.1");
  EXPECT_EQ(FormatNumericValue(1.0, DataType::kBool), "true");
  EXPECT_EQ(FormatNumericValue(std::nan(""), DataType::kFloat64), "NaN");
  EXPECT_EQ(FormatNumericValue(-std::numeric_limits<double>::infinity(), DataType::kInt64), "-Inf");
  EXPECT_EQ(FormatNumericValue(1.5, DataType::kTimestamp), FormatTimestamp(1500000));
}

}  // namespace
}  // namespace airm::profile_internal
