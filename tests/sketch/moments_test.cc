#include "airm/sketch/moments.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

namespace airm::sketch {
namespace {

// Reference: two-pass mean and M2 in long double.
void Reference(const std::vector<double>& v, long double* mean, long double* m2) {
  long double sum = 0;
  for (double x : v) sum += x;
  *mean = sum / v.size();
  long double acc = 0;
  for (double x : v) acc += (x - *mean) * (x - *mean);
  *m2 = acc;
}

TEST(Moments, EmptyAndSingleAreUndefined) {
  Moments m;
  EXPECT_FALSE(m.Mean().has_value());
  EXPECT_FALSE(m.SampleStddev().has_value());
  m.Add(3.5);
  EXPECT_DOUBLE_EQ(*m.Mean(), 3.5);
  EXPECT_FALSE(m.SampleVariance().has_value()) << "ddof=1 needs two values";
  m.Add(5.5);
  EXPECT_DOUBLE_EQ(*m.SampleVariance(), 2.0);
}

TEST(Moments, ChanMergeEqualsWholeStream) {
  std::mt19937_64 rng(7);
  std::normal_distribution<double> dist(1e6, 3.0);  // large offset: tests stability
  std::vector<double> values(100000);
  for (double& v : values) v = dist(rng);
  Moments whole;
  for (double v : values) whole.Add(v);
  // Uneven parts, merged in a tree.
  Moments parts[4];
  const size_t cuts[5] = {0, 10, 30000, 30001, values.size()};
  for (int p = 0; p < 4; ++p) {
    for (size_t i = cuts[p]; i < cuts[p + 1]; ++i) parts[p].Add(values[i]);
  }
  parts[0].Merge(parts[1]);
  parts[2].Merge(parts[3]);
  parts[0].Merge(parts[2]);
  long double mean, m2;
  Reference(values, &mean, &m2);
  EXPECT_EQ(parts[0].count, values.size());
  EXPECT_NEAR(parts[0].mean, static_cast<double>(mean), 1e-12 * 1e6);
  EXPECT_NEAR(parts[0].m2, static_cast<double>(m2), 1e-9 * static_cast<double>(m2));
  EXPECT_NEAR(whole.m2, parts[0].m2, 1e-9 * whole.m2);
  EXPECT_EQ(parts[0].min, whole.min);
  EXPECT_EQ(parts[0].max, whole.max);
}

TEST(Moments, MergeWithEmptyIsIdentity) {
  Moments a, empty;
  a.Add(1);
  a.Add(2);
  Moments b = a;
  b.Merge(empty);
  EXPECT_EQ(b.count, 2u);
  EXPECT_DOUBLE_EQ(b.mean, 1.5);
  empty.Merge(a);
  EXPECT_DOUBLE_EQ(empty.m2, a.m2);
}

}  // namespace
}  // namespace airm::sketch
