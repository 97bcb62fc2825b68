// Issue 16 end to end with the real `airm` binary on the bundled credit
// example: drift and evaluate name a registered model version (--model
// NAME@VERSION); the drift report puts the model's importance beside each
// column and measures the card's out-of-scope range; both verdicts are
// recorded and the model card shows them, and says which were never run.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "support/run_command.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using RunResult = airm::testing::CommandResult;

fs::path Dir() {
  return fs::path(::testing::TempDir()) / ("airm_model_results_" + std::to_string(getpid()));
}
std::string Path(const std::string& name) { return (Dir() / name).string(); }
std::string Example(const std::string& name) {
  return std::string(AIRM_SOURCE_DIR) + "/examples/credit/" + name;
}

RunResult Airm(const std::string& args) {
  return airm::testing::RunShell(
      "cd " + airm::testing::ShellQuote(Dir().string()) + " && " + AIRM_BINARY + " " + args, Dir());
}

const json* Column(const json& columns, const std::string& name) {
  for (const json& c : columns) {
    if (c["name"] == name) return &c;
  }
  return nullptr;
}

class ModelResultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::remove_all(Dir());
    fs::create_directories(Dir());
    // The card rules out applicants older than 45 in words and as a range.
    std::ofstream(Path("card.yaml")) << "out_of_scope_uses:\n"
                                        "  - Automated rejection without review.\n"
                                        "  - description: Applicants older than 45.\n"
                                        "    column: Age\n"
                                        "    above: 45\n";
    ASSERT_EQ(Airm("init .").exit_code, 0);
    ASSERT_EQ(Airm("dataset register " + Example("reference.csv") + " --name ref").exit_code, 0);
    const RunResult r = Airm("model register --name credit --version 1 --artifact " +
                             Example("model.json") + " --training-data ref@1 --card card.yaml");
    ASSERT_EQ(r.exit_code, 0) << r.err;
  }
  void TearDown() override { fs::remove_all(Dir()); }

  std::string Drift(const std::string& model) {
    return "drift --reference " + Example("reference.csv") + " --current " +
           Example("current.csv") + " --schema " + Example("schema.yaml") +
           " --no-multivariate --model " + model;
  }
};

