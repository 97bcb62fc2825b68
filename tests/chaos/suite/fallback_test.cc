// Fallback policies: the grammar, its errors, and what each serves.
#include <gtest/gtest.h>

#include <cmath>

#include "airm/chaos/chaos.h"

namespace airm::chaos {
namespace {

Batch Rows() {
  Batch b;
  b.columns = {"Income", "Home"};
  b.rows = {{100.0, std::string("rent")},
            {250.0, std::string("own")},
            {std::monostate{}, std::string("rent")},
            {std::string("n/a"), std::string("rent")},
            {std::nan(""), std::string("own")}};
  return b;
}

std::vector<double> Scores(const std::string& spec) {
  auto adapter = MakeFallbackAdapter(spec, AdapterOptions{});
  EXPECT_TRUE(adapter.ok()) << adapter.status().ToString();
  PredictOutcome o = (*adapter)->Predict(Rows());
  EXPECT_TRUE(o.ok());
  return o.scores;
}

TEST(FallbackTest, ConstantServesEveryRow) {
  EXPECT_EQ(Scores("const:0.25"), std::vector<double>(5, 0.25));
  auto adapter = MakeFallbackAdapter("const:0.25", AdapterOptions{});
  EXPECT_EQ((*adapter)->Describe(), "constant 0.25");
  EXPECT_TRUE((*adapter)->IsLocal());
  Batch empty;
  EXPECT_TRUE((*adapter)->Predict(empty).scores.empty());
}

TEST(FallbackTest, RuleUsesOneFeatureAndTheElseBranchForMissing) {
  EXPECT_EQ(Scores("rule:Income<=200?0.1:0.7"), (std::vector<double>{0.1, 0.7, 0.7, 0.7, 0.7}));
  EXPECT_EQ(Scores("rule:Income<100?0.1:0.7"), (std::vector<double>{0.7, 0.7, 0.7, 0.7, 0.7}));
  EXPECT_EQ(Scores("rule:Income>=250?1:0"), (std::vector<double>{0, 1, 0, 0, 0}));
  EXPECT_EQ(Scores("rule:Income>100?0.9:0.2"), (std::vector<double>{0.2, 0.9, 0.2, 0.2, 0.2}));
  // An absent feature: every row takes B.
  EXPECT_EQ(Scores("rule:Debt<=1?0.1:0.3"), std::vector<double>(5, 0.3));
}

TEST(FallbackTest, MalformedSpecsAreUsageErrors) {
  for (const char* spec : {"const:", "const:abc", "const:inf", "rule:Income<=x?0:1",
                           "rule:Income?0:1", "rule:<=3?0:1", "rule:Income<=3?0", "nope:1"}) {
    auto adapter = MakeFallbackAdapter(spec, AdapterOptions{});
    ASSERT_FALSE(adapter.ok()) << spec;
    EXPECT_EQ(adapter.status().code(), StatusCode::kInvalidArgument) << spec;
  }
  auto bad = MakeFallbackAdapter("rule:Income<=3?0:oops", AdapterOptions{});
  EXPECT_NE(bad.status().message().find("value 'oops' is not a finite number"), std::string::npos)
      << bad.status().message();
}

TEST(FallbackTest, AnythingElseIsAModelSpec) {
  auto adapter = MakeFallbackAdapter(
      "xgboost:" + std::string(AIRM_SOURCE_DIR) + "/examples/credit/model.json", AdapterOptions{});
  ASSERT_TRUE(adapter.ok()) << adapter.status().ToString();
  EXPECT_NE((*adapter)->Describe().find("XGBoost"), std::string::npos);
}

}  // namespace
}  // namespace airm::chaos
