// Properties that hold for any input: identical samples show no drift,
// order does not matter, undefined cases say why, and the O(n log n)
// implementations stay fast at a million values per side.
#include <cmath>
#include <random>

#include "airm/stats/binning.h"
#include "airm/stats/categorical_tests.h"
#include "airm/stats/divergences.h"
#include "airm/stats/two_sample_tests.h"
#include "fixture_util.h"

namespace airm::stats {
namespace {

std::vector<double> Normal(size_t n, double mean, uint32_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> dist(mean, 1.0);
  std::vector<double> out(n);
  for (double& v : out) v = std::round(dist(rng) * 1000) / 1000;
  return out;
}

using TwoSampleFn = TestOutcome (*)(std::span<const double>, std::span<const double>);
struct NamedTest {
  const char* name;
  TwoSampleFn fn;
};
const NamedTest kTests[] = {{"ks", KolmogorovSmirnov},
                            {"cvm", CramerVonMises},
                            {"ad", AndersonDarlingKSample},
                            {"energy", EnergyDistance},
                            {"wasserstein", Wasserstein1}};

TEST(PropertyTest, IdenticalSamplesShowNoDrift) {
  const std::vector<double> x = Normal(500, 0, 1);
  EXPECT_EQ(KolmogorovSmirnov(x, x).statistic, 0.0);
  EXPECT_EQ(KolmogorovSmirnov(x, x).p_value, 1.0);
  EXPECT_EQ(EnergyDistance(x, x).statistic, 0.0);
  EXPECT_EQ(Wasserstein1(x, x).statistic, 0.0);
  EXPECT_GT(*CramerVonMises(x, x).p_value, 0.99);
  EXPECT_EQ(AndersonDarlingKSample(x, x).p_value, 0.25);  // capped: p is large
  const std::vector<uint64_t> c = {5, 0, 7, 9};
  EXPECT_EQ(Psi(c, c).statistic, 0.0);
  EXPECT_EQ(KlDivergence(c, c).statistic, 0.0);
  EXPECT_EQ(TotalVariation(c, c).statistic, 0.0);
  EXPECT_EQ(JensenShannonDistance(c, c).statistic, 0.0);
  EXPECT_EQ(Hellinger(c, c).statistic, 0.0);
  EXPECT_EQ(ChiSquareHomogeneity(c, c).statistic, 0.0);
  EXPECT_EQ(ChiSquareHomogeneity(c, c).p_value, 1.0);
}

TEST(PropertyTest, PermutingInputsChangesNothing) {
  std::vector<double> a = Normal(700, 0, 2), b = Normal(600, 0.1, 3);
  std::vector<TestOutcome> before;
  for (const auto& t : kTests) before.push_back(t.fn(a, b));
  std::mt19937_64 rng(4);
  std::shuffle(a.begin(), a.end(), rng);
  std::shuffle(b.begin(), b.end(), rng);
  for (size_t i = 0; i < std::size(kTests); ++i) {
    const TestOutcome after = kTests[i].fn(a, b);
    EXPECT_EQ(after.statistic, before[i].statistic) << kTests[i].name;
    EXPECT_EQ(after.p_value, before[i].p_value) << kTests[i].name;
  }
}

TEST(PropertyTest, SwappingSidesKeepsSymmetricTests) {
  const std::vector<double> a = Normal(300, 0, 5), b = Normal(250, 0.3, 6);
  for (const auto& t : kTests) {
    const TestOutcome ab = t.fn(a, b), ba = t.fn(b, a);
    ASSERT_TRUE(ab.statistic && ba.statistic) << t.name;
    EXPECT_NEAR(*ab.statistic, *ba.statistic, 1e-12 * std::abs(*ab.statistic)) << t.name;
  }
}

TEST(PropertyTest, UndefinedCasesAreNulloptWithAReason) {
  const std::vector<double> empty, one = {1.0}, two = {1.0, 2.0};
  const std::vector<double> with_nan = {1.0, std::nan(""), 3.0};
  for (const auto& t : kTests) {
    for (const auto& [x, y] :
         {std::pair{empty, two}, std::pair{two, empty}, std::pair{with_nan, two}}) {
      const TestOutcome out = t.fn(x, y);
      EXPECT_FALSE(out.statistic.has_value()) << t.name;
      EXPECT_FALSE(out.p_value.has_value()) << t.name;
      EXPECT_FALSE(out.note.empty()) << t.name;
    }
  }
  EXPECT_FALSE(CramerVonMises(one, two).statistic.has_value());
  EXPECT_FALSE(AndersonDarlingKSample(one, two).statistic.has_value());  // N = 3 < 4
  const std::vector<double> constant(10, 2.0);
  EXPECT_FALSE(AndersonDarlingKSample(constant, constant).statistic.has_value());
  EXPECT_EQ(KolmogorovSmirnov(constant, constant).statistic, 0.0);
  EXPECT_EQ(KolmogorovSmirnov(constant, constant).p_value, 1.0);

  const std::vector<uint64_t> c3 = {1, 2, 3}, c2 = {1, 2}, zeros = {0, 0, 0};
  EXPECT_FALSE(Psi(c3, c2).statistic.has_value());
  EXPECT_FALSE(Psi(c3, zeros).statistic.has_value());
  EXPECT_FALSE(Psi({}, {}).statistic.has_value());
  EXPECT_FALSE(ChiSquareHomogeneity(zeros, c3).statistic.has_value());
  EXPECT_FALSE(TwoProportionZ(0, 10, 0, 20).statistic.has_value());
  EXPECT_NE(TwoProportionZ(0, 10, 0, 20).note.find("pooled"), std::string::npos);
}

TEST(PropertyTest, BinsPutOutOfRangeValuesInTheOuterBins) {
  std::vector<double> ref(100);
  for (size_t i = 0; i < ref.size(); ++i) ref[i] = static_cast<double>(i);
  const Bins bins = ReferenceQuantileBins(ref, 10);
  ASSERT_EQ(bins.edges.size(), 11u);  // min, 9 quantiles, just above max
  const std::vector<uint64_t> ref_counts = BinCounts(ref, bins);
  EXPECT_EQ(ref_counts.front(), 0u);  // below the reference range
  EXPECT_EQ(ref_counts.back(), 0u);   // above it
  for (size_t i = 1; i + 1 < ref_counts.size(); ++i) EXPECT_EQ(ref_counts[i], 10u);
  const std::vector<double> cur = {-1e9, 1e9, std::nan("")};
  const std::vector<uint64_t> cur_counts = BinCounts(cur, bins);
  EXPECT_EQ(cur_counts.front(), 1u);
  EXPECT_EQ(cur_counts.back(), 1u);
  const std::vector<double> constant(5, 3.0);
  const Bins constant_bins = ReferenceQuantileBins(constant, 10);
  ASSERT_EQ(constant_bins.edges.size(), 2u);  // below, equal, above
  const std::vector<double> other_constant(4, 4.0);
  EXPECT_EQ(BinCounts(constant, constant_bins), (std::vector<uint64_t>{0, 5, 0}));
  EXPECT_EQ(BinCounts(other_constant, constant_bins), (std::vector<uint64_t>{0, 0, 4}));
  EXPECT_TRUE(ReferenceQuantileBins({}, 10).edges.empty());
}

}  // namespace
}  // namespace airm::stats
