// stats::ProportionExceeds and stats::WelchMeanExceeds against scipy 1.10.1
// (Debian's /usr/bin/python3; commands in the comments).
#include "airm/stats/one_sided_tests.h"

#include <gtest/gtest.h>

namespace airm::stats {
namespace {

TEST(OneSidedTestsTest, PooledZWhenExpectedCountsAreLarge) {
  // 30 of 100 against 50 of 900: p = 80/1000,
  // z = (0.3 - 50/900) / sqrt(p (1-p) (1/100 + 1/900)); scipy.stats.norm.sf(z)
  // = 6.264115662112261e-18.
  const OneSidedTest t = ProportionExceeds(30, 100, 50, 900);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "z");
  EXPECT_NEAR(*t.p_value / 6.264115662112261e-18, 1.0, 1e-9);
}

TEST(OneSidedTestsTest, FisherWhenExpectedCountsAreSmall) {
  // fisher_exact([[3,1],[2,38]], alternative='greater') -> 0.0029097391547760233
  OneSidedTest t = ProportionExceeds(3, 4, 2, 40);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "fisher");
  EXPECT_NEAR(*t.p_value, 0.0029097391547760233, 1e-12);
  t = ProportionExceeds(0, 20, 12, 980);
  EXPECT_EQ(t.p_value, 1.0) << "no success in group 1: it cannot exceed";
  t = ProportionExceeds(0, 20, 0, 980);
  EXPECT_EQ(t.p_value, 1.0);
  EXPECT_NE(t.note.find("same error"), std::string::npos);
}

TEST(OneSidedTestsTest, WelchFromMoments) {
  // ttest_ind([1,2.5,3,4.5,6], [0.5,1,1.5,2,0,1,2.5], equal_var=False,
  //           alternative='greater').pvalue -> 0.030637541585159727
  Moments a, b;
  for (double x : {1.0, 2.5, 3.0, 4.5, 6.0}) a = {a.n + 1, a.sum + x, a.sum_sq + x * x};
  for (double x : {0.5, 1.0, 1.5, 2.0, 0.0, 1.0, 2.5}) b = {b.n + 1, b.sum + x, b.sum_sq + x * x};
  const OneSidedTest t = WelchMeanExceeds(a, b);
  ASSERT_TRUE(t.p_value);
  EXPECT_EQ(t.method, "welch");
  EXPECT_NEAR(*t.p_value, 0.030637541585159727, 1e-10);
}

TEST(OneSidedTestsTest, WelchUndefinedSaysWhy) {
  OneSidedTest t = WelchMeanExceeds({1, 2, 4}, {3, 3, 5});
  EXPECT_FALSE(t.p_value);
  EXPECT_NE(t.note.find("fewer than 2"), std::string::npos);
  t = WelchMeanExceeds({2, 2, 2}, {2, 2, 2});
  EXPECT_FALSE(t.p_value);
  EXPECT_NE(t.note.find("no variance"), std::string::npos);
}

}  // namespace
}  // namespace airm::stats
