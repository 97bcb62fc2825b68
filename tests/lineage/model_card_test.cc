// Model cards built from the store: Model Card Toolkit field names in JSON,
// the plain-language Markdown and HTML forms, undefined metrics shown as
// such, and a card without YAML that says what is missing.
#include "airm/lineage/model_card.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "airm/report/lineage_documents.h"
#include "airm/store/model_results.h"
#include "html_checks.h"
#include "mini_schema.h"
#include "pipeline.h"

namespace airm::testing {
namespace {

using nlohmann::json;

ReportMeta Meta() { return {"0.1.0", "2026-11-27T04:33:16Z", "airm model card credit@3"}; }

// What `airm model register --card` stores (include/airm/store/model_inputs.h).
constexpr const char* kCard = R"({
  "model_details": {
    "overview": "Scores credit applications for the risk of default.",
    "owners": [{"name": "Risk Analytics", "contact": "risk@example.com"}],
    "licenses": [{"identifier": "Apache-2.0"}],
    "references": [{"reference": "https://example.com/credit-model"}]
  },
  "considerations": {
    "use_cases": [{"description": "Rank applications for manual review."}],
    "out_of_scope_uses": [{"description": "Fully automated rejection."}],
    "users": [{"description": "Credit officers"}],
    "limitations": [{"description": "Trained on applicants aged 45 or less <b>only</b>."}],
    "tradeoffs": [{"description": "Recall favoured over precision."}],
    "ethical_considerations": [{"name": "Age is a feature", "mitigation_strategy": "Monitor by age group."}]
  }
})";

class ModelCardTest : public PipelineTest {
 protected:
  void SetUp() override {
    PipelineTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    Build();
    std::vector<store::ModelMetric> metrics = {
        {"roc_auc", 0.8123, 0.79, 0.83, "", features},
        {"accuracy", 0.75, std::nullopt, std::nullopt, "", features},
        {"recall", std::nullopt, std::nullopt, std::nullopt, "Home=other", features},
        {"recall", 0.61, 0.5, 0.7, "Home=owner", features},
    };
    model = Model("credit", "3", "model three", training_run,
                  {{training_set, "train"}, {holdout, "validation"}}, "2026-02-25T00:00:00Z", kCard,
                  metrics);
    Deploy(model, "staging", "2026-02-26T00:00:00Z");
  }
  lineage::ModelCard Card(int64_t id) {
    auto card = lineage::BuildModelCard(db(), id);
    EXPECT_TRUE(card.ok()) << card.status().ToString();
    return card.ok() ? std::move(card).value() : lineage::ModelCard{};
  }
  int64_t model = 0;
};

