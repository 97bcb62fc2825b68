// Quantiles against numpy.quantile and multiple-testing adjustments against
// the statsmodels formulas (fixtures: quantiles.json, multiple_testing.json).
#include <cmath>

#include "airm/stats/multiple_testing.h"
#include "airm/stats/quantile.h"
#include "fixture_util.h"

namespace airm::stats {
namespace {

using testing::LoadFixture;
using testing::ToDoubles;

TEST(QuantileTest, MatchesNumpyBitForBit) {
  const nlohmann::json fixture = LoadFixture("quantiles.json");
  ASSERT_FALSE(fixture.at("cases").empty());
  for (const auto& c : fixture.at("cases")) {
    const std::vector<double> sorted = ToDoubles(c.at("sorted"));
    const std::vector<double> qs = ToDoubles(c.at("q"));
    const std::vector<double> expected = ToDoubles(c.at("expected"));
    for (size_t i = 0; i < qs.size(); ++i) {
      EXPECT_EQ(QuantileLinear(sorted, qs[i]), expected[i]) << c.at("name") << " q=" << qs[i];
    }
  }
}

TEST(QuantileTest, EmptyIsNanAndQIsClamped) {
  EXPECT_TRUE(std::isnan(QuantileLinear({}, 0.5)));
  const std::vector<double> x = {1, 2, 3};
  EXPECT_EQ(QuantileLinear(x, -0.5), 1.0);
  EXPECT_EQ(QuantileLinear(x, 1.5), 3.0);
}

void ExpectVectorNear(const std::vector<double>& actual, const std::vector<double>& expected,
                      const std::string& context) {
  ASSERT_EQ(actual.size(), expected.size()) << context;
  for (size_t i = 0; i < actual.size(); ++i) {
    EXPECT_NEAR(actual[i], expected[i], 1e-15 * std::max(1.0, std::abs(expected[i])))
        << context << " index " << i;
  }
}

TEST(MultipleTestingTest, MatchesStatsmodelsFormulas) {
  const nlohmann::json fixture = LoadFixture("multiple_testing.json");
  ASSERT_FALSE(fixture.at("cases").empty());
  for (const auto& c : fixture.at("cases")) {
    const std::vector<double> p = ToDoubles(c.at("p"));
    const std::string name = c.at("name").get<std::string>();
    ExpectVectorNear(BenjaminiHochberg(p), ToDoubles(c.at("bh")), name + " bh");
    ExpectVectorNear(Bonferroni(p), ToDoubles(c.at("bonferroni")), name + " bonferroni");
  }
}

TEST(MultipleTestingTest, BenjaminiHochbergIsMonotoneInP) {
  const std::vector<double> p = {0.04, 0.001, 0.03, 0.5, 0.02, 0.9, 0.01};
  const std::vector<double> adj = BenjaminiHochberg(p);
  for (size_t i = 0; i < p.size(); ++i) {
    EXPECT_GE(adj[i], p[i]);
    EXPECT_LE(adj[i], 1.0);
    for (size_t j = 0; j < p.size(); ++j) {
      if (p[i] <= p[j]) {
        EXPECT_LE(adj[i], adj[j]);
      }
    }
  }
}

TEST(MultipleTestingTest, NanStaysNanAndIsNotCounted) {
  const std::vector<double> p = {0.01, std::nan(""), 0.02};
  const std::vector<double> bh = BenjaminiHochberg(p);
  const std::vector<double> bonf = Bonferroni(p);
  EXPECT_TRUE(std::isnan(bh[1]));
  EXPECT_TRUE(std::isnan(bonf[1]));
  EXPECT_DOUBLE_EQ(bonf[0], 0.02);  // m = 2, not 3
  EXPECT_DOUBLE_EQ(bh[0], 0.02);
  EXPECT_DOUBLE_EQ(bh[2], 0.02);
}

}  // namespace
}  // namespace airm::stats
