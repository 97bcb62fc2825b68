// Two-sample tests against scipy 1.10.1 (tests/fixtures/stats/two_sample.json,
// made by scripts/fixtures/make_stats_fixtures.py).
#include <algorithm>
#include <cmath>
#include <numeric>

#include "airm/stats/two_sample_tests.h"
#include "fixture_util.h"

namespace airm::stats {
namespace {

using testing::ExpectOutcome;
using testing::LoadFixture;
using testing::ToDoubles;

void CheckAll(const nlohmann::json& c, const std::vector<double>& ref,
              const std::vector<double>& cur) {
  const std::string name = c.at("name").get<std::string>();
  ExpectOutcome(KolmogorovSmirnov(ref, cur), c.at("ks"), name + " ks");
  ExpectOutcome(CramerVonMises(ref, cur), c.at("cvm"), name + " cvm");
  ExpectOutcome(AndersonDarlingKSample(ref, cur), c.at("ad"), name + " ad");
  // Distances of identical samples are 0 up to rounding of the gap sum.
  ExpectOutcome(EnergyDistance(ref, cur), c.at("energy"), name + " energy", 1e-15);
  ExpectOutcome(Wasserstein1(ref, cur), c.at("wasserstein"), name + " wasserstein", 1e-15);
  // The *Sorted variants (drift sorts each column once) give the same bits.
  if (std::any_of(ref.begin(), ref.end(), [](double v) { return std::isnan(v); }) ||
      std::any_of(cur.begin(), cur.end(), [](double v) { return std::isnan(v); })) {
    return;
  }
  std::vector<double> rs = ref, cs = cur;
  std::sort(rs.begin(), rs.end());
  std::sort(cs.begin(), cs.end());
  auto same = [&](const TestOutcome& a, const TestOutcome& b, const char* test) {
    EXPECT_EQ(a.statistic, b.statistic) << name << " " << test;
    EXPECT_EQ(a.p_value, b.p_value) << name << " " << test;
    EXPECT_EQ(a.note, b.note) << name << " " << test;
  };
  same(KolmogorovSmirnovSorted(rs, cs), KolmogorovSmirnov(ref, cur), "ks");
  same(CramerVonMisesSorted(rs, cs), CramerVonMises(ref, cur), "cvm");
  same(AndersonDarlingKSampleSorted(rs, cs), AndersonDarlingKSample(ref, cur), "ad");
  same(EnergyDistanceSorted(rs, cs), EnergyDistance(ref, cur), "energy");
  same(Wasserstein1Sorted(rs, cs), Wasserstein1(ref, cur), "wasserstein");
}

TEST(TwoSampleFixtureTest, StoredCasesMatchScipy) {
  const nlohmann::json fixture = LoadFixture("two_sample.json");
  ASSERT_TRUE(fixture.contains("cases"));
  ASSERT_GE(fixture.at("cases").size(), 20u);
  for (const auto& c : fixture.at("cases")) {
    CheckAll(c, ToDoubles(c.at("ref")), ToDoubles(c.at("cur")));
  }
}

TEST(TwoSampleFixtureTest, GeneratedLargeCasesMatchScipy) {
  const nlohmann::json fixture = LoadFixture("two_sample.json");
  ASSERT_TRUE(fixture.contains("generated"));
  for (const auto& c : fixture.at("generated")) {
    const std::vector<double> ref = testing::GeneratedSample(c.at("ref_formula"));
    const std::vector<double> cur = testing::GeneratedSample(c.at("cur_formula"));
    // The generator must reproduce the script's doubles exactly.
    EXPECT_EQ(ref.front(), c.at("ref_check").at("first").get<double>());
    EXPECT_EQ(ref.back(), c.at("ref_check").at("last").get<double>());
    EXPECT_EQ(cur.back(), c.at("cur_check").at("last").get<double>());
    EXPECT_NEAR(std::accumulate(ref.begin(), ref.end(), 0.0),
                c.at("ref_check").at("sum").get<double>(), 1e-6);
    CheckAll(c, ref, cur);
  }
}

}  // namespace
}  // namespace airm::stats
