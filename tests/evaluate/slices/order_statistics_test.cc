// SelectForQuantiles: quantiles after a partial selection equal quantiles
// after a full sort, bit for bit.
#include "order_statistics.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <vector>

#include "airm/stats/quantile.h"

namespace airm::slices_internal {
namespace {

TEST(OrderStatistics, SelectionGivesTheQuantilesOfTheSortedSample) {
  std::mt19937_64 rng(17);
  const std::vector<double> levels = {0.0, 0.01, 0.25, 0.5, 0.75, 0.99, 1.0, 1.5, -0.5};
  for (size_t n : {1u, 2u, 3u, 10u, 101u, 5000u}) {
    for (int distinct : {1, 3, 1000000}) {  // all ties, few values, nearly all distinct
      std::uniform_int_distribution<int> value(0, distinct - 1);
      std::vector<double> sample(n);
      for (double& x : sample) x = value(rng) * 0.37 - 11;
      std::vector<double> sorted = sample;
      std::sort(sorted.begin(), sorted.end());
      std::vector<double> selected = sample;
      SelectForQuantiles(selected, levels);
      for (double q : levels) {
        EXPECT_EQ(stats::QuantileLinear(selected, q), stats::QuantileLinear(sorted, q))
            << "n=" << n << " distinct=" << distinct << " q=" << q;
      }
      std::sort(selected.begin(), selected.end());
      EXPECT_EQ(selected, sorted) << "selection must only permute the values";
    }
  }
}

TEST(OrderStatistics, EmptySampleAndNoLevelsAreHarmless) {
  std::vector<double> empty;
  SelectForQuantiles(empty, std::vector<double>{0.5});
  EXPECT_TRUE(empty.empty());
  std::vector<double> values = {3, 1, 2};
  SelectForQuantiles(values, std::vector<double>{});
  std::sort(values.begin(), values.end());
  EXPECT_EQ(values, (std::vector<double>{1, 2, 3}));
}

}  // namespace
}  // namespace airm::slices_internal