// Issue 16 §1: the card flags data the version scored that lies outside its
// training data, from the last check of that data against the training data.
TEST_P(ModelCardTest, FlagsScoredDataOutsideTheTrainingData) {
  const int64_t deployment = Deploy(model, "production", "2026-03-01T00:00:00Z");
  Predict(model, deployment, holdout, std::nullopt, "card-scored-", 3, "2026-03-02T00:00:00Z");
  const auto record = [&](const std::string& name, int64_t reference, const std::string& status,
                          const std::string& findings, const std::string& at) {
    Check(holdout, reference, name, status, findings, at);
  };
  record("out_of_range_share", training_set, "fail",
         R"([{"column":"Age","status":"fail","message":"100% of values outside [18, 45]"},)"
         R"({"column":"Debt","status":"pass","message":"fine"}])",
         "2026-03-03T00:00:00Z");
  // Fixed later: only the last run of a check counts.
  record("missing_share_change", training_set, "warn",
         R"([{"column":"Income","status":"warn","message":"more missing"}])",
         "2026-03-03T00:00:00Z");
  record("missing_share_change", training_set, "pass", "[]", "2026-03-04T00:00:00Z");
  // Against other data than the training data: not about this model's limits.
  record("new_category_share", holdout, "fail",
         R"([{"column":"Home","status":"fail","message":"new"}])", "2026-03-03T00:00:00Z");

  const lineage::ModelCard card = Card(model);
  ASSERT_EQ(card.scored_data_findings.size(), 1u);
  EXPECT_EQ(card.scored_data_findings[0].column, "Age");
  EXPECT_EQ(card.scored_data_findings[0].status, "fail");
  EXPECT_EQ(card.scored_data_findings[0].check_name, "out_of_range_share");

  const std::string html = lineage::RenderModelCard(card, lineage::CardFormat::kHtml, Meta());
  EXPECT_NE(html.find("No: outside the training data</span> in Age"), std::string::npos);
  EXPECT_NE(html.find("The data this version has scored lies outside its training data"),
            std::string::npos);
  EXPECT_NE(html.find("100% of values outside [18, 45]"), std::string::npos);
  EXPECT_NE(html.find("Is it fair across groups?"), std::string::npos);
  const json doc = json::parse(lineage::RenderModelCard(card, lineage::CardFormat::kJson, Meta()));
  ASSERT_EQ(doc["scored_data_findings"].size(), 1u);
  EXPECT_EQ(doc["scored_data_findings"][0]["column"], "Age");

  // Metrics in words, in a fixed order: ROC AUC (a headline metric) after accuracy.
  EXPECT_NE(html.find("ROC AUC <code class=\"small\">roc_auc</code>"), std::string::npos);
  EXPECT_LT(html.find(">Accuracy <code"), html.find(">ROC AUC <code"));
}

TEST_P(ModelCardTest, JsonUsesModelCardToolkitNames) {
  const json doc =
      json::parse(lineage::RenderModelCard(Card(model), lineage::CardFormat::kJson, Meta()));
  EXPECT_EQ(doc["kind"], "model_card");
  EXPECT_EQ(doc["schema_version"], "1.3");
  const json& details = doc["model_details"];
  EXPECT_EQ(details["name"], "credit");
  EXPECT_EQ(details["version"]["name"], "3");
  EXPECT_EQ(details["version"]["date"], "2026-02-25T00:00:00Z");
  EXPECT_EQ(details["owners"][0]["name"], "Risk Analytics");
  EXPECT_EQ(details["owners"][0]["contact"], "risk@example.com");
  EXPECT_EQ(details["licenses"][0]["identifier"], "Apache-2.0");
  EXPECT_EQ(details["references"][0]["reference"], "https://example.com/credit-model");
  EXPECT_EQ(details["artifact_digest"].get<std::string>().rfind("sha256:", 0), 0u);
  EXPECT_EQ(details["training_run"]["run_id"], RunUuid(training_run));

  const json& data = doc["model_parameters"]["data"];
  ASSERT_EQ(data.size(), 2u);
  EXPECT_EQ(data[0]["role"], "train");
  EXPECT_EQ(data[0]["name"], "training_set@1");
  EXPECT_EQ(data[0]["rows"], 2);
  EXPECT_EQ(data[0]["upstream"]["runs"], 3);  // features, join, clean
  EXPECT_EQ(data[0]["upstream"]["sources"], json({"lookup@1", "raw@1"}));
  EXPECT_EQ(data[0]["link"], "airm lineage impact --dataset training_set@1");
  EXPECT_EQ(data[1]["role"], "validation");
  EXPECT_EQ(data[1]["upstream"]["runs"], 0);

  const json& metrics = doc["quantitative_analysis"]["performance_metrics"];
  ASSERT_EQ(metrics.size(), 4u);
  // Overall first, then by segment.
  EXPECT_EQ(metrics[0]["slice"], "overall");
  EXPECT_EQ(metrics[0]["type"], "accuracy");
  EXPECT_TRUE(metrics[0]["confidence_interval"].is_null());
  EXPECT_EQ(metrics[1]["type"], "roc_auc");
  EXPECT_DOUBLE_EQ(metrics[1]["value"].get<double>(), 0.8123);
  EXPECT_DOUBLE_EQ(metrics[1]["confidence_interval"]["lower_bound"].get<double>(), 0.79);
  EXPECT_DOUBLE_EQ(metrics[1]["confidence_interval"]["upper_bound"].get<double>(), 0.83);
  EXPECT_EQ(metrics[2]["slice"], "Home=other");
  EXPECT_TRUE(metrics[2]["value"].is_null());  // undefined, not 0
  EXPECT_EQ(metrics[1]["dataset"], "features@1");

  const json& c = doc["considerations"];
  EXPECT_EQ(c["users"][0]["description"], "Credit officers");
  EXPECT_EQ(c["use_cases"][0]["description"], "Rank applications for manual review.");
  EXPECT_EQ(c["out_of_scope_uses"][0]["description"], "Fully automated rejection.");
  EXPECT_EQ(c["tradeoffs"][0]["description"], "Recall favoured over precision.");
  EXPECT_EQ(c["ethical_considerations"][0]["name"], "Age is a feature");
  EXPECT_EQ(c["ethical_considerations"][0]["mitigation_strategy"], "Monitor by age group.");

  // Quality checks on the training data: the last run of each check.
  const json& checks = doc["quality_checks"];
  ASSERT_EQ(checks.size(), 2u);
  EXPECT_EQ(checks[0]["check"], "missing_values");
  EXPECT_EQ(checks[0]["last_status"], "pass");
  EXPECT_EQ(checks[0]["runs"], 2);
  EXPECT_EQ(checks[1]["check"], "schema");
  EXPECT_EQ(checks[1]["last_executed_at"], "2026-01-11T00:00:00Z");
  ASSERT_EQ(doc["deployments"].size(), 1u);
  EXPECT_EQ(doc["deployments"][0]["environment"], "staging");
  EXPECT_TRUE(doc["deployments"][0]["current"].get<bool>());
  EXPECT_TRUE(doc["notes"].empty());
  const auto errors = ValidateSchema(LoadSchema("model-card.v1.json"), doc);
  EXPECT_TRUE(errors.empty()) << Joined(errors);
}

