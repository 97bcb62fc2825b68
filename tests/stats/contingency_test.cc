// stats::IndependenceTests against scipy 1.10.1's chi2_contingency (Debian's
// /usr/bin/python3, commands in the comments) and hand counts.
#include "airm/stats/contingency.h"

#include <gtest/gtest.h>

namespace airm::stats {
namespace {

// Relative agreement with scipy: the chi-square survival function is Boost's
// regularized upper gamma, accurate to a few ulps; 1e-12 leaves room for the
// summation order of X^2 and G.
constexpr double kRel = 1e-12;

TEST(ContingencyTest, TwoByTwoByHandAndScipy) {
  // [[10, 20], [30, 40]]: E = [[12, 18], [28, 42]]; X^2 = 4/12 + 4/18 + 4/28 + 4/42.
  // chi2_contingency(t, correction=False) -> (0.7936507936507936, 0.37299848361348686)
  // lambda_="log-likelihood" -> (0.8043486460964835, 0.36979636792989645)
  const ContingencyTest t = IndependenceTests({{10, 20}, {30, 40}});
  ASSERT_TRUE(t.chi2.has_value());
  EXPECT_NEAR(*t.chi2, 4.0 / 12 + 4.0 / 18 + 4.0 / 28 + 4.0 / 42, 1e-12);
  EXPECT_EQ(t.dof, 1);
  EXPECT_NEAR(*t.chi2_p, 0.37299848361348686, 0.37299848361348686 * kRel);
  EXPECT_NEAR(*t.g, 0.8043486460964835, 0.8043486460964835 * kRel);
  EXPECT_NEAR(*t.g_p, 0.36979636792989645, 0.36979636792989645 * kRel);
}

TEST(ContingencyTest, ThreeByThreeMatchesScipy) {
  // t = [[5, 9, 1], [7, 2, 8], [3, 3, 3]]: chi2_contingency(t, correction=False)
  // -> (10.106442577030812, 0.03867233804243425, dof 4); G -> (11.32507467782856,
  // 0.023143601144604294).
  const ContingencyTest t = IndependenceTests({{5, 9, 1}, {7, 2, 8}, {3, 3, 3}});
  ASSERT_TRUE(t.chi2_p.has_value());
  EXPECT_EQ(t.dof, 4);
  EXPECT_NEAR(*t.chi2, 10.106442577030812, 10.106442577030812 * kRel);
  EXPECT_NEAR(*t.chi2_p, 0.03867233804243425, 0.03867233804243425 * kRel);
  EXPECT_NEAR(*t.g, 11.32507467782856, 11.32507467782856 * kRel);
  EXPECT_NEAR(*t.g_p, 0.023143601144604294, 0.023143601144604294 * kRel);
}

TEST(ContingencyTest, UndefinedWithANote) {
  const ContingencyTest empty_column = IndependenceTests({{10, 0}, {30, 0}});
  EXPECT_FALSE(empty_column.chi2.has_value());
  EXPECT_NE(empty_column.note.find("never occurs"), std::string::npos);
  const ContingencyTest one_row = IndependenceTests({{10, 3}});
  EXPECT_FALSE(one_row.chi2.has_value());
  EXPECT_NE(one_row.note.find("at least two groups"), std::string::npos);
}

}  // namespace
}  // namespace airm::stats
