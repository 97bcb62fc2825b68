// One-sided slice-vs-rest tests against scipy 1.10.1 (values computed
// offline with Debian's /usr/bin/python3; commands in the comments).
#include "slice_significance.h"

#include <gtest/gtest.h>

#include <vector>

namespace airm::slices_internal {
namespace {

SliceStats Counts(uint64_t errors, uint64_t n) {
  return SliceStats{n, static_cast<double>(errors), static_cast<double>(errors),
                    errors > 0 ? 1.0 : 0.0};
}

SliceStats Of(const std::vector<double>& v) {
  SliceStats s;
  s.size = v.size();
  for (double x : v) {
    s.error_sum += x;
    s.error_sumsq += x * x;
    s.error_max = std::max(s.error_max, x);
  }
  return s;
}

TEST(SliceSignificanceTest, PooledZOneSided) {
  // p = 80/1000; z = (0.3 - 50/900) / sqrt(p (1-p) (1/100 + 1/900));
  // scipy.stats.norm.sf(z) = 6.264115662112261e-18.
  const stats::OneSidedTest t = SliceVsRest(Counts(30, 100), Counts(80, 1000), true);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "z");
  EXPECT_NEAR(*t.p_value / 6.264115662112261e-18, 1.0, 1e-9);
}

TEST(SliceSignificanceTest, FisherWhenExpectedCountsAreSmall) {
  // fisher_exact([[3,1],[2,38]], alternative='greater') -> 0.0029097391547760233
  stats::OneSidedTest t = SliceVsRest(Counts(3, 4), Counts(5, 44), true);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "fisher");
  EXPECT_NEAR(*t.p_value, 0.0029097391547760233, 1e-12);
  // fisher_exact([[2,18],[10,970]], alternative='greater') -> 0.022254347059437293
  t = SliceVsRest(Counts(2, 20), Counts(12, 1000), true);
  ASSERT_TRUE(t.p_value);
  EXPECT_NEAR(*t.p_value, 0.022254347059437293, 1e-12);
  // No error in the slice: it cannot exceed the rest.
  t = SliceVsRest(Counts(0, 20), Counts(12, 1000), true);
  EXPECT_DOUBLE_EQ(*t.p_value, 1.0);
}

TEST(SliceSignificanceTest, WelchOneSided) {
  // ttest_ind([1,2.5,3,4.5,6], [0.5,1,1.5,2,0,1,2.5], equal_var=False,
  //           alternative='greater').pvalue -> 0.030637541585159727
  const std::vector<double> a = {1.0, 2.5, 3.0, 4.5, 6.0};
  std::vector<double> all = a;
  for (double x : {0.5, 1.0, 1.5, 2.0, 0.0, 1.0, 2.5}) all.push_back(x);
  const stats::OneSidedTest t = SliceVsRest(Of(a), Of(all), false);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "welch");
  EXPECT_NEAR(*t.p_value, 0.030637541585159727, 1e-10);
}

TEST(SliceSignificanceTest, UndefinedCasesSayWhy) {
  EXPECT_FALSE(SliceVsRest(Counts(5, 10), Counts(5, 10), true).p_value);  // no rest
  const stats::OneSidedTest t = SliceVsRest(Of({1.0, 1.0}), Of({1.0, 1.0, 1.0, 1.0}), false);
  EXPECT_FALSE(t.p_value);
  EXPECT_NE(t.note.find("no variance"), std::string::npos);
  EXPECT_FALSE(SliceVsRest(Of({2.0}), Of({2.0, 1.0, 0.5}), false).p_value);  // 1 row
}

}  // namespace
}  // namespace airm::slices_internal