TEST_P(ModelCardTest, HtmlSpeaksPlainlyAndEscapes) {
  const std::string html =
      lineage::RenderModelCard(Card(model), lineage::CardFormat::kHtml, Meta());
  for (const char* heading : {"What this model is for", "What it was trained on",
                              "How well it works, and for whom", "Known limits"}) {
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(html.find("undefined (too little evidence)"), std::string::npos);
  EXPECT_NE(html.find("0.8123 (95% CI 0.79 to 0.83)"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;only&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("<b>only"), std::string::npos);
  EXPECT_TRUE(airm::testing::OnlyThePagesOwnScript(html));
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
}

TEST_P(ModelCardTest, MarkdownHasTheSameSections) {
  const std::string md =
      lineage::RenderModelCard(Card(model), lineage::CardFormat::kMarkdown, Meta());
  EXPECT_EQ(md.rfind("# Model card: credit@3", 0), 0u) << md;
  for (const char* heading : {"## What this model is for", "## What it was trained on",
                              "## How well it works, and for whom", "## Known limits"}) {
    EXPECT_NE(md.find(heading), std::string::npos) << heading;
  }
  // Measures in words with the code beside them (issue 16).
  EXPECT_NE(
      md.find("| Home=other | Recall (`recall`) | undefined (too little evidence) | features@1 |"),
      std::string::npos)
      << md;
  // Nothing recorded for this version: said, not invented.
  EXPECT_NE(md.find("## Latest results for this version"), std::string::npos) << md;
  EXPECT_NE(md.find("no drift run recorded"), std::string::npos) << md;
  EXPECT_NE(md.find("(quantitative analyses)"), std::string::npos) << md;
  EXPECT_NE(md.find("\\<b\\>only\\</b\\>"), std::string::npos) << md;
}

// Issue 16 §1: the newest recorded verdict of each kind, from the store; a
// kind never recorded is absent, and the pages say so.
TEST_P(ModelCardTest, ShowsTheLatestRecordedVerdictOfEachKind) {
  const auto record = [&](store::ModelResult r) {
    r.model_version_id = model;
    auto id = store::RecordModelResult(db(), r);
    ASSERT_TRUE(id.ok()) << id.status().ToString();
  };
  record({.kind = "drift",
          .status = "pass",
          .summary = "older run",
          .recorded_at = "2026-03-01T00:00:00Z"});
  record({.kind = "drift",
          .status = "fail",
          .summary = "The current data has drifted.",
          .data_path = "current.csv",
          .details_json = R"({"out_of_scope":[{"description":"Applicants older than 45.",)"
                          R"("condition":"Age > 45","rows_inside":1068,"rows_known":1068,)"
                          R"("share":1.0,"note":""}]})",
          .recorded_at = "2026-03-02T00:00:00Z"});
  record({.kind = "evaluation",
          .status = "warn",
          .summary = "1 warning.",
          .recorded_at = "2026-03-02T00:00:00Z"});
  const lineage::ModelCard card = Card(model);
  ASSERT_EQ(card.results.size(), 2u);
  EXPECT_EQ(card.results[0].kind, "drift");
  EXPECT_EQ(card.results[0].summary, "The current data has drifted.");
  ASSERT_EQ(card.results[0].out_of_scope.size(), 1u);
  EXPECT_EQ(card.results[0].out_of_scope[0].condition, "Age > 45");
  EXPECT_EQ(card.results[0].out_of_scope[0].share, 1.0);
  EXPECT_EQ(card.results[1].kind, "evaluation");

  const std::string html = lineage::RenderModelCard(card, lineage::CardFormat::kHtml, Meta());
  EXPECT_NE(html.find("problem found</span> The current data has drifted."), std::string::npos);
  EXPECT_EQ(html.find("older run"), std::string::npos);
  EXPECT_NE(html.find("no fairness check recorded"), std::string::npos);
  EXPECT_NE(html.find("no failure-mode run recorded"), std::string::npos);
  EXPECT_NE(html.find("100% of the rows of current.csv (1068 of 1068"), std::string::npos);
  const std::string md = lineage::RenderModelCard(card, lineage::CardFormat::kMarkdown, Meta());
  EXPECT_NE(md.find("**problem found**: The current data has drifted."), std::string::npos) << md;
  EXPECT_NE(md.find("no fairness check recorded"), std::string::npos) << md;
  const json doc = json::parse(lineage::RenderModelCard(card, lineage::CardFormat::kJson, Meta()));
  EXPECT_EQ(doc["schema_version"], "1.3");
  ASSERT_EQ(doc["latest_results"].size(), 2u);
  EXPECT_EQ(doc["latest_results"][0]["out_of_scope"][0]["rows_inside"], 1068);
  const auto errors = ValidateSchema(LoadSchema("model-card.v1.json"), doc);
  EXPECT_TRUE(errors.empty()) << Joined(errors);

  store::ModelResult bad{.kind = "vibes", .status = "pass", .summary = "x"};
  bad.model_version_id = model;
  const auto refused = store::RecordModelResult(db(), bad);
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("kind 'vibes'"), std::string::npos);
}

TEST_P(ModelCardTest, CardWithoutYamlSaysWhatIsMissing) {
  const lineage::ModelCard card = Card(model_v1);
  ASSERT_EQ(card.notes.size(), 1u);
  EXPECT_NE(card.notes[0].find("--card"), std::string::npos);
  const std::string md = lineage::RenderModelCard(card, lineage::CardFormat::kMarkdown, Meta());
  EXPECT_NE(md.find("- not stated"), std::string::npos);
  EXPECT_NE(md.find("No metrics were registered"), std::string::npos);
  auto missing = lineage::BuildModelCard(db(), 424242);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
}

AIRM_INSTANTIATE_STORE_BACKENDS(ModelCardTest);

}  // namespace
}  // namespace airm::testing
