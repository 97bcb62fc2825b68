// stats::FitIsotonic / PredictIsotonic: pooling by hand, sklearn's handling of
// tied inputs and out-of-range values, and the undefined inputs. The
// agreement with sklearn.isotonic.IsotonicRegression on larger data is in
// tests/evaluate/cbpe_test.cc (calibrated values of the CBPE fixture).
#include "airm/stats/isotonic.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace airm::stats {
namespace {

TEST(IsotonicTest, PoolsAdjacentViolatorsIntoTheirMean) {
  // y = 1, 3, 2, 4: the violating pair (3, 2) pools to 2.5.
  const std::vector<double> x = {1, 2, 3, 4}, y = {1, 3, 2, 4};
  auto fit = FitIsotonic(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->y, (std::vector<double>{1, 2.5, 2.5, 4}));
}

TEST(IsotonicTest, TiedInputsBecomeOnePointAndPredictionInterpolatesAndClips) {
  // x = 0.2 twice with labels 1 and 0: one point at their mean 0.5, as sklearn.
  const std::vector<double> x = {0.8, 0.2, 0.2, 0.5}, y = {1, 1, 0, 1};
  auto fit = FitIsotonic(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->x, (std::vector<double>{0.2, 0.5, 0.8}));
  EXPECT_EQ(fit->y, (std::vector<double>{0.5, 1, 1}));
  EXPECT_DOUBLE_EQ(PredictIsotonic(*fit, 0.35), 0.75);  // halfway between 0.5 and 1
  EXPECT_DOUBLE_EQ(PredictIsotonic(*fit, 0.0), 0.5);    // clipped below
  EXPECT_DOUBLE_EQ(PredictIsotonic(*fit, 1.0), 1.0);    // clipped above
}

TEST(IsotonicTest, DecreasingDataPoolsIntoOneConstant) {
  const std::vector<double> x = {1, 2, 3}, y = {1, 0.5, 0};
  auto fit = FitIsotonic(x, y);
  ASSERT_TRUE(fit.has_value());
  EXPECT_EQ(fit->y, (std::vector<double>{0.5, 0.5, 0.5}));
}

TEST(IsotonicTest, UndefinedForEmptyMismatchedOrNonFiniteInput) {
  const std::vector<double> empty, one = {1}, two = {1, 2}, nan = {1, std::nan("")};
  EXPECT_FALSE(FitIsotonic(empty, empty).has_value());
  EXPECT_FALSE(FitIsotonic(one, two).has_value());
  EXPECT_FALSE(FitIsotonic(nan, two).has_value());
}

}  // namespace
}  // namespace airm::stats
