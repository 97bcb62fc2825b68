// airm::RocAuc against sklearn.metrics.roc_auc_score (fixture made by
// scripts/fixtures/make_domain_fixtures.py), plus its undefined cases.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <nlohmann/json.hpp>
#include <vector>

#include "airm/domain_classifier.h"

namespace airm {
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

}  // namespace
}  // namespace airm
