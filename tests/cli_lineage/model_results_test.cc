// Issue 16 end to end with the real `airm` binary on the bundled credit
// example: drift, evaluate and chaos name a registered model version (--model
// NAME@VERSION, chaos also --model-version); the drift report puts the
// model's importance beside each column and measures the card's out-of-scope
// range, from the rows or from sketches; the verdicts are recorded only once
// their reports are written, and the model card shows them with their date
// and reports, and says which were never run.
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

  std::string Chaos(const std::string& model) {
    return "chaos --model " + model + " --data " + Example("current.csv") +
           " --target Status --suite missing --bootstrap 0";
  }
  json Card() { return json::parse(Airm("model card credit@1 --json -").out); }

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
  EXPECT_EQ(card["schema_version"], "1.3");
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

// Issue 16 §1: the card shows the latest chaos verdict beside the others,
// with its date, its record and a link to the report the run wrote.
TEST_F(ModelResultsTest, ChaosRecordsItsVerdictWithItsReportsForTheCard) {
  RunResult r = Airm(Chaos("credit@1") + " --json chaos.json --html chaos.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const json report = json::parse(airm::testing::ReadWholeFile(Path("chaos.json")));
  // The registered artifact, run in-process.
  const std::string spec = report["inputs"]["model"]["spec"].get<std::string>();
  EXPECT_EQ(spec.rfind("xgboost:", 0), 0u) << spec;
  EXPECT_NE(spec.find("examples/credit/model.json"), std::string::npos) << spec;
  const uint64_t failed = report["summary"]["failed"].get<uint64_t>();
  ASSERT_GT(failed, 0u) << "the missing family fails on the credit model";

  json card = Card();
  ASSERT_EQ(card["latest_results"].size(), 1u);
  const json& chaos = card["latest_results"][0];
  EXPECT_EQ(chaos["kind"], "chaos");
  EXPECT_EQ(chaos["status"], "fail");
  const std::string summary = chaos["summary"].get<std::string>();
  EXPECT_NE(summary.find("failure modes tested: " + std::to_string(failed) + " failed"),
            std::string::npos)
      << summary;
  EXPECT_EQ(chaos["data_path"], Example("current.csv"));
  EXPECT_EQ(chaos["data_digest"],
            "sha256:" + report["inputs"]["data"]["sha256"].get<std::string>());
  EXPECT_GT(chaos["result_id"].get<int64_t>(), 0);
  ASSERT_EQ(chaos["reports"].size(), 2u);
  EXPECT_EQ(chaos["reports"][0], Path("chaos.json"));
  EXPECT_EQ(chaos["reports"][1], Path("chaos.html"));

  r = Airm("model card credit@1 --format html --out card.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string html = airm::testing::ReadWholeFile(Path("card.html"));
  EXPECT_EQ(html.find("no failure-mode run recorded"), std::string::npos);
  const size_t row = html.find("Does it fail safely on bad input?");
  ASSERT_NE(row, std::string::npos);
  const std::string cells = html.substr(row, html.find("</tr>", row) - row);
  EXPECT_NE(cells.find("problem found"), std::string::npos) << cells;
  EXPECT_NE(cells.find("the latest failure-mode run, " + chaos["recorded_at"].get<std::string>()),
            std::string::npos)
      << cells;
  EXPECT_NE(cells.find("<a href=\"file://" + Path("chaos.html") + "\">chaos.html</a>"),
            std::string::npos)
      << cells;
  r = Airm("model card credit@1 --format md --out card.md");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(airm::testing::ReadWholeFile(Path("card.md")).find("report `" + Path("chaos.html")),
            std::string::npos);

  // A served model named beside its registered version: the newer verdict
  // is the card's, and standard output is no report to point at.
  r = Airm("chaos --model xgboost:" + Example("model.json") + " --data " + Example("current.csv") +
           " --target Status --suite determinism --bootstrap 0 --model-version credit@1 --json -");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  card = Card();
  ASSERT_EQ(card["latest_results"].size(), 1u);
  EXPECT_EQ(card["latest_results"][0]["status"], "pass");
  EXPECT_TRUE(card["latest_results"][0]["reports"].empty());
}

TEST_F(ModelResultsTest, ChaosVersionMistakesExitTwoAndRecordNothing) {
  RunResult r = Airm(Chaos("credit@9"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("credit"), std::string::npos) << r.err;
  r = Airm(Chaos("xgboost:" + Example("model.json")) + " --model-version plainname");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--model-version takes a registered NAME@VERSION"), std::string::npos)
      << r.err;
  r = Airm(Chaos("credit@1") + " --model-version other@1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("two different versions"), std::string::npos) << r.err;
  EXPECT_TRUE(Card()["latest_results"].empty());
}

// Issue 16: a verdict is recorded only after its reports were written, so a
// report that could not be written (/dev/full: the write fails after every
// check passed) leaves no verdict behind.
TEST_F(ModelResultsTest, AReportThatFailsToWriteLeavesNoVerdict) {
  RunResult r = Airm(Drift("credit@1") + " --json drift.json --html /dev/full");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
  r = Airm("evaluate --data " + Example("current.csv") +
           " --target Status --score score --positive-label bad --threshold 0.3042"
           " --sensitive Marital --bootstrap 20 --model credit@1 --html /dev/full");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
  r = Airm(Chaos("credit@1") + " --html /dev/full");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/dev/full"), std::string::npos) << r.err;
  EXPECT_TRUE(Card()["latest_results"].empty());
  // A --fail-on that does not parse is the same: the reports are not
  // written and nothing is recorded.
  r = Airm(Drift("credit@1") + " --json d.json --fail-on 'nonsense =='");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_FALSE(fs::exists(Path("d.json")));
  EXPECT_TRUE(Card()["latest_results"].empty());
  // The same run with a writable report records its verdict.
  r = Airm(Drift("credit@1") + " --html drift.html");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(Card()["latest_results"].size(), 1u);
  EXPECT_EQ(Card()["latest_results"][0]["reports"][0], Path("drift.html"));
}

// Issue 16: the card's out-of-scope range is measured from sketches too
// (--sketch, a saved reference profile), with the interval holding the count.
TEST_F(ModelResultsTest, SketchDriftEstimatesTheOutOfScopeShareWithItsBound) {
  // Small sketches: the count is an estimate with a bound.
  RunResult r = Airm(Drift("credit@1") + " --sketch --sketch-k 8 --json d.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  json doc = json::parse(airm::testing::ReadWholeFile(Path("d.json")));
  ASSERT_EQ(doc["out_of_scope"].size(), 1u);
  json scope = doc["out_of_scope"][0];
  EXPECT_EQ(scope["rows_known"], 1068);
  // Every current applicant is older than 45: the interval ends at 1068.
  const std::string note = scope["note"].get<std::string>();
  EXPECT_NE(note.find("estimated from the sketches: between "), std::string::npos) << note;
  EXPECT_NE(note.find(" and 1068 rows ("), std::string::npos) << note;
  EXPECT_LE(scope["rows_inside"].get<int64_t>(), 1068);
  json card = Card();
  ASSERT_EQ(card["latest_results"][0]["out_of_scope"].size(), 1u);
  EXPECT_NE(card["latest_results"][0]["out_of_scope"][0]["note"].get<std::string>().find(
                "estimated from the sketches"),
            std::string::npos);
  EXPECT_NE(card["latest_results"][0]["summary"].get<std::string>().find(
                "(Age > 45; estimated from the sketches: between "),
            std::string::npos)
      << card["latest_results"][0]["summary"];

  // A saved reference profile: the current rows are profiled with the
  // default sketches, which keep all 1068 values, so the count is exact.
  r = Airm("profile " + Example("reference.csv") + " --save ref.airmprof");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = Airm("drift --reference ref.airmprof --current " + Example("current.csv") + " --schema " +
           Example("schema.yaml") + " --model credit@1 --json d2.json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  doc = json::parse(airm::testing::ReadWholeFile(Path("d2.json")));
  EXPECT_EQ(doc["comparison"], "sketches");
  scope = doc["out_of_scope"][0];
  EXPECT_EQ(scope["rows_inside"], 1068);
  EXPECT_EQ(scope["share"], 1.0);
  EXPECT_EQ(scope["note"], "counted from the sketches, which kept every value");
  bool flagged = false;
  for (const json& f : doc["findings"]) flagged |= f["code"] == "drift.out_of_scope";
  EXPECT_TRUE(flagged);
}

}  // namespace
