// AnalyzeFairness: against hand-counted rates and scipy's chi2_contingency on
// the credit data, and the undefined cases.
#include "airm/groups.h"
#include "test_util.h"

namespace airm {
namespace {

using groups_testing::BinaryData;
using groups_testing::IntColumn;
using groups_testing::LoadFixture;
using groups_testing::MakeTable;
using groups_testing::Near;
using groups_testing::TextColumn;
using groups_testing::Texts;

const FairnessResult* Find(const std::vector<FairnessResult>& all, const std::string& attribute) {
  for (const FairnessResult& f : all) {
    if (f.attribute == attribute) return &f;
  }
  return nullptr;
}

TEST(Fairness, MatchesHandCountsAndScipyOnCreditData) {
  const nlohmann::json fx = LoadFixture("fairness.json");
  Table table = MakeTable({TextColumn("Marital", Texts(fx["columns"]["Marital"])),
                           TextColumn("Home", Texts(fx["columns"]["Home"])),
                           IntColumn("Age", fx["columns"]["Age"].get<std::vector<int64_t>>())});
  EvalData data = BinaryData(fx["y_true"].get<std::vector<int32_t>>(),
                             fx["y_pred"].get<std::vector<int32_t>>());
  EvalConfig config;
  config.sensitive_columns = {"Marital", "Home", "Age"};
  config.min_group_rows = fx["min_group_rows"].get<uint64_t>();
  config.segment_bins = fx["bins"].get<int>();
  auto result = AnalyzeFairness(table, data, config);
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  ASSERT_EQ(result->size(), fx["attributes"].size());
  for (const nlohmann::json& e : fx["attributes"]) {
    const std::string attribute = e["attribute"].get<std::string>();
    SCOPED_TRACE(attribute);
    const FairnessResult* f = Find(*result, attribute);
    ASSERT_NE(f, nullptr);
    ASSERT_EQ(f->groups.size(), e["groups"].size());
    for (size_t i = 0; i < f->groups.size(); ++i) {
      const GroupResult& g = f->groups[i];
      const nlohmann::json& eg = e["groups"][i];
      EXPECT_EQ(g.value, eg["value"].get<std::string>());
      EXPECT_EQ(g.rows, eg["rows"].get<uint64_t>());
      for (auto& [name, ev] : eg["metrics"].items()) {
        SCOPED_TRACE(g.value + " " + name);
        const MetricValue& m = g.metrics.at(name);
        if (ev.is_null()) {
          EXPECT_FALSE(m.value.has_value());
          EXPECT_FALSE(m.note.empty());  // undefined always says why
          continue;
        }
        EXPECT_TRUE(Near(m.value, ev["value"]));
        EXPECT_TRUE(Near(m.ci_low, ev["ci_low"]));
        EXPECT_TRUE(Near(m.ci_high, ev["ci_high"]));
        EXPECT_EQ(m.ci_method, "wilson");
      }
    }
    for (auto& [name, ev] : e["disparities"].items()) {
      EXPECT_TRUE(Near(f->disparities.at(name).value, ev)) << name;
    }
    EXPECT_EQ(f->four_fifths_rule_passed, e["four_fifths_rule_passed"].get<bool>());
    if (e["tests"]["chi2"].is_null()) {
      EXPECT_FALSE(f->errors_independent_chi2.p_value.has_value());
    } else {
      EXPECT_TRUE(Near(f->errors_independent_chi2.statistic, e["tests"]["chi2"]["statistic"]));
      EXPECT_TRUE(Near(f->errors_independent_chi2.p_value, e["tests"]["chi2"]["p_value"]));
      EXPECT_TRUE(Near(f->errors_independent_g.statistic, e["tests"]["g"]["statistic"]));
      EXPECT_TRUE(Near(f->errors_independent_g.p_value, e["tests"]["g"]["p_value"]));
      const bool systematic = e["tests"]["chi2"]["p_value"].get<double>() < 0.05;
      EXPECT_EQ(f->verdict.find("concentrated") != std::string::npos, systematic) << f->verdict;
    }
  }
  // Small groups are named in the disparity notes.
  const FairnessResult* marital = Find(*result, "Marital");
  EXPECT_NE(
      marital->disparities.at("demographic_parity_difference").note.find("'divorced' (7 rows)"),
      std::string::npos)
      << marital->disparities.at("demographic_parity_difference").note;
}

// Groups: "a" 4 rows with no actual positives, "b" 4 rows mixed, "c" 4 rows
// mixed, "d" a single row, and one row with a missing attribute.
struct EdgeCase {
  Table table;
  EvalData data;
  EvalConfig config;
};

EdgeCase MakeEdgeCase() {
  EdgeCase c;
  c.table = MakeTable({TextColumn(
      "g", {"a", "a", "a", "a", "b", "b", "b", "b", "c", "c", "c", "c", "d", std::nullopt})});
  c.data = BinaryData({0, 0, 0, 0, 1, 1, 0, 0, 1, 0, 1, 0, 1, 0},
                      {1, 0, 0, 0, 1, 0, 0, 1, 1, 1, 1, 0, 1, 0});
  c.config.sensitive_columns = {"g"};
  c.config.min_group_rows = 2;
  return c;
}

TEST(Fairness, GroupWithoutPositivesIsUndefinedNotZero) {
  EdgeCase c = MakeEdgeCase();
  auto r = AnalyzeFairness(c.table, c.data, c.config);
  ASSERT_TRUE(r.ok());
  const FairnessResult& f = (*r)[0];
  ASSERT_EQ(f.groups.size(), 5u);
  EXPECT_EQ(f.groups[0].value, "a");
  EXPECT_FALSE(f.groups[0].metrics.at("tpr").value.has_value());
  EXPECT_FALSE(f.groups[0].metrics.at("fnr").value.has_value());
  EXPECT_NE(f.groups[0].metrics.at("tpr").note.find("insufficient evidence"), std::string::npos);
  EXPECT_DOUBLE_EQ(*f.groups[0].metrics.at("fpr").value, 0.25);
  // TPR: b = 1/2, c = 2/2; "a" is excluded (were it 0, the gap would be 1).
  const MetricValue& eo = f.disparities.at("equal_opportunity_difference");
  ASSERT_TRUE(eo.value.has_value());
  EXPECT_DOUBLE_EQ(*eo.value, 0.5);
  EXPECT_NE(eo.note.find("'a' left out"), std::string::npos) << eo.note;
  // One-row groups ("d", the missing one) are below min_group_rows = 2.
  EXPECT_NE(eo.note.find("'d' (1 rows)"), std::string::npos) << eo.note;
  EXPECT_NE(eo.note.find("'(missing)' (1 rows)"), std::string::npos) << eo.note;
  EXPECT_EQ(f.groups[4].value, "(missing)");
  // Selection rates: a 1/4, b 2/4, c 3/4.
  EXPECT_DOUBLE_EQ(*f.disparities.at("demographic_parity_difference").value, 0.5);
  EXPECT_DOUBLE_EQ(*f.disparities.at("disparate_impact").value, 1.0 / 3.0);
  EXPECT_FALSE(f.four_fifths_rule_passed);
  // FPR: a 1/4, b 1/2, c 1/2 -> gap 0.25; equalized odds = max(0.5, 0.25).
  EXPECT_DOUBLE_EQ(*f.disparities.at("equalized_odds_difference").value, 0.5);
}

TEST(Fairness, OneGroupWithPositivesLeavesTheGapUndefined) {
  EdgeCase c = MakeEdgeCase();
  c.config.min_group_rows = 4;                                 // only a, b, c qualify
  c.data.y_true = {0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 1, 0};  // only b has positives
  auto r = AnalyzeFairness(c.table, c.data, c.config);
  ASSERT_TRUE(r.ok());
  const FairnessResult& f = (*r)[0];
  EXPECT_FALSE(f.disparities.at("equal_opportunity_difference").value.has_value());
  EXPECT_FALSE(f.disparities.at("equalized_odds_difference").value.has_value());
  EXPECT_NE(f.disparities.at("equalized_odds_difference").note.find("TPR gap is undefined"),
            std::string::npos);
  EXPECT_TRUE(f.disparities.at("demographic_parity_difference").value.has_value());
}

TEST(Fairness, AllPredictionsEqual) {
  EdgeCase c = MakeEdgeCase();
  c.data.y_pred.assign(c.data.y_pred.size(), 0);
  auto r = AnalyzeFairness(c.table, c.data, c.config);
  ASSERT_TRUE(r.ok());
  const FairnessResult& f = (*r)[0];
  EXPECT_DOUBLE_EQ(*f.disparities.at("demographic_parity_difference").value, 0.0);
  // 0 / 0: nobody is selected, so the ratio says nothing.
  EXPECT_FALSE(f.disparities.at("demographic_parity_ratio").value.has_value());
  EXPECT_FALSE(f.disparities.at("disparate_impact").value.has_value());
  EXPECT_FALSE(f.four_fifths_rule_passed);
  EXPECT_FALSE(f.groups[1].metrics.at("precision").value.has_value());
}

TEST(Fairness, PerfectModelHasNoIndependenceTest) {
  EdgeCase c = MakeEdgeCase();
  c.data.y_pred = c.data.y_true;
  auto r = AnalyzeFairness(c.table, c.data, c.config);
  ASSERT_TRUE(r.ok());
  const FairnessResult& f = (*r)[0];
  EXPECT_FALSE(f.errors_independent_chi2.p_value.has_value());
  EXPECT_NE(f.verdict.find("no verdict"), std::string::npos) << f.verdict;
}

TEST(Fairness, IntersectionsKeepEmptyGroups) {
  Table t =
      MakeTable({TextColumn("a", {"x", "x", "y", "y"}), TextColumn("b", {"p", "p", "q", "q"})});
  EvalData d = BinaryData({0, 1, 0, 1}, {0, 1, 1, 1});
  EvalConfig config;
  config.sensitive_columns = {"a", "b"};
  config.min_group_rows = 1;
  auto r = AnalyzeFairness(t, d, config);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  const FairnessResult& both = (*r)[2];
  EXPECT_EQ(both.attribute, "a & b");
  ASSERT_EQ(both.groups.size(), 4u);
  EXPECT_EQ(both.groups[1].value, "x & q");
  EXPECT_EQ(both.groups[1].rows, 0u);
  EXPECT_FALSE(both.groups[1].metrics.at("selection_rate").value.has_value());
  // Disparities use the two non-empty groups only: SR 1/2 vs 2/2.
  EXPECT_DOUBLE_EQ(*both.disparities.at("demographic_parity_difference").value, 0.5);
}

TEST(Fairness, MulticlassHasErrorRatesButNoPositiveClassDisparities) {
  Table t = MakeTable({TextColumn("g", {"a", "a", "a", "b", "b", "b"})});
  EvalData d;
  d.task = TaskType::kMulticlass;
  d.classes = {"x", "y", "z"};
  d.y_true = {0, 1, 2, 0, 1, 2};
  d.y_pred = {0, 1, 2, 1, 1, 0};
  d.source_rows = {0, 1, 2, 3, 4, 5};
  EvalConfig config;
  config.sensitive_columns = {"g"};
  config.min_group_rows = 1;
  auto r = AnalyzeFairness(t, d, config);
  ASSERT_TRUE(r.ok());
  const FairnessResult& f = (*r)[0];
  EXPECT_DOUBLE_EQ(*f.groups[0].metrics.at("error_rate").value, 0.0);
  EXPECT_DOUBLE_EQ(*f.groups[1].metrics.at("error_rate").value, 2.0 / 3.0);
  EXPECT_DOUBLE_EQ(*f.disparities.at("error_rate_difference").value, 2.0 / 3.0);
  EXPECT_FALSE(f.disparities.at("demographic_parity_difference").value.has_value());
  EXPECT_NE(f.disparities.at("demographic_parity_difference").note.find("multiclass"),
            std::string::npos);
  EXPECT_TRUE(f.errors_independent_chi2.p_value.has_value());
}

TEST(Fairness, UnknownSensitiveColumn) {
  EdgeCase c = MakeEdgeCase();
  c.config.sensitive_columns = {"zzz"};
  auto r = AnalyzeFairness(c.table, c.data, c.config);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(r.status().message().find("--sensitive zzz"), std::string::npos);
}

}  // namespace
}  // namespace airm