TEST_F(ModelResultsTest, CardSaysNothingWasRecordedBeforeAnyRun) {
  const RunResult r = Airm("model card credit@1 --format html --out card.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = airm::testing::ReadWholeFile(Path("card.html"));
  EXPECT_NE(html.find("no drift run recorded"), std::string::npos);
  EXPECT_NE(html.find("no evaluation recorded"), std::string::npos);
  EXPECT_NE(html.find("no fairness check recorded"), std::string::npos);
  EXPECT_NE(html.find("no failure-mode run recorded"), std::string::npos);
  const json card = json::parse(Airm("model card credit@1 --json -").out);
  EXPECT_EQ(card["schema_version"], "1.2");
  EXPECT_TRUE(card["latest_results"].empty());
}

TEST_F(ModelResultsTest, DriftShowsImportanceAndRecordsItsVerdictForTheCard) {
  RunResult r = Airm(Drift("credit@1") + " --json drift.json --html drift.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(airm::testing::ReadWholeFile(Path("drift.json")));
  EXPECT_EQ(doc["schema_version"], "1.4");
  ASSERT_TRUE(doc["model"].is_object());
  EXPECT_NE(doc["model"]["source"].get<std::string>().find("credit@1"), std::string::npos);
  EXPECT_EQ(doc["model"]["features"], 26);
  EXPECT_TRUE(doc["model"]["unmatched_features"].empty());
  // Per-column sums of Python XGBoost's total_gain (credit_model_importance.csv).
  const json* income = Column(doc["columns"], "Income");
  const json* age = Column(doc["columns"], "Age");
  const json* home = Column(doc["columns"], "Home");
  ASSERT_TRUE(income && age && home);
  EXPECT_NEAR((*income)["model_use"]["gain_share"].get<double>(), 0.191208, 1e-5);
  EXPECT_NEAR((*age)["model_use"]["gain_share"].get<double>(), 0.023610, 1e-5);
  EXPECT_EQ((*home)["model_use"]["splits"], 85);  // 5 used dummies: 14 + 19 + 28 + 11 + 13
  EXPECT_TRUE(Column(doc["outputs"], "score")->at("model_use").is_null());
  // Every current applicant is older than 45: the card's own range.
  ASSERT_EQ(doc["out_of_scope"].size(), 1u);
  EXPECT_EQ(doc["out_of_scope"][0]["column"], "Age");
  EXPECT_EQ(doc["out_of_scope"][0]["rows_inside"], 1068);
  EXPECT_EQ(doc["out_of_scope"][0]["share"], 1.0);
  bool flagged = false;
  for (const json& f : doc["findings"]) flagged |= f["code"] == "drift.out_of_scope";
  EXPECT_TRUE(flagged);
  const std::string html = airm::testing::ReadWholeFile(Path("drift.html"));
  EXPECT_NE(html.find("Model uses it"), std::string::npos);
  EXPECT_NE(html.find("19% of the model&#39;s gain"), std::string::npos) << "Income";
  EXPECT_NE(html.find("2.4% of the model&#39;s gain"), std::string::npos) << "Age";

  const json card = json::parse(Airm("model card credit@1 --json -").out);
  ASSERT_EQ(card["latest_results"].size(), 1u);
  const json& drift = card["latest_results"][0];
  EXPECT_EQ(drift["kind"], "drift");
  EXPECT_EQ(drift["status"], "fail");
  EXPECT_NE(drift["summary"].get<std::string>().find("Inputs: 10 of 13 tested columns drifted."),
            std::string::npos);
  EXPECT_NE(drift["summary"].get<std::string>().find("rules out (Age > 45)"), std::string::npos);
  ASSERT_EQ(drift["out_of_scope"].size(), 1u);
  EXPECT_EQ(drift["out_of_scope"][0]["condition"], "Age > 45");
  r = Airm("model card credit@1 --format html --out card.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string card_html = airm::testing::ReadWholeFile(Path("card.html"));
  EXPECT_EQ(card_html.find("no drift run recorded"), std::string::npos);
  EXPECT_NE(card_html.find("fall in &quot;Applicants older than 45.&quot; (Age &gt; 45)"),
            std::string::npos);
}

TEST_F(ModelResultsTest, EvaluateRecordsEvaluationAndFairness) {
  const RunResult r = Airm("evaluate --data " + Example("current.csv") +
                           " --target Status --score score --positive-label bad --threshold 0.3042"
                           " --sensitive Marital --bootstrap 20 --model credit@1 --json e.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json card = json::parse(Airm("model card credit@1 --json -").out);
  ASSERT_EQ(card["latest_results"].size(), 2u);
  EXPECT_EQ(card["latest_results"][0]["kind"], "evaluation");
  EXPECT_NE(card["latest_results"][0]["summary"].get<std::string>().find("ROC AUC"),
            std::string::npos);
  EXPECT_EQ(card["latest_results"][1]["kind"], "fairness");
  EXPECT_EQ(card["latest_results"][1]["status"], "fail");  // four-fifths rule on Marital
  EXPECT_NE(card["latest_results"][1]["summary"].get<std::string>().find("Marital"),
            std::string::npos);
}

TEST_F(ModelResultsTest, AnXgboostFileGivesImportanceWithoutAStore) {
  const RunResult r =
      Airm(Drift("xgboost:" + Example("model.json")) + " --store /nonexistent --json d.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json doc = json::parse(airm::testing::ReadWholeFile(Path("d.json")));
  EXPECT_EQ(doc["model"]["source"], "xgboost:" + Example("model.json"));
  EXPECT_TRUE(doc["out_of_scope"].empty());
}

TEST_F(ModelResultsTest, BadModelSpecsExitTwoNamingTheProblem) {
  RunResult r = Airm(Drift("credit@9"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("credit"), std::string::npos) << r.err;
  r = Airm(Drift("plainname"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("neither xgboost:FILE nor"), std::string::npos) << r.err;
  r = Airm(Drift("xgboost:missing.json"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("missing.json"), std::string::npos) << r.err;
  std::ofstream(Path("bad_card.yaml")) << "out_of_scope_uses:\n  - description: x\n"
                                          "    column: Age\n    above: old\n";
  r = Airm("model register --name other --version 1 --artifact " + Example("model.json") +
           " --training-data ref@1 --card bad_card.yaml");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bad_card.yaml:4"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("must be a number"), std::string::npos) << r.err;
}

}  // namespace
