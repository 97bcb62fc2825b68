// The evaluation JSON document: gate paths exist where docs say, undefined
// numbers are null (never NaN), user data survives verbatim, and the
// document conforms to docs/schemas/evaluation.v1.json.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "airm/eval_result.h"
#include "airm/report.h"
#include "eval_sample.h"
#include "mini_schema.h"

namespace airm {
namespace {

using nlohmann::json;

json Render(const EvalResult& r) {
  return json::parse(RenderEvalJson(r, testing::SampleEvalMeta()));
}

// Resolves a dotted gate path ("fairness.afam.demographic_parity_ratio").
const json* AtPath(const json& doc, const std::vector<std::string>& path) {
  const json* at = &doc;
  for (const std::string& key : path) {
    if (!at->is_object() || !at->contains(key)) return nullptr;
    at = &(*at)[key];
  }
  return at;
}

TEST(EvalJsonTest, HeaderAndOrder) {
  const std::string text = RenderEvalJson(testing::SampleBinaryEval(), testing::SampleEvalMeta());
  EXPECT_EQ(text.rfind("{\n  \"kind\": \"evaluation_report\",\n  \"schema_version\": \"1.0\"", 0),
            0u);
  EXPECT_EQ(text.back(), '\n');
  const json doc = json::parse(text);
  EXPECT_EQ(doc["airm_version"], "0.3.0-test");
  EXPECT_EQ(doc["command"], testing::SampleEvalMeta().command_line);
  EXPECT_EQ(doc["inputs"]["data"]["path"], "data/scored & new.csv");
  EXPECT_EQ(doc["inputs"]["reference"]["rows"], 3000);
  EXPECT_EQ(doc["task"], "binary");
  EXPECT_EQ(doc["positive_label"], "bad");
  EXPECT_EQ(doc["threshold"], 0.5);
  EXPECT_EQ(doc["rows_used"], 4454);
  EXPECT_EQ(doc["rows_excluded"], 12);
  EXPECT_EQ(doc["config"]["confirm_holdout"], true);
  EXPECT_EQ(doc["config"]["sensitive_columns"][1], testing::kEvalScriptName);
  // nlohmann::json sorts keys when parsing; check the documented order on the text.
  size_t last = 0;
  for (const char* key :
       {"\"inputs\"", "\"config\"", "\"task\"", "\"metrics\"", "\"segments\"", "\"slices\"",
        "\"worst_case\"", "\"fairness\"", "\"calibration\"", "\"tail\"", "\"findings\""}) {
    const size_t at = text.find(std::string("\n  ") + key);
    ASSERT_NE(at, std::string::npos) << key;
    EXPECT_GT(at, last) << key;
    last = at;
  }
}

TEST(EvalJsonTest, GatePathsResolveToNumbers) {
  const json doc = Render(testing::SampleBinaryEval());
  const json* worst = AtPath(doc, {"worst_case", "accuracy"});
  ASSERT_NE(worst, nullptr);
  EXPECT_DOUBLE_EQ(worst->get<double>(), 0.52);
  const json* dp = AtPath(doc, {"fairness", "afam", "demographic_parity_ratio"});
  ASSERT_NE(dp, nullptr);
  EXPECT_DOUBLE_EQ(dp->get<double>(), 0.6);
  const json* ece = AtPath(doc, {"calibration", "ece"});
  ASSERT_NE(ece, nullptr);
  EXPECT_DOUBLE_EQ(ece->get<double>(), 0.034);
  const json* acc = AtPath(doc, {"metrics", "accuracy", "value"});
  ASSERT_NE(acc, nullptr);
  EXPECT_DOUBLE_EQ(acc->get<double>(), 0.81);
  // The flattened views repeat the full structures, they do not replace them.
  EXPECT_DOUBLE_EQ(doc["worst_case"]["metrics"]["accuracy"]["ci_low"].get<double>(), 0.49);
  EXPECT_EQ(doc["worst_case"]["slice"], "Home = rent & Job = partime");
  EXPECT_EQ(doc["fairness"]["afam"]["disparities"]["disparate_impact"]["ci_method"], "bootstrap");
  // Undefined disparity: null in the flat view, with its reason in the full one.
  EXPECT_TRUE(doc["fairness"]["afam"]["equalized_odds_difference"].is_null());
  EXPECT_EQ(doc["fairness"]["afam"]["disparities"]["equalized_odds_difference"]["note"],
            "insufficient evidence: group yes has no positives");
}

TEST(EvalJsonTest, SectionsCarryEveryField) {
  const json doc = Render(testing::SampleBinaryEval());
  const json& m = doc["metrics"]["roc_auc"];
  EXPECT_DOUBLE_EQ(m["value"].get<double>(), 0.86);
  EXPECT_EQ(m["ci_method"], "delong");
  EXPECT_EQ(m["note"], "");

  ASSERT_EQ(doc["segments"].size(), 4u);
  EXPECT_EQ(doc["segments"][2]["sufficient"], false);
  EXPECT_EQ(doc["segments"][3]["column"], "Home & Job");
  EXPECT_TRUE(doc["segments"][3]["metrics"]["roc_auc"]["value"].is_null());
  EXPECT_TRUE(doc["segments"][3]["metrics"]["roc_auc"]["ci_method"].is_null());

  ASSERT_EQ(doc["slices"].size(), 3u);
  const json& s0 = doc["slices"][0];
  EXPECT_EQ(s0["name"], "Home = rent & Job = partime");
  EXPECT_EQ(s0["predicates"][1], json({{"column", "Job"}, {"op", "=="}, {"value", "partime"}}));
  EXPECT_EQ(s0["rows"], 240);
  EXPECT_EQ(s0["significant"], true);
  EXPECT_EQ(s0["confirmed"], true);
  EXPECT_EQ(doc["slices"][1]["confirmed"], false);
  EXPECT_EQ(doc["slices"][1]["name"], "Age in [18, 25)");
  EXPECT_EQ(doc["slices"][2]["name"], "Income is missing");
  EXPECT_TRUE(doc["slices"][2]["confirmed"].is_null());
  EXPECT_TRUE(doc["slices"][2]["lift"].is_null());

  const json& afam = doc["fairness"]["afam"];
  EXPECT_EQ(afam["attribute"], "afam");
  EXPECT_EQ(afam["groups"][1]["name"], "yes");
  EXPECT_EQ(afam["groups"][1]["rows"], 554);
  EXPECT_TRUE(afam["groups"][1]["metrics"]["tpr"]["value"].is_null());
  EXPECT_EQ(afam["four_fifths_rule_passed"], false);
  EXPECT_DOUBLE_EQ(afam["errors_independent"]["chi2"]["p_value"].get<double>(), 0.0002);
  EXPECT_DOUBLE_EQ(afam["errors_independent"]["g_test"]["statistic"].get<double>(), 13.9);
  EXPECT_EQ(afam["verdict"], "errors are concentrated in some groups (systematic)");

  const json& cal = doc["calibration"];
  EXPECT_EQ(cal["available"], true);
  ASSERT_EQ(cal["bins"].size(), 10u);
  EXPECT_EQ(cal["bins"][0]["count"], 1200);
  EXPECT_TRUE(cal["bins"][8]["mean_predicted"].is_null());
  EXPECT_EQ(cal["bins"][8]["count"], 0);
  EXPECT_DOUBLE_EQ(cal["brier_decomposition"]["resolution"].get<double>(), 0.05);
  EXPECT_TRUE(cal["classwise_ece"].is_null());
  EXPECT_TRUE(cal["ece_by_segment"]["Home=<b>ignore</b>"].is_null());
  EXPECT_DOUBLE_EQ(cal["ece_by_segment"]["Home=rent"].get<double>(), 0.09);

  EXPECT_EQ(doc["tail"]["tail_rows"], 223);
  EXPECT_DOUBLE_EQ(doc["tail"]["cvar_loss"].get<double>(), 2.31);
  EXPECT_EQ(doc["tail"]["loss_name"], "log_loss");
  EXPECT_DOUBLE_EQ(doc["tail"]["tail_metrics"]["accuracy"]["value"].get<double>(), 0.61);

  ASSERT_EQ(doc["findings"].size(), 3u);
  EXPECT_EQ(doc["findings"][1]["severity"], "fail");
  EXPECT_TRUE(doc["findings"][1]["evidence"]["lift"].is_null());  // was +inf
}

TEST(EvalJsonTest, RegressionWithoutScores) {
  const json doc = Render(testing::SampleRegressionEval());
  EXPECT_EQ(doc["task"], "regression");
  EXPECT_TRUE(doc["positive_label"].is_null());
  EXPECT_TRUE(doc["threshold"].is_null());
  EXPECT_TRUE(doc["inputs"]["reference"].is_null());
  EXPECT_EQ(doc["calibration"]["available"], false);
  EXPECT_TRUE(doc["calibration"]["ece"].is_null());
  EXPECT_EQ(doc["calibration"]["bins"], json::array());
  EXPECT_EQ(doc["fairness"], json::object());
  EXPECT_EQ(doc["slices"], json::array());
  EXPECT_TRUE(doc["worst_case"]["slice"].is_null());
  EXPECT_EQ(doc["worst_case"]["metrics"], json::object());
  EXPECT_EQ(doc["tail"]["available"], false);
  EXPECT_TRUE(doc["metrics"]["mape"]["value"].is_null());
  EXPECT_EQ(doc["metrics"]["mape"]["note"], "undefined: every true value is 0");
}

TEST(EvalJsonTest, UndefinedAndNonFiniteBecomeNull) {
  const std::string text =
      RenderEvalJson(testing::SampleUndefinedEval(), testing::SampleEvalMeta());
  EXPECT_EQ(text.find("NaN"), std::string::npos);
  EXPECT_EQ(text.find("nan"), std::string::npos);
  EXPECT_EQ(text.find("Infinity"), std::string::npos);
  const json doc = json::parse(text);
  EXPECT_TRUE(doc["threshold"].is_null());
  EXPECT_TRUE(doc["config"]["alpha"].is_null());
  EXPECT_TRUE(doc["config"]["tail_share"].is_null());
  EXPECT_TRUE(doc["metrics"]["accuracy"]["value"].is_null());
  EXPECT_TRUE(doc["metrics"]["roc_auc"]["value"].is_null());
  EXPECT_TRUE(doc["metrics"]["roc_auc"]["ci_low"].is_null());
  EXPECT_TRUE(doc["metrics"]["roc_auc"]["ci_high"].is_null());
  const json& s = doc["slices"][0];
  for (const char* key : {"error_rate", "overall_error", "lift", "score", "p_value", "q_value"}) {
    EXPECT_TRUE(s[key].is_null()) << key;
  }
  // A gate on worst_case.accuracy finds the key, and it is null: undefined,
  // which the gate can report instead of comparing against 0.
  ASSERT_TRUE(doc["worst_case"].contains("accuracy"));
  EXPECT_TRUE(doc["worst_case"]["accuracy"].is_null());
  EXPECT_TRUE(doc["fairness"]["g"]["demographic_parity_ratio"].is_null());
  EXPECT_TRUE(doc["fairness"]["g"]["errors_independent"]["chi2"]["statistic"].is_null());
  EXPECT_TRUE(doc["calibration"]["bins"][1]["fraction_positive"].is_null());
  EXPECT_TRUE(doc["tail"]["share"].is_null());
  EXPECT_TRUE(doc["tail"]["cvar_loss"].is_null());
}

TEST(EvalJsonTest, WeirdNamesSurviveAndNeverBreakTheDocument) {
  EvalResult r = testing::SampleBinaryEval();
  r.fairness[1].groups[0].value = "caf\xe9";  // Latin-1, invalid UTF-8
  const json doc = Render(r);
  ASSERT_TRUE(doc["fairness"].contains(testing::kEvalScriptName));
  EXPECT_EQ(doc["fairness"][testing::kEvalScriptName]["groups"][0]["name"], "caf\xef\xbf\xbd");
  EXPECT_DOUBLE_EQ(
      doc["fairness"][testing::kEvalScriptName]["demographic_parity_ratio"].get<double>(), 0.88);
  EXPECT_EQ(doc["segments"][2]["value"], "<b>ignore</b>");
}

TEST(EvalJsonTest, FlatViewsNeverOverwriteStructure) {
  EvalResult r = testing::SampleBinaryEval();
  r.worst_case.metrics["slice"] = {0.1, std::nullopt, std::nullopt, "", ""};
  r.worst_case.metrics["metrics"] = {0.2, std::nullopt, std::nullopt, "", ""};
  r.fairness[0].disparities["groups"] = {0.3, std::nullopt, std::nullopt, "", ""};
  r.fairness[0].disparities["verdict"] = {0.4, std::nullopt, std::nullopt, "", ""};
  FairnessResult again = r.fairness[0];
  again.verdict = "second";
  r.fairness.push_back(again);
  const json doc = Render(r);
  EXPECT_EQ(doc["worst_case"]["slice"], "Home = rent & Job = partime");
  EXPECT_TRUE(doc["worst_case"]["metrics"].is_object());
  EXPECT_DOUBLE_EQ(doc["worst_case"]["metrics"]["slice"]["value"].get<double>(), 0.1);
  EXPECT_TRUE(doc["fairness"]["afam"]["groups"].is_array());
  EXPECT_EQ(doc["fairness"]["afam"]["verdict"],
            "errors are concentrated in some groups (systematic)");
  EXPECT_DOUBLE_EQ(doc["fairness"]["afam"]["disparities"]["groups"]["value"].get<double>(), 0.3);
  // A second result for the same attribute gets its own key.
  ASSERT_TRUE(doc["fairness"].contains("afam (2)"));
  EXPECT_EQ(doc["fairness"]["afam (2)"]["attribute"], "afam");
  EXPECT_EQ(doc["fairness"]["afam (2)"]["verdict"], "second");
}

TEST(EvalSchemaTest, RenderedSamplesConform) {
  const json schema = testing::LoadSchema("evaluation.v1.json");
  EXPECT_EQ(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
  for (const EvalResult& r : {testing::SampleBinaryEval(), testing::SampleRegressionEval(),
                              testing::SampleUndefinedEval(), EvalResult{}}) {
    const auto errors = testing::ValidateSchema(schema, Render(r));
    EXPECT_TRUE(errors.empty()) << testing::Joined(errors);
  }
}

TEST(EvalSchemaTest, SchemaRejectsBrokenDocuments) {
  const json schema = testing::LoadSchema("evaluation.v1.json");
  const json good = Render(testing::SampleBinaryEval());

  json missing = good;
  missing["calibration"].erase("ece");
  auto errors = testing::ValidateSchema(schema, missing);
  ASSERT_EQ(errors.size(), 1u) << testing::Joined(errors);
  EXPECT_EQ(errors[0], "/calibration: missing required key \"ece\"");

  json wrong = good;
  wrong["worst_case"]["accuracy"] = "0.52";
  errors = testing::ValidateSchema(schema, wrong);
  ASSERT_EQ(errors.size(), 1u) << testing::Joined(errors);
  EXPECT_NE(errors[0].find("/worst_case/accuracy: expected type"), std::string::npos);

  json flat = good;
  flat["fairness"]["afam"]["demographic_parity_ratio"] = json::object();
  EXPECT_EQ(testing::ValidateSchema(schema, flat).size(), 1u);

  json task = good;
  task["task"] = "ranking";
  EXPECT_EQ(testing::ValidateSchema(schema, task).size(), 1u);

  json metric = good;
  metric["metrics"]["accuracy"]["value"] = "high";
  EXPECT_EQ(testing::ValidateSchema(schema, metric).size(), 1u);

  json reference = good;
  reference["inputs"]["reference"].erase("sha256");
  EXPECT_EQ(testing::ValidateSchema(schema, reference).size(), 1u);

  json kind = good;
  kind["kind"] = "drift_report";
  EXPECT_EQ(testing::ValidateSchema(schema, kind).size(), 1u);
}

}  // namespace
}  // namespace airm
