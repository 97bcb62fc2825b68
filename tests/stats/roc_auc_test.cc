// stats::RocAuc and stats::RocAucOfAscending against sklearn.metrics.roc_auc_score (fixture made by
// scripts/fixtures/make_domain_fixtures.py), plus its undefined cases.
#include "airm/stats/roc_auc.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <numeric>
#include <vector>

namespace airm::stats {
namespace {

TEST(RocAucTest, MatchesSklearnIncludingTies) {
  std::ifstream in(std::string(AIRM_LEARN_FIXTURE_DIR) + "/roc_auc_cases.json");
  ASSERT_TRUE(in) << "missing fixture roc_auc_cases.json";
  const nlohmann::json fixture = nlohmann::json::parse(in);
  ASSERT_GE(fixture["cases"].size(), 8u);
  for (const auto& c : fixture["cases"]) {
    const auto scores = c["scores"].get<std::vector<double>>();
    std::vector<uint8_t> labels;
    for (int l : c["labels"].get<std::vector<int>>()) labels.push_back(static_cast<uint8_t>(l));
    const std::optional<double> auc = RocAuc(scores, labels);
    ASSERT_TRUE(auc.has_value()) << c["name"];
    // Both sides sum at most ~1e6 half-integer ranks exactly in double; the
    // only rounding is the final division, so agreement is to a few ulps.
    EXPECT_NEAR(*auc, c["auc"].get<double>(), 1e-12) << c["name"];
  }
}

TEST(RocAucTest, TieBetweenClassesCountsHalf) {
  const std::vector<double> scores = {0.5, 0.5};
  const std::vector<uint8_t> labels = {0, 1};
  EXPECT_EQ(RocAuc(scores, labels), 0.5);
  const std::vector<double> scores3 = {0.2, 0.5, 0.5};
  const std::vector<uint8_t> labels3 = {0, 0, 1};
  // Positive beats 0.2 (1) and ties 0.5 (0.5): (1 + 0.5) / 2.
  EXPECT_EQ(RocAuc(scores3, labels3), 0.75);
}

TEST(RocAucTest, UndefinedCases) {
  const std::vector<double> scores = {0.1, 0.2, 0.3};
  EXPECT_FALSE(RocAuc(scores, std::vector<uint8_t>{1, 1, 1}).has_value()) << "no negatives";
  EXPECT_FALSE(RocAuc(scores, std::vector<uint8_t>{0, 0, 0}).has_value()) << "no positives";
  EXPECT_FALSE(RocAuc(scores, std::vector<uint8_t>{0, 1}).has_value()) << "length mismatch";
  EXPECT_FALSE(RocAuc(scores, std::vector<uint8_t>{0, 2, 1}).has_value()) << "label not 0/1";
  EXPECT_FALSE(RocAuc(std::vector<double>{0.1, std::nan(""), 0.3}, std::vector<uint8_t>{0, 1, 1})
                   .has_value())
      << "NaN score";
  EXPECT_FALSE(RocAuc(std::vector<double>{}, std::vector<uint8_t>{}).has_value()) << "empty";
}

// The sorted, weighted walk (eval, chaos) and the rank-sum form (learn) are one
// AUC: with unit weights every partial sum is exact, so they agree to the bit.
TEST(RocAucTest, AscendingWalkEqualsRankSumBitForBit) {
  std::ifstream in(std::string(AIRM_LEARN_FIXTURE_DIR) + "/roc_auc_cases.json");
  ASSERT_TRUE(in) << "missing fixture roc_auc_cases.json";
  const nlohmann::json fixture = nlohmann::json::parse(in);
  for (const auto& c : fixture["cases"]) {
    const auto scores = c["scores"].get<std::vector<double>>();
    std::vector<uint8_t> labels;
    for (int l : c["labels"].get<std::vector<int>>()) labels.push_back(static_cast<uint8_t>(l));
    std::vector<size_t> order(scores.size());
    std::iota(order.begin(), order.end(), size_t{0});
    std::sort(order.begin(), order.end(),
              [&](size_t a, size_t b) { return scores[a] < scores[b]; });
    const auto score_at = [&](size_t i) { return scores[order[i]]; };
    const std::optional<double> walked = RocAucOfAscending(
        scores.size(), TieGroupEnd(scores.size(), score_at),
        [&](size_t i) { return labels[order[i]] == 1; }, [](size_t) { return 1.0; });
    ASSERT_TRUE(walked.has_value()) << c["name"];
    EXPECT_EQ(*walked, *RocAuc(scores, labels)) << c["name"];
  }
}

TEST(RocAucTest, AscendingWalkWeightIsRepetition) {
  // Scores 0.1 (neg, w 2), 0.4 (pos, w 1), 0.4 (neg, w 3), 0.9 (pos, w 2) equal
  // the unweighted rows repeated that often.
  const std::vector<double> s = {0.1, 0.4, 0.4, 0.9};
  const std::vector<uint8_t> y = {0, 1, 0, 1};
  const std::vector<double> w = {2, 1, 3, 2};
  const auto walked = RocAucOfAscending(
      s.size(), TieGroupEnd(s.size(), [&](size_t i) { return s[i]; }),
      [&](size_t i) { return y[i] == 1; }, [&](size_t i) { return w[i]; });
  const std::vector<double> rs = {0.1, 0.1, 0.4, 0.4, 0.4, 0.4, 0.9, 0.9};
  const std::vector<uint8_t> ry = {0, 0, 1, 0, 0, 0, 1, 1};
  ASSERT_TRUE(walked.has_value());
  EXPECT_EQ(*walked, *RocAuc(rs, ry));
  // Positive 0.4: 2 below + 3 tied / 2 = 3.5; positives 0.9: 5 each -> (3.5 + 10) / (3 * 5).
  EXPECT_EQ(*walked, 13.5 / 15);
  EXPECT_FALSE(RocAucOfAscending(
                   s.size(), TieGroupEnd(s.size(), [&](size_t i) { return s[i]; }),
                   [&](size_t i) { return y[i] == 1; },
                   [&](size_t i) { return y[i] == 1 ? w[i] : 0.0; })
                   .has_value())
      << "no negative weight";
}

}  // namespace
}  // namespace airm::stats
