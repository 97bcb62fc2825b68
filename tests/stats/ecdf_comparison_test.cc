// CompareEcdfs: the one merge that KS, Wasserstein-1 and energy share.
#include "airm/stats/ecdf_comparison.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

#include "airm/stats/sort.h"
#include "airm/stats/two_sample_tests.h"

namespace airm::stats {
namespace {

TEST(EcdfComparisonTest, SmallCaseByHand) {
  // Pooled 0, 0.5, 1. After each value F_ref - F_cur is 0.5, -0.5, 0; on
  // [0, 0.5) and [0.5, 1) |F_ref - F_cur| is 0.5, so l1 = 0.5 and l2 = 0.25.
  const std::vector<double> ref = {0.0, 1.0}, cur = {0.5};
  const EcdfComparison e = CompareEcdfs(ref, cur);
  EXPECT_EQ(e.n_ref, 2u);
  EXPECT_EQ(e.n_cur, 1u);
  EXPECT_EQ(e.max_diff, 0.5);
  EXPECT_EQ(e.min_diff, -0.5);
  EXPECT_EQ(e.l1, 0.5);
  EXPECT_EQ(e.l2, 0.25);
  EXPECT_EQ(*Wasserstein1OfEcdfs(e).statistic, 0.5);
  EXPECT_EQ(*EnergyDistanceOfEcdfs(e).statistic, std::sqrt(2.0) * std::sqrt(0.25));
  EXPECT_EQ(*KolmogorovSmirnovOfEcdfs(e).statistic, 0.5);
}

TEST(EcdfComparisonTest, OneWalkGivesWhatEachTestGivesOnTheUnsortedSamples) {
  std::mt19937_64 rng(13);
  std::normal_distribution<double> a(0, 1), b(0.3, 1.2);
  std::vector<double> ref, cur;
  for (int i = 0; i < 20000; ++i) ref.push_back(a(rng));
  for (int i = 0; i < 15000; ++i) cur.push_back(std::round(b(rng) * 100) / 100);  // ties
  const TestOutcome ks = KolmogorovSmirnov(ref, cur), w = Wasserstein1(ref, cur),
                    energy = EnergyDistance(ref, cur);
  SortSample(ref);
  SortSample(cur);
  const EcdfComparison e = CompareEcdfs(ref, cur);
  EXPECT_EQ(KolmogorovSmirnovOfEcdfs(e).statistic, ks.statistic);
  EXPECT_EQ(KolmogorovSmirnovOfEcdfs(e).p_value, ks.p_value);
  EXPECT_EQ(Wasserstein1OfEcdfs(e).statistic, w.statistic);
  EXPECT_EQ(EnergyDistanceOfEcdfs(e).statistic, energy.statistic);
}

TEST(EcdfComparisonTest, EmptySideIsUndefinedWithAReason) {
  const std::vector<double> some = {1.0, 2.0};
  const EcdfComparison e = CompareEcdfs(some, {});
  EXPECT_FALSE(KolmogorovSmirnovOfEcdfs(e).statistic.has_value());
  EXPECT_NE(KolmogorovSmirnovOfEcdfs(e).note.find("empty"), std::string::npos);
  EXPECT_NE(Wasserstein1OfEcdfs(e).note.find("empty"), std::string::npos);
  EXPECT_NE(EnergyDistanceOfEcdfs(e).note.find("empty"), std::string::npos);
}

}  // namespace
}  // namespace airm::stats
