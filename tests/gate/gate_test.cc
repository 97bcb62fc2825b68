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

// Drift from sketches runs no quality checks: verdict.quality is null, and
// the quality alias (a text comparison) fails on it like any undefined value.
TEST(GateTest, QualityNotCheckedFailsTheQualityAlias) {
  const std::string not_checked =
      R"({"verdict": {"quality": null, "quality_note": "not checked"}})";
  auto r = EvaluateGates("quality", not_checked, kAliases);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE((*r)[0].held);
  auto lenient = EvaluateGates("verdict.quality? == fail", not_checked, kAliases);
  ASSERT_TRUE(lenient.ok()) << lenient.status().ToString();
  EXPECT_FALSE((*lenient)[0].held);
}

TEST(GateTest, UndefinedFailsTheGateUnlessTheConditionSaysOtherwise) {
  auto r = EvaluateGates("columns.Income.p_value<0.05", kResult, kAliases);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE((*r)[0].held);
  EXPECT_EQ((*r)[0].observed, "null");
  auto lenient = EvaluateGates("columns.Income.p_value? < 0.05", kResult, kAliases);
  ASSERT_TRUE(lenient.ok()) << lenient.status().ToString();
  EXPECT_FALSE((*lenient)[0].held);
  auto explicit_null = EvaluateGates("columns.Income.p_value==null", kResult, kAliases);
  ASSERT_TRUE(explicit_null.ok());
  EXPECT_TRUE((*explicit_null)[0].held);
  auto defined = EvaluateGates("columns.Age.effect_size==null", kResult, kAliases);
  ASSERT_TRUE(defined.ok());
  EXPECT_FALSE((*defined)[0].held);
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

// Issue 17: a quoted string never matched, so the gate passed silently.
TEST(GateTest, QuotedStringsCompareAsText) {
  for (const char* expr : {R"(verdict.quality=="warn")", "verdict.quality=='warn'",
                           "verdict.quality == warn", R"(verdict.quality != "fail")"}) {
    auto r = EvaluateGates(expr, kResult, kAliases);
    ASSERT_TRUE(r.ok()) << expr << ": " << r.status().ToString();
    EXPECT_TRUE((*r)[0].held) << expr;
  }
  auto no = EvaluateGates(R"(verdict.quality=="fail")", kResult, kAliases);
  ASSERT_TRUE(no.ok());
  EXPECT_FALSE((*no)[0].held);
  // A comma inside quotes is text, not a separator.
  auto comma = EvaluateGates(R"(verdict.quality=="a,b", drift)", kResult, kAliases);
  ASSERT_TRUE(comma.ok()) << comma.status().ToString();
  ASSERT_EQ(comma->size(), 2u);
  EXPECT_FALSE((*comma)[0].held);
}

TEST(GateTest, KeysWithDotsAreQuoted) {
  constexpr const char* kDotted = R"({"columns": [{"name": "a.b", "psi": 0.3}],
                                      "m": {"x.y": 2, "p<q": true}})";
  for (const char* expr :
       {"columns.`a.b`.psi>0.2", R"(columns["a.b"].psi>0.2)", "m.`x.y`==2", R"(m["p<q"])"}) {
    auto r = EvaluateGates(expr, kDotted, {});
    ASSERT_TRUE(r.ok()) << expr << ": " << r.status().ToString();
    EXPECT_TRUE((*r)[0].held) << expr;
  }
  auto unquoted = EvaluateGates("columns.a.b.psi>0.2", kDotted, {});
  ASSERT_FALSE(unquoted.ok());
  EXPECT_NE(unquoted.status().message().find("available here: a.b"), std::string::npos);
}

TEST(GateTest, ArrayElementsByIndex) {
  auto r = EvaluateGates("columns.1.effect_size<0.1", kResult, kAliases);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_TRUE((*r)[0].held);
}

TEST(GateTest, UnreadableExpressionsNameTheirPosition) {
  struct Case {
    const char* expr;
    const char* message;
  };
  for (const Case& c : {Case{"drift, verdict.quality==\"fail", "unterminated"},
                        Case{"verdict.quality=<fail", "at position 16"},
                        Case{"verdict.quality==fail extra", "unexpected text"},
                        Case{"columns.Income.effect_size > 1e400", "out of range"},
                        Case{"columns.[\"x\"]", "expected a path segment"},
                        Case{"verdict.quality < \"fail\"", "cannot be evaluated"},
                        Case{"verdict.input_drift.drifted == 1", "cannot be evaluated"},
                        Case{"columns.Income.effect_size == \"0.25\"", "cannot be evaluated"},
                        Case{"columns.Income", "cannot be evaluated"},
                        Case{"columns.Income.p_value > null", "null compares only"},
                        Case{"drift,,quality", "empty condition at position 7"}}) {
    auto r = EvaluateGates(c.expr, kResult, kAliases);
    ASSERT_FALSE(r.ok()) << c.expr;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << c.expr;
    EXPECT_NE(r.status().message().find(c.message), std::string::npos)
        << c.expr << ": " << r.status().message();
  }
}

// Every condition is parsed before any is evaluated: a typo after a
// condition that holds is still an error, not a gate that failed.
TEST(GateTest, ParsesTheWholeListFirst) {
  auto r = EvaluateGates("drift, verdict.quality=<fail", kResult, kAliases);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace airm

namespace airm {
namespace {

TEST(GateThresholdsTest, NumericComparisonsWithTheirPathsAsWritten) {
  auto t = GateThresholds(
      "drift, columns.x.effect_size > 0.2,metrics.roc_auc.value?<0.75,"
      "verdict.quality==fail, columns.`a<b`.psi>=-1e-3",
      {{"drift", {"verdict.input_drift.drifted"}}});
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  ASSERT_EQ(t->size(), 3u);  // the alias, and the text comparison, draw no line
  EXPECT_EQ((*t)[0].path, "columns.x.effect_size");
  EXPECT_EQ((*t)[0].op, ">");
  EXPECT_DOUBLE_EQ((*t)[0].value, 0.2);
  EXPECT_EQ((*t)[1].path, "metrics.roc_auc.value");
  EXPECT_EQ((*t)[1].op, "<");
  EXPECT_EQ((*t)[2].path, "columns.`a<b`.psi");
  EXPECT_EQ((*t)[2].op, ">=");
  EXPECT_DOUBLE_EQ((*t)[2].value, -1e-3);
  EXPECT_FALSE(GateThresholds("columns.x.psi >", {}).ok());
}

}  // namespace
}  // namespace airm
