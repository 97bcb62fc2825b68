#include "airm/gate.h"

#include <gtest/gtest.h>

namespace airm {
namespace {

constexpr const char* kResult = R"({
  "verdict": {"input_drift": {"drifted": true, "columns_drifted": 3}, "quality": "warn"},
  "columns": [{"name": "Income", "effect_size": 0.25, "p_value": null},
              {"name": "Age", "effect_size": 0.05}]
})";

const GateAliases kAliases = {{"drift", {"verdict.input_drift.drifted"}},
                              {"quality", {"verdict.quality==fail"}}};

TEST(GateTest, NumericComparisonsAndNamedArrayElements) {
  auto r = EvaluateGates("columns.Income.effect_size>0.2, columns.Age.effect_size>=0.1", kResult,
                         kAliases);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 2u);
  EXPECT_TRUE((*r)[0].held);
  EXPECT_FALSE((*r)[1].held);
  EXPECT_EQ((*r)[0].observed, "0.25");
  EXPECT_TRUE(AnyGateHeld(*r));
}

TEST(GateTest, AliasesBooleansAndStrings) {
  auto r = EvaluateGates("drift,quality", kResult, kAliases);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)[0].held);
  EXPECT_FALSE((*r)[1].held);
  auto w = EvaluateGates("verdict.quality==warn", kResult, kAliases);
  ASSERT_TRUE(w.ok());
  EXPECT_TRUE((*w)[0].held);
}

TEST(GateTest, NullNeverSatisfiesAComparison) {
  auto r = EvaluateGates("columns.Income.p_value<0.05", kResult, kAliases);
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE((*r)[0].held);
  EXPECT_EQ((*r)[0].observed, "null");
}

TEST(GateTest, UnknownPathIsAUsageErrorListingAlternatives) {
  auto r = EvaluateGates("columns.Salary.effect_size>0.1", kResult, kAliases);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("available here: Income, Age"), std::string::npos)
      << r.status().message();
}

TEST(GateTest, MalformedConditionsAreUsageErrors) {
  EXPECT_EQ(EvaluateGates("drift,,quality", kResult, kAliases).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateGates("columns.Income.effect_size>", kResult, kAliases).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateGates("verdict.input_drift.columns_drifted", kResult, kAliases).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(EvaluateGates("verdict.quality>3", kResult, kAliases).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace airm
