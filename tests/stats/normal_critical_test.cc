#include "airm/stats/normal_critical.h"

#include <gtest/gtest.h>

#include <cmath>

namespace airm::stats {
namespace {

TEST(NormalCriticalTest, MatchesScipyPpf) {
  // scipy.stats.norm.ppf(0.975) = 1.959963984540054; ppf(0.995) = 2.5758293035489004
  // Bit for bit: computed in long double, these round to scipy's values.
  EXPECT_EQ(*TwoSidedNormalCritical(0.95), 1.959963984540054);
  EXPECT_EQ(*TwoSidedNormalCritical(0.99), 2.5758293035489004);
}

TEST(NormalCriticalTest, UndefinedOutsideTheOpenUnitInterval) {
  // Boost.Math would throw (domain) or overflow here; the policy turns both
  // into an undefined value.
  EXPECT_FALSE(TwoSidedNormalCritical(0.0).has_value());
  EXPECT_FALSE(TwoSidedNormalCritical(1.0).has_value());
  EXPECT_FALSE(TwoSidedNormalCritical(-0.5).has_value());
  EXPECT_FALSE(TwoSidedNormalCritical(std::nan("")).has_value());
}

}  // namespace
}  // namespace airm::stats
