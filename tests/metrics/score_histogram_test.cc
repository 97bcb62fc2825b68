// ScoreHistogram: ROC AUC of bins against the exact Mann-Whitney AUC, within
// the stated bound; sums that add up over parts.
#include "airm/score_histogram.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <vector>

namespace airm {
namespace {

using ::testing::HasSubstr;

// The exact AUC: P(score of a positive > score of a negative) + ties / 2.
double ExactAuc(const std::vector<double>& pos, const std::vector<double>& neg) {
  double wins = 0;
  for (double p : pos) {
    for (double n : neg) wins += p > n ? 1.0 : p == n ? 0.5 : 0.0;
  }
  return wins / static_cast<double>(pos.size() * neg.size());
}

TEST(ScoreHistogramTest, PairsInOneBinCountHalfAndTheBoundCoversThem) {
  const double width = 1.0 / ScoreHistogram::kBins;
  // 0.5 and 0.5 + width/4 share a bin: the positive ranks above the negative
  // there, the bins count the pair as a tie.
  const std::vector<double> pos = {0.9, 0.5 + width / 4};
  const std::vector<double> neg = {0.5, 0.1};
  ScoreHistogram h;
  for (double p : pos) h.Add(p, true);
  for (double n : neg) h.Add(n, false);
  auto auc = AucOfBins(h);
  ASSERT_TRUE(auc.has_value());
  EXPECT_DOUBLE_EQ(ExactAuc(pos, neg), 1.0);
  EXPECT_DOUBLE_EQ(auc->value, 3.5 / 4);
  EXPECT_DOUBLE_EQ(auc->max_error, 0.5 / 4);
  EXPECT_LE(ExactAuc(pos, neg) - auc->value, auc->max_error);
}

TEST(ScoreHistogramTest, PartsAddUpToTheWhole) {
  const std::vector<std::pair<double, bool>> rows = {{0.0, false}, {1.0, true},  {0.3, true},
                                                     {0.7, false}, {0.3, false}, {0.99, true}};
  ScoreHistogram whole, first, second;
  for (size_t i = 0; i < rows.size(); ++i) {
    whole.Add(rows[i].first, rows[i].second);
    (i < 2 ? first : second).Add(rows[i].first, rows[i].second);
  }
  ScoreHistogram merged;
  merged += first;
  merged += second;
  EXPECT_EQ(merged.positives, whole.positives);
  EXPECT_EQ(merged.negatives, whole.negatives);
  EXPECT_EQ(merged.rows, 6u);
  EXPECT_NEAR(merged.brier_sum, whole.brier_sum, 1e-15);
  // 1.0 lands in the last bin, 0.0 in the first.
  EXPECT_EQ(whole.positives.back(), 1u);
  EXPECT_EQ(whole.negatives.front(), 1u);
  const MetricMap m = MetricsFromScores(merged);
  // (0-0)^2 + (1-1)^2 + 0.7^2 + 0.7^2 + 0.3^2 + 0.01^2 over 6 rows.
  EXPECT_NEAR(*m.at("brier").value, (0.49 + 0.49 + 0.09 + 0.0001) / 6, 1e-15);
  EXPECT_THAT(m.at("roc_auc").note, HasSubstr("of the exact ROC AUC"));
  // Exact here: the positive and negative at 0.3 tie in both.
  EXPECT_NEAR(*m.at("roc_auc").value, ExactAuc({1.0, 0.3, 0.99}, {0.0, 0.7, 0.3}), 1e-15);
}

TEST(ScoreHistogramTest, OneClassOrNoRowsIsUndefined) {
  ScoreHistogram none;
  EXPECT_EQ(MetricsFromScores(none).at("log_loss").note, "undefined: no rows");
  ScoreHistogram positives;
  positives.Add(0.4, true);
  const MetricMap m = MetricsFromScores(positives);
  EXPECT_FALSE(m.at("roc_auc").value.has_value());
  EXPECT_EQ(m.at("roc_auc").note, "undefined: no actual negatives");
  EXPECT_TRUE(m.at("log_loss").value.has_value());
}

}  // namespace
}  // namespace airm
