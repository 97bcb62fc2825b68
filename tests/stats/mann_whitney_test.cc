// Mann-Whitney U against brute-force enumeration and scipy 1.10.1
// (tests/fixtures/stats/mann_whitney.json, made by
// scripts/fixtures/make_mann_whitney_fixtures.py), and its undefined cases.
#include "airm/stats/mann_whitney.h"

#include <cmath>
#include <string>
#include <vector>

#include "fixture_util.h"

namespace airm::stats {
namespace {

using testing::kPAbsTol;
using testing::kPRelTol;
using testing::LoadFixture;
using testing::Near;
using testing::ToDoubles;

TEST(MannWhitneyTest, MatchesEnumerationAndScipy) {
  const nlohmann::json fixture = LoadFixture("mann_whitney.json");
  ASSERT_GE(fixture.at("cases").size(), 12u);
  for (const auto& c : fixture.at("cases")) {
    const std::string name = c.at("name").get<std::string>();
    const std::vector<double> ref = ToDoubles(c.at("ref"));
    const std::vector<double> cur = ToDoubles(c.at("cur"));
    // U is a half-integer sum: exact in double.
    EXPECT_EQ(MannWhitneyU(ref, cur), c.at("u").get<double>()) << name;
    for (double alpha : {0.05, 0.01}) {
      const MannWhitneyOutcome out = MannWhitneyGreater(ref, cur, alpha);
      EXPECT_EQ(out.u, c.at("u").get<double>()) << name;
      if (c.contains("p_exact")) {
        EXPECT_EQ(out.null, MannWhitneyNull::kExact) << name;
        EXPECT_TRUE(Near(out.p_value, c.at("p_exact"), 1e-12, 1e-15)) << name;
        if (c.contains("p_scipy_exact")) {
          EXPECT_TRUE(Near(out.p_value, c.at("p_scipy_exact"), 1e-12, 1e-15)) << name;
        }
        const nlohmann::json& critical = c.at("critical_u").at(alpha == 0.05 ? "0.05" : "0.01");
        if (critical.is_null()) {
          EXPECT_FALSE(out.critical_u.has_value()) << name;
        } else {
          EXPECT_EQ(out.critical_u, critical.get<double>()) << name << " alpha " << alpha;
        }
      } else {
        EXPECT_EQ(out.null, MannWhitneyNull::kNormal) << name;
        EXPECT_TRUE(Near(out.p_value, c.at("p_asymptotic"), kPRelTol, kPAbsTol)) << name;
      }
    }
  }
}

TEST(MannWhitneyTest, CriticalValueSeparatesRejectionsUnderTheNormalNull) {
  // 60 + 60 distinct values: the normal null. At U = critical the one-sided
  // p-value equals alpha; the observed U is rejected exactly when above it.
  std::vector<double> ref, cur;
  for (int i = 0; i < 60; ++i) ref.push_back(2.0 * i);
  for (int i = 0; i < 60; ++i) cur.push_back(2.0 * i + 9.0);  // a small upward shift
  for (double alpha : {0.05, 0.01, 0.001}) {
    const MannWhitneyOutcome out = MannWhitneyGreater(ref, cur, alpha);
    ASSERT_EQ(out.null, MannWhitneyNull::kNormal);
    ASSERT_TRUE(out.critical_u && out.p_value && out.u);
    const double sigma = std::sqrt(60.0 * 60.0 / 12 * 121);
    const double z = (*out.critical_u - 1800 - 0.5) / sigma;
    EXPECT_NEAR(0.5 * std::erfc(z / std::sqrt(2.0)), alpha, 1e-12) << alpha;
    EXPECT_EQ(*out.p_value <= alpha, *out.u >= *out.critical_u) << alpha;
  }
}

TEST(MannWhitneyTest, UndefinedCases) {
  const std::vector<double> some = {0.1, 0.2};
  const std::vector<double> none;
  EXPECT_FALSE(MannWhitneyU(none, some).has_value());
  EXPECT_FALSE(MannWhitneyU(some, none).has_value());
  const std::vector<double> with_nan = {0.1, std::nan("")};
  EXPECT_FALSE(MannWhitneyU(some, with_nan).has_value());
  const MannWhitneyOutcome empty = MannWhitneyGreater(none, some, 0.05);
  EXPECT_FALSE(empty.p_value.has_value());
  EXPECT_NE(empty.note.find("empty"), std::string::npos) << empty.note;
  const MannWhitneyOutcome bad_alpha = MannWhitneyGreater(some, some, 1.0);
  EXPECT_FALSE(bad_alpha.p_value.has_value());
  EXPECT_NE(bad_alpha.note.find("alpha"), std::string::npos) << bad_alpha.note;
}

}  // namespace
}  // namespace airm::stats
