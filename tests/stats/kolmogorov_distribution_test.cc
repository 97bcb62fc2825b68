// The Kolmogorov distributions behind the KS p-value, against scipy 1.10.1
// (kstwo.sf, special.smirnov, the exact two-sample path count) on argument
// grids that visit every algorithm region (tests/fixtures/stats/kolmogorov.json).
#include "kolmogorov_distribution.h"

#include <cmath>

#include "fixture_util.h"

namespace airm::stats {
namespace {

using testing::kPAbsTol;
using testing::kPRelTol;
using testing::LoadFixture;
using testing::Near;

TEST(KolmogorovDistributionTest, OneSampleTwoSidedSfMatchesScipyKstwo) {
  const nlohmann::json fixture = LoadFixture("kolmogorov.json");
  ASSERT_GE(fixture.at("kstwo_sf").size(), 100u);
  for (const auto& c : fixture.at("kstwo_sf")) {
    const auto n = c.at("n").get<int64_t>();
    const double x = c.at("x").get<double>();
    EXPECT_TRUE(Near(internal::KolmogorovSf(n, x), c.at("sf"), kPRelTol, kPAbsTol))
        << "n=" << n << " x=" << x;
  }
}

TEST(KolmogorovDistributionTest, OneSidedSfMatchesScipySmirnov) {
  const nlohmann::json fixture = LoadFixture("kolmogorov.json");
  for (const auto& c : fixture.at("smirnov_sf")) {
    const auto n = c.at("n").get<int64_t>();
    const double x = c.at("x").get<double>();
    EXPECT_TRUE(Near(internal::SmirnovSf(n, x), c.at("sf"), kPRelTol, kPAbsTol))
        << "n=" << n << " x=" << x;
  }
}

TEST(KolmogorovDistributionTest, TwoSampleExactSfMatchesScipy) {
  const nlohmann::json fixture = LoadFixture("kolmogorov.json");
  for (const auto& c : fixture.at("two_sample_exact_sf")) {
    const auto m = c.at("m").get<int64_t>();
    const auto n = c.at("n").get<int64_t>();
    const auto h = c.at("h").get<int64_t>();
    EXPECT_TRUE(Near(internal::TwoSampleExactSf(m, n, h), c.at("sf"), kPRelTol, kPAbsTol))
        << "m=" << m << " n=" << n << " h=" << h;
    // The count is symmetric in the two sample sizes.
    EXPECT_EQ(internal::TwoSampleExactSf(m, n, h), internal::TwoSampleExactSf(n, m, h));
  }
}

TEST(KolmogorovDistributionTest, BoundaryArguments) {
  EXPECT_EQ(internal::KolmogorovSf(10, 0.0), 1.0);
  EXPECT_EQ(internal::KolmogorovSf(10, 1.0), 0.0);
  EXPECT_EQ(internal::KolmogorovSf(10, 0.04), 1.0);  // n x <= 1/2: D_n >= 1/(2n) always
  EXPECT_TRUE(std::isnan(internal::KolmogorovSf(0, 0.5)));
  EXPECT_EQ(internal::SmirnovSf(5, 0.0), 1.0);
  EXPECT_EQ(internal::TwoSampleExactSf(5, 7, 0), 1.0);
}

}  // namespace
}  // namespace airm::stats
