// Count-based tests, divergences and binning against scipy/numpy
// (tests/fixtures/stats/counts.json).
#include <algorithm>
#include <cmath>

#include "airm/stats/binning.h"
#include "airm/stats/categorical_tests.h"
#include "airm/stats/divergences.h"
#include "fixture_util.h"

namespace airm::stats {
namespace {

using testing::ExpectOutcome;
using testing::LoadFixture;
using testing::ToCounts;
using testing::ToDoubles;

TEST(CountsFixtureTest, ChiSquareAndDivergencesMatchScipy) {
  const nlohmann::json fixture = LoadFixture("counts.json");
  ASSERT_EQ(fixture.at("epsilon").get<double>(), kDivergenceEpsilon);
  ASSERT_GE(fixture.at("cases").size(), 20u);
  for (const auto& c : fixture.at("cases")) {
    const std::string name = c.at("name").get<std::string>();
    const std::vector<uint64_t> ref = ToCounts(c.at("ref"));
    const std::vector<uint64_t> cur = ToCounts(c.at("cur"));
    ExpectOutcome(ChiSquareHomogeneity(ref, cur), c.at("chi2"), name + " chi2");
    // Divergences of equal distributions are 0 up to rounding.
    ExpectOutcome(Psi(ref, cur), c.at("psi"), name + " psi", 1e-15);
    ExpectOutcome(KlDivergence(ref, cur), c.at("kl"), name + " kl", 1e-15);
    ExpectOutcome(JensenShannonDistance(ref, cur), c.at("js"), name + " js", 1e-15);
    ExpectOutcome(Hellinger(ref, cur), c.at("hellinger"), name + " hellinger", 1e-15);
    ExpectOutcome(TotalVariation(ref, cur), c.at("tvd"), name + " tvd", 1e-15);
  }
}

// BinCountsSorted's input: the values BinCounts counts (NaN is in no bin), sorted.
std::vector<double> SortedWithoutNan(std::vector<double> v) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  std::sort(v.begin(), v.end());
  return v;
}

TEST(CountsFixtureTest, QuantileBinsOfSmallInputsMatchNumpy) {
  const nlohmann::json fixture = LoadFixture("counts.json");
  for (const auto& c : fixture.at("bin_inputs")) {
    const std::string name = c.at("name").get<std::string>();
    std::vector<double> ref = ToDoubles(c.at("ref"));
    std::sort(ref.begin(), ref.end());
    const Bins bins = ReferenceQuantileBins(ref, c.at("n_bins").get<int>());
    EXPECT_EQ(bins.edges, ToDoubles(c.at("edges"))) << name;
    EXPECT_EQ(BinCounts(ref, bins), ToCounts(c.at("ref_counts"))) << name;
    EXPECT_EQ(BinCounts(ToDoubles(c.at("values")), bins), ToCounts(c.at("counts"))) << name;
    EXPECT_EQ(BinCountsSorted(SortedWithoutNan(ToDoubles(c.at("values"))), bins),
              ToCounts(c.at("counts")))
        << name;
  }
}

TEST(CountsFixtureTest, TwoProportionZMatchesFormula) {
  const nlohmann::json fixture = LoadFixture("counts.json");
  for (const auto& c : fixture.at("two_proportion")) {
    const TestOutcome out = TwoProportionZ(c.at("x1").get<uint64_t>(), c.at("n1").get<uint64_t>(),
                                           c.at("x2").get<uint64_t>(), c.at("n2").get<uint64_t>());
    ExpectOutcome(out, c, c.at("name").get<std::string>() + " z");
  }
}

TEST(CountsFixtureTest, QuantileBinsOfRealColumnsMatchNumpy) {
  // Real columns are stored once, in two_sample.json; counts.json names them.
  const nlohmann::json counts = LoadFixture("counts.json");
  const nlohmann::json samples = LoadFixture("two_sample.json");
  ASSERT_FALSE(counts.at("binned_columns").empty());
  for (const auto& c : counts.at("binned_columns")) {
    const std::string source = c.at("source_case").get<std::string>();
    const auto it = std::find_if(samples.at("cases").begin(), samples.at("cases").end(),
                                 [&](const nlohmann::json& s) { return s.at("name") == source; });
    ASSERT_NE(it, samples.at("cases").end()) << source;
    std::vector<double> ref = ToDoubles(it->at("ref"));
    std::sort(ref.begin(), ref.end());
    const Bins bins = ReferenceQuantileBins(ref, c.at("n_bins").get<int>());
    EXPECT_EQ(bins.edges, ToDoubles(c.at("edges"))) << c.at("name");
    EXPECT_EQ(BinCounts(ref, bins), ToCounts(c.at("ref_counts"))) << c.at("name");
    EXPECT_EQ(BinCounts(ToDoubles(it->at("cur")), bins), ToCounts(c.at("cur_counts")))
        << c.at("name");
    EXPECT_EQ(BinCountsSorted(SortedWithoutNan(ToDoubles(it->at("cur"))), bins),
              ToCounts(c.at("cur_counts")))
        << c.at("name");
  }
}

}  // namespace
}  // namespace airm::stats
