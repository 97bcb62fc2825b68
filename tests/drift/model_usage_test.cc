// AttachModelUsage: model features matched to drift columns by name, one-hot
// dummies summed into their column, shares of the model's total gain.
#include "airm/model_usage.h"

#include <gtest/gtest.h>

#include <vector>

namespace airm {
namespace {

ColumnDrift Column(const std::string& name, ColumnRole role = ColumnRole::kFeature) {
  ColumnDrift c;
  c.name = name;
  c.role = role;
  return c;
}

DriftResult SampleResult() {
  DriftResult r;
  r.input_columns = {Column("Age"), Column("Home"), Column("Income"), Column("a=b")};
  r.output_columns = {Column("score", ColumnRole::kScore)};
  SegmentDrift segment;
  segment.column = "Home";
  segment.value = "rent";
  segment.columns = {Column("Age")};
  r.segments.push_back(segment);
  r.findings = {MakeFinding(Severity::kWarn, "drift.inputs", "Age", "Age drifted"),
                MakeFinding(Severity::kFail, "drift.dataset", "inputs", "inputs drifted")};
  return r;
}

TEST(ModelUsage, DummiesSumIntoTheirColumnAndSharesUseTheModelsTotalGain) {
  DriftResult r = SampleResult();
  const std::vector<ModelFeatureScore> features = {{"Age", 3, 5},      {"Home=rent", 1, 2},
                                                   {"Home=own", 2, 1}, {"Unknown", 3, 4},
                                                   {"a=b=1", 1, 1},    {"Home=never", 0, 0}};
  AttachModelUsage("xgboost:model.json", features, &r);
  ASSERT_TRUE(r.model.has_value());
  EXPECT_EQ(r.model->source, "xgboost:model.json");
  EXPECT_EQ(r.model->features, 6u);
  EXPECT_EQ(r.model->unmatched_features, std::vector<std::string>{"Unknown"});

  ASSERT_TRUE(r.input_columns[0].model_use.has_value());
  EXPECT_DOUBLE_EQ(r.input_columns[0].model_use->gain_share, 0.3);  // 3 of 10
  EXPECT_EQ(r.input_columns[0].model_use->splits, 5u);
  EXPECT_DOUBLE_EQ(r.input_columns[1].model_use->gain_share, 0.3);  // 1 + 2 + 0
  EXPECT_DOUBLE_EQ(r.input_columns[1].model_use->total_gain, 3.0);
  EXPECT_EQ(r.input_columns[1].model_use->splits, 3u);
  // Not read by the model: 0, not unknown.
  ASSERT_TRUE(r.input_columns[2].model_use.has_value());
  EXPECT_EQ(r.input_columns[2].model_use->gain_share, 0.0);
  EXPECT_EQ(r.input_columns[2].model_use->splits, 0u);
  // A column whose name holds '=' still collects its dummies.
  EXPECT_DOUBLE_EQ(r.input_columns[3].model_use->gain_share, 0.1);
  // Outputs are not model inputs.
  EXPECT_FALSE(r.output_columns[0].model_use.has_value());
  ASSERT_TRUE(r.segments[0].columns[0].model_use.has_value());
  EXPECT_DOUBLE_EQ(r.segments[0].columns[0].model_use->gain_share, 0.3);
  // Column findings carry the share as evidence; others do not.
  EXPECT_DOUBLE_EQ(r.findings[0].evidence.at("model_gain_share"), 0.3);
  EXPECT_EQ(r.findings[1].evidence.count("model_gain_share"), 0u);
}

TEST(ModelUsage, AModelWithoutSplitsGivesEveryColumnZero) {
  DriftResult r = SampleResult();
  const std::vector<ModelFeatureScore> features = {{"Age", 0, 0}};
  AttachModelUsage("xgboost:stump.json", features, &r);
  ASSERT_TRUE(r.input_columns[0].model_use.has_value());
  EXPECT_EQ(r.input_columns[0].model_use->gain_share, 0.0);
}

}  // namespace
}  // namespace airm
