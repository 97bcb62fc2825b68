// ReadXgboostFeatureImportance against Python XGBoost's Booster.get_score on
// the bundled credit model (scripts/fixtures/make_model_importance_fixtures.py).
#include "airm/chaos/xgboost_importance.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "model_server.h"

namespace airm::chaos {
namespace {

using testing::CreditModelPath;
using ::testing::HasSubstr;
using testing::SourcePath;

struct Expected {
  std::string feature;
  double total_gain;
  uint64_t splits;
};

std::vector<Expected> LoadFixture() {
  std::ifstream in(SourcePath("tests/fixtures/chaos/credit_model_importance.csv"));
  std::string line;
  std::getline(in, line);  // header
  std::vector<Expected> out;
  while (std::getline(in, line)) {
    std::stringstream fields(line);
    std::string feature, gain, splits;
    std::getline(fields, feature, ',');
    std::getline(fields, gain, ',');
    std::getline(fields, splits, ',');
    out.push_back({feature, std::stod(gain), std::stoull(splits)});
  }
  return out;
}

TEST(XgboostImportance, MatchesPythonGetScoreOnTheCreditModel) {
  const std::vector<Expected> expected = LoadFixture();
  ASSERT_EQ(expected.size(), 26u);
  const auto read = ReadXgboostFeatureImportance(CreditModelPath(), {});
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  ASSERT_EQ(read->size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const XgboostFeatureImportance& got = (*read)[i];
    EXPECT_EQ(got.feature, expected[i].feature);
    // Both sides read the same float32 scores from libxgboost.
    EXPECT_NEAR(got.total_gain, expected[i].total_gain, 1e-6 * expected[i].total_gain)
        << got.feature;
    EXPECT_EQ(got.splits, expected[i].splits) << got.feature;
  }
  // A level never split on is listed with 0, not left out.
  EXPECT_EQ((*read)[1].feature, "Home=ignore");
  EXPECT_EQ((*read)[1].splits, 0u);
}

TEST(XgboostImportance, ModelWithoutFeatureNamesIsRefusedByName) {
  std::ifstream in(CreditModelPath());
  nlohmann::json model = nlohmann::json::parse(in);
  model["learner"]["feature_names"] = nlohmann::json::array();
  model["learner"]["feature_types"] = nlohmann::json::array();
  const std::string path =
      (std::filesystem::temp_directory_path() / "airm_unnamed_model.json").string();
  std::ofstream(path) << model.dump();
  const auto read = ReadXgboostFeatureImportance(path, {});
  ASSERT_FALSE(read.ok());
  EXPECT_EQ(read.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(read.status().message(), HasSubstr("stores no feature names"));
  std::filesystem::remove(path);
}

TEST(XgboostImportance, MissingFileNamesTheFile) {
  const auto read = ReadXgboostFeatureImportance("/nonexistent/model.json", {});
  ASSERT_FALSE(read.ok());
  EXPECT_THAT(read.status().message(), HasSubstr("/nonexistent/model.json"));
}

}  // namespace
}  // namespace airm::chaos
